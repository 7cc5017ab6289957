import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  api,
  type BodyOf,
  everyPage,
  ifMatch,
  type Problem,
  type Schemas,
  unwrap,
} from '../../lib/api/client.ts';

export type Issue = Schemas['MaintenanceIssue'];
export type IssueStatus = Schemas['MaintenanceStatus'];
export type IssuePriority = Schemas['MaintenancePriority'];
export type MaintenanceType = Schemas['MaintenanceType'];
export type IssueInput = BodyOf<'/api/v1/maintenance/issues', 'post'>;
export type IssueChange = BodyOf<'/api/v1/maintenance/issues/{issueId}', 'patch'>;
export type HistoryEntry = Schemas['MaintenanceHistory']['items'][number];
export type PressingWorkOrder = Schemas['PressingWorkOrder'];
export type Member = Schemas['Member'];

/** Still to do: what "open work orders" means everywhere in the app. */
export const OPEN_STATUSES: readonly IssueStatus[] = ['open', 'in_progress', 'on_hold'];
export const isOpen = (status: IssueStatus) => OPEN_STATUSES.includes(status);

export const STATUS_COLORS: Record<IssueStatus, string> = {
  open: 'orange',
  in_progress: 'cyan',
  on_hold: 'grape',
  resolved: 'teal',
  cancelled: 'gray',
};

export const PRIORITY_COLORS: Record<IssuePriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

/**
 * The steps offered from each status, in the order of the buttons. The server
 * also takes in_progress/on_hold → open, which no one needs as a button;
 * resolved and cancelled are final (a problem that comes back is a new work order).
 */
export const STATUS_STEPS: Record<IssueStatus, readonly IssueStatus[]> = {
  open: ['in_progress', 'on_hold', 'resolved', 'cancelled'],
  in_progress: ['on_hold', 'resolved', 'cancelled'],
  on_hold: ['in_progress', 'resolved', 'cancelled'],
  resolved: [],
  cancelled: [],
};

/** Whether a work order is late: a due date passed while it is still to do. */
export const isOverdue = (issue: Pick<Issue, 'dueDate' | 'status'>, today: string) =>
  issue.dueDate !== null && issue.dueDate < today && isOpen(issue.status);

/** Costs are left out of the answers staff get: a work order carries them or not. */
export const hasCosts = (issue: Issue): issue is Issue & Required<Pick<Issue, 'laborCost'>> =>
  issue.laborCost !== undefined;

/**
 * A 409 because the block's nights are taken: the answer names the stay (or
 * block) in the way, which the form shows next to the dates. The app's ApiError
 * keeps only the standard fields of a problem, so the names are read here.
 */
export class OverlapError extends ApiError {
  readonly reservationId: string | null;
  readonly blockId: string | null;
  constructor(problem: Problem, holders: { reservationId: string | null; blockId: string | null }) {
    super(problem);
    this.reservationId = holders.reservationId;
    this.blockId = holders.blockId;
  }
}

function unwrapIssue<T>(result: { data?: T; error?: unknown; response: Response }): T {
  try {
    return unwrap(result);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'overlap') {
      const body = (result.error ?? {}) as { conflictingReservationId?: string; conflictingBlockId?: string };
      throw new OverlapError(error.problem, {
        reservationId: body.conflictingReservationId ?? null,
        blockId: body.conflictingBlockId ?? null,
      });
    }
    throw error;
  }
}

/** Everything a work order's change may move: the lists, the day's warnings, the calendar's blocks. */
const invalidateWork = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all(
    ['maintenance', 'calendar', 'operations'].map((key) =>
      queryClient.invalidateQueries({ queryKey: [key] }),
    ),
  );

export function useMaintenanceTypes() {
  return useQuery({
    queryKey: ['maintenance', 'types'],
    queryFn: async () => unwrap(await api.GET('/api/v1/maintenance/types')).items,
    staleTime: 5 * 60_000,
  });
}

/** A type's label in the page's language; the code itself for a type the list does not know. */
export function typeLabel(types: MaintenanceType[] | undefined, code: string, language: string | undefined) {
  const type = types?.find((candidate) => candidate.code === code);
  if (!type) return code;
  return language?.startsWith('fr') ? type.labelFr : type.labelEn;
}

export interface IssueFilters {
  houseId?: string;
  status?: IssueStatus[];
  priority?: IssuePriority[];
  type?: string;
  assigneeUserId?: string;
}

/** Work orders, newest first, a page at a time ("load more" follows nextCursor). */
export function useIssues(filters: IssueFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const { limit = 50, enabled = true } = options;
  return useInfiniteQuery({
    queryKey: ['maintenance', 'issues', filters, limit],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/maintenance/issues', {
          params: {
            query: {
              limit,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filters.houseId ? { houseId: filters.houseId } : {}),
              ...(filters.status?.length ? { status: filters.status } : {}),
              ...(filters.priority?.length ? { priority: filters.priority } : {}),
              ...(filters.type ? { type: filters.type } : {}),
              ...(filters.assigneeUserId ? { assigneeUserId: filters.assigneeUserId } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useIssue(issueId: string) {
  return useQuery({
    queryKey: ['maintenance', 'issue', issueId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/maintenance/issues/{issueId}', { params: { path: { issueId } } })),
  });
}

export function useIssueHistory(issueId: string) {
  return useQuery({
    queryKey: ['maintenance', 'issue', issueId, 'history'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/maintenance/issues/{issueId}/history', { params: { path: { issueId } } }))
        .items,
  });
}

export function useCreateIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: IssueInput; idempotencyKey: string }) =>
      unwrapIssue(
        await api.POST('/api/v1/maintenance/issues', {
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSettled: () => invalidateWork(queryClient),
  });
}

/**
 * A change of a work order, on the version the screen showed (If-Match). A
 * 412 means someone changed it meanwhile: the work order is fetched again,
 * and the screen says so.
 */
export function useUpdateIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ issue, change }: { issue: Issue; change: IssueChange }) =>
      unwrapIssue(
        await api.PATCH('/api/v1/maintenance/issues/{issueId}', {
          params: { path: { issueId: issue.id } },
          headers: ifMatch(issue.version),
          body: change,
        }),
      ),
    onSuccess: (issue) => queryClient.setQueryData(['maintenance', 'issue', issue.id], issue),
    onSettled: () => invalidateWork(queryClient),
  });
}

export const isVersionMismatch = (error: unknown) =>
  error instanceof ApiError && error.problem.status === 412;

/**
 * The members work can be assigned to. The members list is for managers (the
 * route refuses anyone else): callers pass `enabled: false` for the others.
 * Shares its cache with the members page.
 */
export function useAssignableMembers(enabled: boolean) {
  return useQuery({
    queryKey: ['members'],
    queryFn: () =>
      everyPage(async (cursor) =>
        unwrap(await api.GET('/api/v1/members', { params: { query: { limit: 200, cursor } } })),
      ),
    enabled,
    staleTime: 60_000,
  });
}

/** The stay a block's dates ran into, to name it next to the dates. */
export function useConflictingStay(reservationId: string | null) {
  return useQuery({
    queryKey: ['reservation', reservationId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reservations/{reservationId}', {
          params: { path: { reservationId: reservationId ?? '' } },
        }),
      ),
    enabled: reservationId !== null,
  });
}
