import { useSyncExternalStore } from 'react';
import { ApiError, api, type Schemas, unwrap } from '../../lib/api/client.ts';

/**
 * Ticks a cleaner makes are kept here until the server has them: shown at
 * once, saved in the browser (a reload or a closed tab loses nothing), and
 * sent in the background, again and again with a growing pause while the
 * network is down. Only the last wish per item counts: ticking then unticking
 * offline sends one untick. An answer the server meant (a 4xx) stops the
 * retries and leaves the tick marked as failed, for the cleaner to see.
 */
export interface PendingTick {
  organizationId: string;
  houseId: string;
  itemId: string;
  completed: boolean;
  queuedAt: string;
  attempts: number;
  /** Set when the server refused it; it is not retried on its own then. */
  failed?: string;
}

type Checklist = Schemas['HouseChecklist'];

const STORAGE_KEY = 'staykeep.pendingTicks';
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

const keyOf = (tick: Pick<PendingTick, 'houseId' | 'itemId'>) => `${tick.houseId}:${tick.itemId}`;

function load(): PendingTick[] {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

let queue: PendingTick[] = load();
const listeners = new Set<() => void>();
let onDelivered: (houseId: string, checklist: Checklist) => void = () => {};
let sending = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function save(next: PendingTick[]): void {
  queue = next;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
  } catch {
    // Storage full or disabled: the ticks stay in memory and are still sent.
  }
  for (const listener of listeners) listener();
}

/** What to do with a checklist the server sent back (the app puts it in its query cache). */
export function whenDelivered(callback: (houseId: string, checklist: Checklist) => void): void {
  onDelivered = callback;
}

export function queueTick(tick: Omit<PendingTick, 'queuedAt' | 'attempts'>): void {
  const others = queue.filter((entry) => keyOf(entry) !== keyOf(tick));
  save([...others, { ...tick, queuedAt: new Date().toISOString(), attempts: 0 }]);
  void flush();
}

/** Sends a failed tick again, or forgets it. */
export function retryTick(tick: PendingTick): void {
  save(
    queue.map((entry) =>
      keyOf(entry) === keyOf(tick) ? { ...entry, failed: undefined, attempts: 0 } : entry,
    ),
  );
  void flush();
}

export function discardTick(tick: PendingTick): void {
  save(queue.filter((entry) => keyOf(entry) !== keyOf(tick)));
}

const retryable = (error: unknown) =>
  // 401: the session may come back (a refresh, a new login); the tick waits for it.
  !(error instanceof ApiError) ||
  error.problem.status >= 500 ||
  [401, 408, 429].includes(error.problem.status);

/** Sends the queue, oldest first, one at a time; stops at the first network failure and tries later. */
export async function flush(): Promise<void> {
  if (sending) return;
  sending = true;
  clearTimeout(retryTimer);
  try {
    for (;;) {
      const next = queue.find((entry) => !entry.failed);
      if (!next) return;
      try {
        const checklist = unwrap(
          await api.PUT('/api/v1/houses/{houseId}/checklist/items/{itemId}', {
            params: { path: { houseId: next.houseId, itemId: next.itemId } },
            headers: { 'X-Organization-Id': next.organizationId },
            body: { completed: next.completed },
          }),
        );
        // A newer wish for the same item may have been queued meanwhile: keep that one.
        save(queue.filter((entry) => entry !== next));
        onDelivered(next.houseId, checklist);
      } catch (error) {
        if (retryable(error)) {
          const attempts = next.attempts + 1;
          save(queue.map((entry) => (entry === next ? { ...entry, attempts } : entry)));
          const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)];
          retryTimer = setTimeout(() => void flush(), delay);
          return;
        }
        const reason = error instanceof ApiError ? error.code : 'error';
        save(queue.map((entry) => (entry === next ? { ...entry, failed: reason } : entry)));
      }
    }
  } finally {
    sending = false;
  }
}

if (typeof window !== 'undefined') {
  // Back online, or back to the tab: no need to wait for the next retry.
  window.addEventListener('online', () => void flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The ticks not yet on the server, for one house (or all). */
export function usePendingTicks(houseId?: string): PendingTick[] {
  const all = useSyncExternalStore(subscribe, () => queue);
  return houseId ? all.filter((entry) => entry.houseId === houseId) : all;
}
