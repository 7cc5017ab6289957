import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client.ts';
import { saveFile } from '../../lib/download.ts';
import type { AuditAction } from './audit.ts';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: AuditAction;
  from?: string;
  /** Exclusive, as the API takes it. */
  to?: string;
}

/** The query without the filters left empty: the API refuses an empty date or id. */
const withoutEmpty = (filters: AuditFilters): AuditFilters =>
  Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as AuditFilters;

/** The audit log, newest first, a page at a time. */
export function useAuditLog(filters: AuditFilters, options: { enabled?: boolean; limit?: number } = {}) {
  const { limit = 50, enabled = true } = options;
  return useInfiniteQuery({
    queryKey: ['audit', filters, limit],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/audit', {
          params: { query: { limit, ...(pageParam ? { cursor: pageParam } : {}), ...withoutEmpty(filters) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every entry the filters select as CSV, fetched with the session and saved under `fileName`. */
export async function downloadAuditCsv(filters: AuditFilters, fileName: string): Promise<void> {
  const blob = unwrap(
    await api.GET('/api/v1/audit/export', { params: { query: withoutEmpty(filters) }, parseAs: 'blob' }),
  ) as unknown as Blob;
  saveFile(blob, fileName);
}
