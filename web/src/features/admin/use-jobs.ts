import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client.ts';

/** Failed background jobs, newest first, and how many wait, run and have failed. */
export function useFailedJobs() {
  return useQuery({
    queryKey: ['admin-jobs', 'failed'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/admin/jobs', { params: { query: { status: 'failed', limit: 50 } } })),
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (jobId: string) =>
      unwrap(await api.POST('/api/v1/admin/jobs/{jobId}/retry', { params: { path: { jobId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin-jobs'] }),
  });
}
