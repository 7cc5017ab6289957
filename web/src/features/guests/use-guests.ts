import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, ifMatch, type Schemas, unwrap } from '../../lib/api/client.ts';

export type Guest = Schemas['Guest'];
export type GuestChange = BodyOf<'/api/v1/guests/{guestId}', 'patch'>;

export function useGuests(search: string) {
  return useQuery({
    queryKey: ['guests', search],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/guests', {
          params: { query: { limit: 100, ...(search ? { search } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A guest's stays, latest first (the most a guest could have had, in one page). */
export function useGuestStays(guestId: string) {
  return useQuery({
    queryKey: ['reservations', 'guest', guestId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reservations', { params: { query: { guestId, limit: 200 } } }),
      ).items.reverse(),
  });
}

const refresh = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all(
    ['guests', 'reservations', 'reservation', 'calendar'].map((key) =>
      queryClient.invalidateQueries({ queryKey: [key] }),
    ),
  );

export function useUpdateGuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ guest, change }: { guest: Guest; change: GuestChange }) =>
      unwrap(
        await api.PATCH('/api/v1/guests/{guestId}', {
          params: { path: { guestId: guest.id } },
          headers: ifMatch(guest.version),
          body: change,
        }),
      ),
    onSettled: () => refresh(queryClient),
  });
}

export function useAnonymizeGuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (guest: Guest) =>
      unwrap(
        await api.POST('/api/v1/guests/{guestId}/anonymize', { params: { path: { guestId: guest.id } } }),
      ),
    onSettled: () => refresh(queryClient),
  });
}

/** Everything held about a guest, saved as a JSON file (the GDPR right of access). */
export async function downloadGuestExport(guest: Guest): Promise<void> {
  const data = unwrap(
    await api.GET('/api/v1/guests/{guestId}/export', { params: { path: { guestId: guest.id } } }),
  );
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `guest-${guest.id}.json`;
  link.click();
  URL.revokeObjectURL(url);
}
