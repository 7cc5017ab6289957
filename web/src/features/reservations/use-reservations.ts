import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, ifMatch, type Schemas, unwrap } from '../../lib/api/client.ts';
import type { CalendarDate } from '../../lib/dates.ts';

export type Reservation = Schemas['Reservation'] | Schemas['ReservationLimitedView'];
export type ReservationStatus = Schemas['ReservationStatus'];
export type ReservationSource = Schemas['ReservationSource'];
export type ReservationInput = BodyOf<'/api/v1/reservations', 'post'>;
export type ReservationChange = BodyOf<'/api/v1/reservations/{reservationId}', 'patch'>;
export type BlockInput = BodyOf<'/api/v1/blocks', 'post'>;
export type Calendar = Schemas['Calendar'];
export type Block = Schemas['Block'];

/** The colour of each status, wherever a stay's status is shown. */
export const STATUS_COLORS: Record<ReservationStatus, string> = {
  pending: 'yellow',
  confirmed: 'cyan',
  checked_in: 'teal',
  checked_out: 'gray',
  cancelled: 'red',
};

export const hasMoney = (reservation: Reservation): reservation is Schemas['Reservation'] =>
  'totalPrice' in reservation;

/** Everything that changes the calendar's picture, and the houses' rounds a status change moves. */
const invalidateStays = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all(
    ['calendar', 'reservations', 'reservation', 'checklist', 'readiness', 'operations'].map((key) =>
      queryClient.invalidateQueries({ queryKey: [key] }),
    ),
  );

export function useCalendar(range: {
  from: CalendarDate;
  to: CalendarDate;
  siteId?: string | null;
  houseId?: string;
}) {
  return useQuery({
    queryKey: ['calendar', range.from, range.to, range.siteId ?? null, range.houseId ?? null],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/calendar', {
          params: {
            query: {
              from: range.from,
              to: range.to,
              ...(range.siteId ? { siteId: range.siteId } : {}),
              ...(range.houseId ? { houseId: range.houseId } : {}),
            },
          },
        }),
      ),
    // Month navigation keeps the last month on screen until the next one arrives.
    placeholderData: keepPreviousData,
    enabled: range.from < range.to,
  });
}

export function useReservation(reservationId: string) {
  return useQuery({
    queryKey: ['reservation', reservationId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reservations/{reservationId}', { params: { path: { reservationId } } })),
  });
}

export function useReservationHistory(reservationId: string) {
  return useQuery({
    queryKey: ['reservation', reservationId, 'history'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reservations/{reservationId}/history', {
          params: { path: { reservationId } },
        }),
      ).items,
  });
}

export function useCreateReservation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: ReservationInput; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/reservations', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
      ),
    onSettled: () => invalidateStays(queryClient),
  });
}

export function useUpdateReservation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ reservation, change }: { reservation: Reservation; change: ReservationChange }) =>
      unwrap(
        await api.PATCH('/api/v1/reservations/{reservationId}', {
          params: { path: { reservationId: reservation.id } },
          headers: ifMatch(reservation.version),
          body: change,
        }),
      ),
    onSettled: () => invalidateStays(queryClient),
  });
}

export function useCreateBlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: BlockInput; idempotencyKey: string }) =>
      unwrap(await api.POST('/api/v1/blocks', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
    onSettled: () => invalidateStays(queryClient),
  });
}

export function useDeleteBlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (block: Block) =>
      unwrap(
        await api.DELETE('/api/v1/blocks/{blockId}', {
          params: { path: { blockId: block.id } },
          headers: ifMatch(block.version),
        }),
      ),
    onSettled: () => invalidateStays(queryClient),
  });
}
