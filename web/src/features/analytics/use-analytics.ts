import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../lib/api/client.ts';

export type Occupancy = Schemas['Occupancy'];
export type OccupancyRow = Occupancy['rows'][number];
export type OccupancyTotals = Occupancy['totals'];
export type Pace = Schemas['Pace'];

export interface OccupancyQuery {
  from: string;
  /** Exclusive, as the API takes it. */
  to: string;
  groupBy: 'month' | 'house' | 'site';
  houseId?: string;
  siteId?: string;
  /** The same range a year earlier, beside it. */
  compare?: boolean;
}

/** Occupancy, revenue, ADR and RevPAR over a range, per month, house or site (the API's definitions). */
export function useOccupancy(query: OccupancyQuery, options: { enabled?: boolean } = {}) {
  const { compare, houseId, siteId, ...range } = query;
  return useQuery({
    queryKey: ['analytics', 'occupancy', query],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/analytics/occupancy', {
          params: {
            query: {
              ...range,
              ...(houseId ? { houseId } : {}),
              ...(siteId ? { siteId } : {}),
              ...(compare ? { compare: 'previous-year' as const } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** What is on the books for the coming months, beside last year at the same date. */
export function usePace(months = 6) {
  return useQuery({
    queryKey: ['analytics', 'pace', months],
    queryFn: async () => unwrap(await api.GET('/api/v1/analytics/pace', { params: { query: { months } } })),
  });
}
