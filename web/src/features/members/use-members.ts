import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, everyPage, type Schemas, unwrap } from '../../lib/api/client.ts';

export type Role = Schemas['Role'];

/** Every member: the page shows them all (an organization has tens). */
export function useMembers() {
  return useQuery({
    queryKey: ['members'],
    queryFn: () =>
      everyPage(async (cursor) =>
        unwrap(await api.GET('/api/v1/members', { params: { query: { limit: 200, cursor } } })),
      ),
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: ['invitations'],
    queryFn: async () => unwrap(await api.GET('/api/v1/invitations')).items,
    enabled,
  });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(await api.PATCH('/api/v1/members/{userId}', { params: { path: { userId } }, body: { role } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await api.DELETE('/api/v1/members/{userId}', { params: { path: { userId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; role: Role }) =>
      unwrap(await api.POST('/api/v1/invitations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['invitations'] }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invitationId: string) =>
      unwrap(await api.DELETE('/api/v1/invitations/{invitationId}', { params: { path: { invitationId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['invitations'] }),
  });
}

/** The houses an owner sees (the whole list at once). */
export function useAssignHouses() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, houseIds }: { userId: string; houseIds: string[] }) =>
      unwrap(
        await api.PUT('/api/v1/members/{userId}/houses', {
          params: { path: { userId } },
          body: { houseIds },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
}
