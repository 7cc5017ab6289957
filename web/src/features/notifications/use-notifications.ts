import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../lib/api/client.ts';

export type Notification = Schemas['Notification'];
export type NotificationPreferences = Schemas['MemberNotificationPreferences'];

/**
 * Every key starts with 'notifications': the live stream invalidates that
 * prefix when a notification arrives, so the bell and the page refresh at once;
 * without it, the bell asks again every minute.
 */
const POLL_MS = 60_000;

/** The bell's latest notifications and the unread count. */
export function useLatestNotifications() {
  return useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications', { params: { query: { limit: 8 } } })),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** The whole list, newest first, a page at a time. */
export function useNotificationList(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list', { unreadOnly }],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/notifications', {
          params: {
            query: {
              limit: 30,
              ...(unreadOnly ? { unread: true } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Marks some notifications read (`ids`), or all of them. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (which: { ids: string[] } | { all: true }) =>
      unwrap(await api.POST('/api/v1/notifications/read', { body: which })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: async () => unwrap(await api.GET('/api/v1/notification-preferences')),
    // The live stream's invalidations are about new notifications, not these.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NotificationPreferences) =>
      unwrap(await api.PUT('/api/v1/notification-preferences', { body })),
    onSuccess: (saved) => queryClient.setQueryData(['notifications', 'preferences'], saved),
  });
}
