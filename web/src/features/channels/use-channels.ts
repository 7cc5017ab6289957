import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, type BodyOf, ifMatch, type Schemas, unwrap } from '../../lib/api/client.ts';

export type Channel = Schemas['Channel'];
export type ChannelSource = Schemas['ChannelSource'];
export type ChannelInput = BodyOf<'/api/v1/houses/{houseId}/channels', 'post'>;
export type ChannelConflict = Schemas['ChannelConflict'];
export type SyncResult = Schemas['ChannelSyncResult'];
export type ChannelSync = Schemas['ChannelSync'];
export type SyncErrorCode = Schemas['ChannelSyncErrorCode'];

/** Refusals a manager may override: the feed was read, only not believed. */
export const overridable = (code: SyncErrorCode | null) =>
  code === 'empty_feed' || code === 'too_many_cancellations';

/** What a sync may change: the feeds' state, their conflicts, and the stays and blocks they bring. */
const SYNCED = ['channels', 'channel-conflicts', 'channel-syncs', 'calendar', 'reservations', 'operations'];
const invalidateSynced = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all(SYNCED.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));

/**
 * Whether a feed's sync is about to land: a new feed, or one whose sync falls
 * due within a minute either way (a new address is due at once). A feed overdue
 * for longer waits for a job runner that is busy or stopped: no use asking often.
 */
const awaitingSync = (channel: Channel) =>
  channel.status === 'pending' || Math.abs(Date.now() - Date.parse(channel.nextSyncAt)) < 60_000;

/**
 * A house's feeds. A new or re-addressed feed is synced in the background
 * within seconds: the list is asked again every 2 s while one waits for it,
 * and every minute otherwise (the server syncs every feed periodically).
 * When a sync the page did not start lands, what it changed is fetched again.
 */
export function useChannels(houseId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['channels', houseId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/houses/{houseId}/channels', { params: { path: { houseId } } })).items,
    refetchInterval: (current) => (current.state.data?.some(awaitingSync) ? 2_000 : 60_000),
  });
  const syncs = query.data?.map((channel) => `${channel.id}@${channel.lastSyncAt}`).join();
  const seen = useRef(syncs);
  useEffect(() => {
    const before = seen.current;
    seen.current = syncs;
    if (before === undefined || before === syncs) return;
    for (const key of SYNCED.filter((key) => key !== 'channels'))
      queryClient.invalidateQueries({ queryKey: [key] });
  }, [syncs, queryClient]);
  return query;
}

/** A feed's last syncs, newest first. */
export function useChannelSyncs(channelId: string) {
  return useQuery({
    queryKey: ['channel-syncs', channelId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/channels/{channelId}/syncs', {
          params: { path: { channelId }, query: { limit: 20 } },
        }),
      ).items,
  });
}

/**
 * The feeds' events kept out because their nights are taken, of one house or
 * of all. Managers only: the route answers 403 to anyone else, so callers
 * pass `enabled: false` for them.
 */
export function useChannelConflicts(options: { houseId?: string; enabled?: boolean } = {}) {
  const { houseId, enabled = true } = options;
  return useQuery({
    queryKey: ['channel-conflicts', houseId ?? null],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/channel-conflicts', { params: { query: houseId ? { houseId } : {} } }))
        .items,
    enabled,
    refetchInterval: 60_000,
  });
}

export function useSaveChannel(houseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      channel,
      values,
      idempotencyKey,
    }: {
      channel?: Channel;
      values: ChannelInput;
      idempotencyKey: string;
    }) =>
      channel
        ? unwrap(
            await api.PATCH('/api/v1/channels/{channelId}', {
              params: { path: { channelId: channel.id } },
              headers: ifMatch(channel.version),
              body: values,
            }),
          )
        : unwrap(
            await api.POST('/api/v1/houses/{houseId}/channels', {
              params: { path: { houseId } },
              headers: { 'Idempotency-Key': idempotencyKey },
              body: values,
            }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['channels'] }),
  });
}

/** Removes a feed: its upcoming blocks go with it (its stays stay). */
export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (channel: Channel) =>
      unwrap(
        await api.DELETE('/api/v1/channels/{channelId}', {
          params: { path: { channelId: channel.id } },
          headers: ifMatch(channel.version),
        }),
      ),
    onSettled: () => invalidateSynced(queryClient),
  });
}

/**
 * Syncs a feed now. `confirmCancellations`: the manager says the stays a
 * refused feed dropped are really cancelled, so it is applied all the same.
 */
export function useSyncChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      channel,
      confirmCancellations,
    }: {
      channel: Channel;
      confirmCancellations?: boolean;
    }) =>
      unwrap(
        await api.POST('/api/v1/channels/{channelId}/sync', {
          params: { path: { channelId: channel.id } },
          body: confirmCancellations ? { confirmCancellations } : {},
        }),
      ),
    onSettled: () => invalidateSynced(queryClient),
  });
}

/** The secret URLs of a house's calendar, one per channel (made on first request). */
export function useExports(houseId: string) {
  return useQuery({
    queryKey: ['ical-export', houseId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/houses/{houseId}/ical-export', { params: { path: { houseId } } })).items,
  });
}

/** New secret URLs for every channel: the old ones stop working. */
export function useRotateExports(houseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/houses/{houseId}/ical-export/rotate', {
          params: { path: { houseId } },
          body: {},
        }),
      ).items,
    onSuccess: (items) => queryClient.setQueryData(['ical-export', houseId], items),
  });
}
