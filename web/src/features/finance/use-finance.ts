import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, type BodyOf, ifMatch, type Schemas, unwrap } from '../../lib/api/client.ts';
import { saveFile } from '../../lib/download.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import type { LedgerEntry } from './ledger.ts';

export type LedgerEntryDetail = Schemas['LedgerEntryDetail'];
export type LedgerEntryInput = BodyOf<'/api/v1/ledger', 'post'>;
export type LedgerEntryChange = BodyOf<'/api/v1/ledger/{entryId}', 'patch'>;
export type AdjustmentInput = BodyOf<'/api/v1/ledger/{entryId}/adjustments', 'post'>;
export type PaymentInput = BodyOf<'/api/v1/reservations/{reservationId}/payments', 'post'>;
export type Payment = Schemas['Payment'];
export type FinanceClosing = Schemas['FinanceClosing'];
export type LedgerHistoryEntry = Schemas['LedgerHistory']['items'][number];
export type TouristTaxRule = Schemas['TouristTaxRule'];
export type TouristTaxRuleInput = BodyOf<'/api/v1/houses/{houseId}/tourist-tax', 'put'>;
export type StayTouristTax = Schemas['StayTouristTax'];
export type StayTouristTaxInput = BodyOf<'/api/v1/reservations/{reservationId}/tourist-tax', 'post'>;

/** Who sees money, and who writes it: managers write, owners read their houses, staff see none. */
export function useFinanceAccess() {
  const role = useAuth().organization?.role;
  return {
    read: role === 'admin' || role === 'manager' || role === 'owner',
    write: role === 'admin' || role === 'manager',
    admin: role === 'admin',
  };
}

/** Everything a write of money moves: the books, the stays' amounts paid, the day's unpaid balances. */
const invalidateMoney = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all(
    ['finance', 'reservation', 'reservations', 'operations'].map((key) =>
      queryClient.invalidateQueries({ queryKey: [key] }),
    ),
  );

export interface LedgerFilters {
  houseId?: string;
  from?: string;
  /** Exclusive, as the API takes it. */
  to?: string;
  type?: Schemas['LedgerEntryType'];
  category?: Schemas['LedgerCategory'];
  origin?: Schemas['LedgerOrigin'];
  reservationId?: string;
}

/** The query without the filters left empty: the API refuses an empty date or id. */
const withoutEmpty = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== ''),
  ) as Partial<T>;

/** Ledger entries, oldest first, a page at a time; every page carries the totals of the whole selection. */
export function useLedger(filters: LedgerFilters, options: { limit?: number } = {}) {
  const { limit = 50 } = options;
  return useInfiniteQuery({
    queryKey: ['finance', 'ledger', filters, limit],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/ledger', {
          params: {
            query: { limit, ...(pageParam ? { cursor: pageParam } : {}), ...withoutEmpty(filters) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useLedgerEntry(entryId: string) {
  return useQuery({
    queryKey: ['finance', 'entry', entryId],
    queryFn: async () => unwrap(await api.GET('/api/v1/ledger/{entryId}', { params: { path: { entryId } } })),
  });
}

export function useLedgerHistory(entryId: string) {
  return useQuery({
    queryKey: ['finance', 'entry', entryId, 'history'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/ledger/{entryId}/history', { params: { path: { entryId } } })).items,
  });
}

export function useCreateEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: LedgerEntryInput; idempotencyKey: string }) =>
      unwrap(await api.POST('/api/v1/ledger', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
    onSettled: () => invalidateMoney(queryClient),
  });
}

/** A change of an entry typed by hand, on the version the screen showed (If-Match: 412 otherwise). */
export function useUpdateEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ entry, change }: { entry: LedgerEntry; change: LedgerEntryChange }) =>
      unwrap(
        await api.PATCH('/api/v1/ledger/{entryId}', {
          params: { path: { entryId: entry.id } },
          headers: ifMatch(entry.version),
          body: change,
        }),
      ),
    onSuccess: (entry) => queryClient.setQueryData(['finance', 'entry', entry.id], entry),
    onSettled: () => invalidateMoney(queryClient),
  });
}

export function useDeleteEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (entry: LedgerEntry) =>
      unwrap(
        await api.DELETE('/api/v1/ledger/{entryId}', {
          params: { path: { entryId: entry.id } },
          headers: ifMatch(entry.version),
        }),
      ),
    onSuccess: (_, entry) => queryClient.removeQueries({ queryKey: ['finance', 'entry', entry.id] }),
    onSettled: () => invalidateMoney(queryClient),
  });
}

export function useAdjustEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      entry,
      body,
      idempotencyKey,
    }: {
      entry: LedgerEntry;
      body: AdjustmentInput;
      idempotencyKey: string;
    }) =>
      unwrap(
        await api.POST('/api/v1/ledger/{entryId}/adjustments', {
          params: { path: { entryId: entry.id } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body,
        }),
      ),
    onSettled: () => invalidateMoney(queryClient),
  });
}

/** A stay's payments, what is due and the deposit held. */
export function usePayments(reservationId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['finance', 'payments', reservationId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reservations/{reservationId}/payments', {
          params: { path: { reservationId } },
        }),
      ),
    enabled: options.enabled ?? true,
  });
}

export function useRecordPayment(reservationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: PaymentInput; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/reservations/{reservationId}/payments', {
          params: { path: { reservationId } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body,
        }),
      ),
    onSettled: () => invalidateMoney(queryClient),
  });
}

/** A house's tourist tax rule; null when it has none (the API's 404). */
export function useTouristTaxRule(houseId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['finance', 'tourist-tax', houseId],
    queryFn: async (): Promise<TouristTaxRule | null> => {
      try {
        return unwrap(
          await api.GET('/api/v1/houses/{houseId}/tourist-tax', { params: { path: { houseId } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 404) return null;
        throw error;
      }
    },
    enabled: options.enabled ?? true,
  });
}

/** Sets or removes a house's rule: every stay of the house shows its tax anew. */
export function useSaveTouristTaxRule(houseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TouristTaxRuleInput) =>
      unwrap(await api.PUT('/api/v1/houses/{houseId}/tourist-tax', { params: { path: { houseId } }, body })),
    onSuccess: (rule) => queryClient.setQueryData(['finance', 'tourist-tax', houseId], rule),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

export function useRemoveTouristTaxRule(houseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/api/v1/houses/{houseId}/tourist-tax', { params: { path: { houseId } } })),
    onSuccess: () => queryClient.setQueryData(['finance', 'tourist-tax', houseId], null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

/**
 * Records a stay's tourist tax as collected: by the manager, it is posted to
 * the ledger; by the platform, only recorded. The stay's payments and the
 * ledger are read again.
 */
export function useRecordTouristTax(reservationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: StayTouristTaxInput; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/reservations/{reservationId}/tourist-tax', {
          params: { path: { reservationId } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body,
        }),
      ),
    onSettled: () => invalidateMoney(queryClient),
  });
}

export function useFinanceSummary(query: {
  from: string;
  to: string;
  houseId?: string;
  groupBy: 'month' | 'house';
}) {
  return useQuery({
    queryKey: ['finance', 'summary', query],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/finance/summary', { params: { query: withoutEmpty(query) as typeof query } }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useClosings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['finance', 'closings'],
    queryFn: async () => unwrap(await api.GET('/api/v1/finance/closings')).items,
    enabled: options.enabled ?? true,
  });
}

export function useCloseMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (month: string) =>
      unwrap(await api.POST('/api/v1/finance/closings', { body: { month } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

export function useReopenMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (month: string) =>
      unwrap(await api.DELETE('/api/v1/finance/closings/{month}', { params: { path: { month } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

/**
 * The ledger as a CSV file for the accountant, fetched with the session and
 * saved under a name that says what it holds. `comma` writes 1234,50 with
 * semicolons between fields, as French spreadsheets read it.
 */
export async function downloadLedgerCsv(query: {
  houseId?: string;
  from?: string;
  to?: string;
  decimal: 'point' | 'comma';
  fileName: string;
}): Promise<void> {
  const { fileName, ...rest } = query;
  const blob = unwrap(
    await api.GET('/api/v1/ledger/export', { params: { query: withoutEmpty(rest) }, parseAs: 'blob' }),
  ) as unknown as Blob;
  saveFile(blob, fileName);
}
