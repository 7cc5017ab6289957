import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { currentAccessToken, onAccessTokenChange, refreshSession } from '../../lib/auth/session.ts';

/** A notification as the event stream sends it (the API's Notification). */
export interface LiveNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  url: string | null;
  createdAt: string;
  readAt: string | null;
}

const STAYS = [
  'calendar',
  'reservations',
  'reservation',
  'checklist',
  'readiness',
  'operations',
  'analytics',
];
const MONEY = ['finance', 'reservation', 'reservations', 'operations', 'analytics'];
const ROUNDS = ['checklist', 'readiness', 'operations'];

/**
 * The queries (by the first part of their key) that show each kind of entity
 * the server says changed: the same sets the screens' own mutations refresh.
 */
const KEYS_BY_ENTITY: Record<string, string[]> = {
  organization: ['organization', 'organization-settings'],
  member: ['members', 'invitations'],
  house_assignment: ['members', 'houses', 'calendar'],
  invitation: ['invitations'],
  site: ['sites', 'houses', 'calendar'],
  house: ['houses', 'sites', 'calendar', 'readiness', 'operations', 'analytics'],
  guest: ['guests', 'reservations', 'reservation', 'calendar'],
  reservation: [...STAYS, 'finance'],
  block: ['calendar', 'operations', 'analytics'],
  checklist_category: ['checklist-template', ...ROUNDS],
  checklist_item: ['checklist-template', ...ROUNDS],
  turnover_round: ROUNDS,
  checklist_tick: ROUNDS,
  channel: ['channels', 'channel-conflicts', 'channel-syncs', 'ical-export'],
  ical_export: ['ical-export'],
  attachment: ['maintenance', 'houses', 'finance'],
  maintenance_type: ['maintenance'],
  maintenance_issue: ['maintenance', 'calendar', 'operations'],
  payment: MONEY,
  ledger_entry: MONEY,
  finance_closing: MONEY,
  tourist_tax_rule: MONEY,
  stay_tourist_tax: MONEY,
  owner_contract: ['finance'],
};

export function keysShowing(entityType: string): string[] {
  return KEYS_BY_ENTITY[entityType] ?? [];
}

/** A burst of changes (a stay and its nights, its round, its payment) refreshes each query once. */
const DEBOUNCE_MS = 300;
const MAX_RETRY_MS = 30_000;

/**
 * Keeps the screens of a signed-in tab up to date: one EventSource on
 * `/api/v1/events` for the organization, which refreshes the queries that
 * show what a colleague (or a channel, or another tab) changed. The token
 * goes in the query string, as an EventSource sends no headers; the stream
 * starts again with each new access token, from the last event received.
 */
export function useLiveUpdates(options: {
  enabled: boolean;
  organizationId: string | null;
  onNotification?: (notification: LiveNotification) => void;
}): void {
  const queryClient = useQueryClient();
  const onNotification = useRef(options.onNotification);
  onNotification.current = options.onNotification;
  const { enabled, organizationId } = options;

  useEffect(() => {
    if (!enabled || !organizationId || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let stopped = false;
    let attempts = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let flushing: ReturnType<typeof setTimeout> | null = null;
    const stale = new Set<string>();

    const refreshLater = (keys: string[]) => {
      for (const key of keys) stale.add(key);
      flushing ??= setTimeout(() => {
        flushing = null;
        for (const key of stale) void queryClient.invalidateQueries({ queryKey: [key] });
        stale.clear();
      }, DEBOUNCE_MS);
    };
    const remember = (event: MessageEvent) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
    };

    const connect = () => {
      source?.close();
      source = null;
      const token = currentAccessToken();
      if (stopped || !token) return;
      const query = new URLSearchParams({ access_token: token, organizationId });
      if (lastEventId) query.set('lastEventId', lastEventId);
      const opened = new EventSource(`/api/v1/events?${query}`);
      source = opened;
      opened.addEventListener('open', () => {
        attempts = 0;
      });
      opened.addEventListener('change', (event) => {
        remember(event);
        const change = JSON.parse(event.data) as { entityType: string };
        refreshLater(keysShowing(change.entityType));
      });
      opened.addEventListener('notification', (event) => {
        remember(event);
        refreshLater(['notifications']);
        onNotification.current?.(JSON.parse(event.data) as LiveNotification);
      });
      // What was missed cannot be replayed: everything on screen is read again.
      opened.addEventListener('reset', (event) => {
        remember(event);
        void queryClient.invalidateQueries();
      });
      opened.addEventListener('error', () => {
        // CONNECTING: the browser tries again by itself, with Last-Event-ID. CLOSED: it gave up
        // (the token expired: 401, or the server answered otherwise), so a fresh token is fetched first.
        if (opened.readyState !== EventSource.CLOSED || source !== opened) return;
        opened.close();
        source = null;
        const delay = Math.min(MAX_RETRY_MS, 1_000 * 2 ** attempts);
        attempts += 1;
        retry = setTimeout(async () => {
          retry = null;
          await refreshSession();
          // A new token restarted the stream already (onAccessTokenChange).
          if (!source) connect();
        }, delay);
      });
    };

    const stopListening = onAccessTokenChange(connect);
    connect();
    return () => {
      stopped = true;
      stopListening();
      source?.close();
      if (retry) clearTimeout(retry);
      if (flushing) clearTimeout(flushing);
    };
  }, [enabled, organizationId, queryClient]);
}
