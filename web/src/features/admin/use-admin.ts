import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client.ts';

export function useUsers(search: string) {
  return useQuery({
    queryKey: ['admin-users', search],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/admin/users', {
          params: { query: { limit: 100, ...(search ? { search } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, active }: { userId: string; active: boolean }) =>
      unwrap(
        await api.PATCH('/api/v1/admin/users/{userId}', { params: { path: { userId } }, body: { active } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

export function useRegistrationRequests() {
  return useQuery({
    queryKey: ['registration-requests'],
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/registration-requests')).items,
  });
}

export function useDecideRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ requestId, status }: { requestId: string; status: 'approved' | 'rejected' }) =>
      unwrap(
        await api.PATCH('/api/v1/admin/registration-requests/{requestId}', {
          params: { path: { requestId } },
          body: { status },
        }),
      ),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: ['registration-requests'] });
      queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });
}
