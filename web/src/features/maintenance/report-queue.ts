import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ApiError, api, newIdempotencyKey, unwrap } from '../../lib/api/client.ts';
import { uploadAttachment } from '../../lib/attachments.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import type { IssueInput } from './use-maintenance.ts';

/**
 * Problems reported from a phone are kept here until the server has them,
 * like checklist ticks (checklists/tick-queue.ts): saved in the browser
 * (IndexedDB, which holds the photo itself; a reload or a closed tab loses
 * nothing) and sent in the background, again and again with a growing pause
 * while the network is down. A report is two requests — the work order, then
 * its photo — and each step is remembered once done, so a retry never makes
 * a second work order (its Idempotency-Key is the report's id) nor, as far as
 * can be told, a second photo. An answer the server meant (a 4xx) stops the
 * retries and leaves the report marked as failed, for the reporter to see.
 *
 * A report belongs to whoever made it: it is sent only while that person is
 * signed in (the queue asks the server who the session is before sending),
 * and shown only to them. Someone else's reports, on a shared phone, wait
 * untouched until their reporter signs in again.
 */
export interface PendingReport {
  /** Also the work order's Idempotency-Key. */
  id: string;
  /** Who reported it: only their session sends it. (Missing in reports kept before this was recorded: never sent.) */
  userId?: string;
  organizationId: string;
  houseName: string;
  body: IssueInput;
  photo: Blob | null;
  photoName: string | null;
  /** Set once the server has made the work order. */
  issueId: string | null;
  /** A photo upload was tried: it may have landed without its answer reaching the phone. */
  photoTried: boolean;
  queuedAt: string;
  attempts: number;
  /** What is on its way right now (not kept across reloads). */
  sending?: 'report' | 'photo';
  /** The problem code of a refusal; the report is not retried on its own then. */
  failed?: string;
  /** The HTTP status of that refusal (413: too large, 415: not a photo). */
  failedStatus?: number;
  /** The refusal was the photo's: the work order itself was made. */
  failedStep?: 'report' | 'photo';
}

const DB_NAME = 'staykeep-reports';
const STORE = 'reports';
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

let database: Promise<IDBDatabase | null> | null = null;

/** The browser's database, or null where there is none (private windows of some browsers). */
function openDatabase(): Promise<IDBDatabase | null> {
  database ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return database;
}

async function stored<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) {
  const db = await openDatabase();
  if (!db) return undefined;
  return new Promise<T | undefined>((resolve) => {
    try {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    } catch {
      // Storage full or gone: the report stays in memory and is still sent.
      resolve(undefined);
    }
  });
}

let reports: PendingReport[] = [];
/** Reports the server took during this visit: their work order, for the screen that sent them. */
const delivered = new Map<string, string>();
const listeners = new Set<() => void>();
const deliveredListeners = new Set<(issueId: string) => void>();
let sending = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

const loaded: Promise<void> =
  typeof indexedDB === 'undefined'
    ? Promise.resolve()
    : stored('readonly', (store) => store.getAll() as IDBRequest<PendingReport[]>).then((items) => {
        const kept = (items ?? []).map(({ sending: _, ...report }) => report);
        reports = [...kept, ...reports.filter((report) => !kept.some((entry) => entry.id === report.id))];
        reports.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
        notify();
      });

function notify(): void {
  for (const listener of listeners) listener();
}

function update(id: string, change: Partial<PendingReport>): PendingReport | undefined {
  let changed: PendingReport | undefined;
  reports = reports.map((report) => {
    if (report.id !== id) return report;
    changed = { ...report, ...change };
    return changed;
  });
  if (changed) {
    const { sending: _, ...kept } = changed;
    void stored('readwrite', (store) => store.put(kept));
  }
  notify();
  return changed;
}

function forget(id: string): void {
  reports = reports.filter((report) => report.id !== id);
  void stored('readwrite', (store) => store.delete(id));
  notify();
}

/** Keeps a report and starts sending it; its id is returned to follow it. */
export function queueReport(input: {
  userId: string;
  organizationId: string;
  houseName: string;
  body: IssueInput;
  photo: File | null;
}): string {
  const report: PendingReport = {
    id: newIdempotencyKey(),
    userId: input.userId,
    organizationId: input.organizationId,
    houseName: input.houseName,
    body: input.body,
    photo: input.photo,
    photoName: input.photo?.name ?? null,
    issueId: null,
    photoTried: false,
    queuedAt: new Date().toISOString(),
    attempts: 0,
  };
  reports = [...reports, report];
  void stored('readwrite', (store) => store.put(report));
  notify();
  void flush();
  return report.id;
}

export function retryReport(id: string): void {
  update(id, { failed: undefined, failedStatus: undefined, failedStep: undefined, attempts: 0 });
  void flush();
}

/** Forgets a report the server refused (or, after its work order was made, the photo it refused). */
export function discardReport(id: string): void {
  const report = reports.find((entry) => entry.id === id);
  if (report?.issueId) delivered.set(id, report.issueId);
  forget(id);
}

/** Called with each work order a report made, once all of it is on the server (to refresh the lists). */
export function whenReportDelivered(callback: (issueId: string) => void): () => void {
  deliveredListeners.add(callback);
  return () => deliveredListeners.delete(callback);
}

const retryable = (error: unknown) =>
  // 401: the session may come back (a refresh, a new login); the report waits for it.
  !(error instanceof ApiError) ||
  error.problem.status >= 500 ||
  [401, 408, 429].includes(error.problem.status) ||
  error.code === 'idempotency-in-progress';

/** Whether the photo of an earlier try is already there (its answer lost on the way back). */
async function photoLanded(report: PendingReport, issueId: string): Promise<boolean> {
  if (!report.photoTried || !report.photoName) return false;
  const files = unwrap(
    await api.GET('/api/v1/maintenance/issues/{issueId}/attachments', {
      params: { path: { issueId } },
      headers: { 'X-Organization-Id': report.organizationId },
    }),
  ).items;
  return files.some((file) => file.fileName === report.photoName);
}

async function send(report: PendingReport): Promise<void> {
  const organization = { 'X-Organization-Id': report.organizationId };
  let issueId = report.issueId;
  if (!issueId) {
    update(report.id, { sending: 'report' });
    const issue = unwrap(
      await api.POST('/api/v1/maintenance/issues', {
        body: report.body,
        headers: { ...organization, 'Idempotency-Key': report.id },
      }),
    );
    issueId = issue.id;
    update(report.id, { issueId, attempts: 0 });
  }
  if (report.photo && !(await photoLanded(report, issueId))) {
    update(report.id, { sending: 'photo', photoTried: true });
    const photo = new File([report.photo], report.photoName ?? 'photo.jpg', { type: report.photo.type });
    await uploadAttachment({ type: 'issue', id: issueId }, photo, 'photo', organization);
  }
  delivered.set(report.id, issueId);
  forget(report.id);
  for (const listener of deliveredListeners) listener(issueId);
}

/** Sends the reports, oldest first, one at a time; stops at the first network failure and tries later. */
export async function flush(): Promise<void> {
  await loaded;
  if (sending) return;
  sending = true;
  clearTimeout(retryTimer);
  try {
    // Whose session this is, asked once per round (and only with something to send): a report
    // goes out with its own reporter's session only, never with the next person's to sign in.
    let userId: string | undefined;
    for (;;) {
      if (!reports.some((entry) => !entry.failed && entry.userId)) return;
      let next: PendingReport | undefined;
      try {
        userId ??= unwrap(await api.GET('/api/v1/auth/me')).user.id;
        next = reports.find((entry) => !entry.failed && entry.userId === userId);
        if (!next) return;
        await send(next);
      } catch (error) {
        if (!next) {
          // Who is signed in could not be asked. Nobody (401): the next sign-in sends them
          // (usePendingReports); the network or the server: asked again later.
          const signedOut = error instanceof ApiError && error.problem.status === 401;
          if (signedOut || !retryable(error)) return;
          // Counted as a try of each waiting report (the screen then says it waits for the network).
          let attempts = 0;
          for (const waiting of reports.filter((entry) => !entry.failed)) {
            attempts = Math.max(attempts, waiting.attempts + 1);
            update(waiting.id, { attempts: waiting.attempts + 1, sending: undefined });
          }
          const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)];
          retryTimer = setTimeout(() => void flush(), delay);
          return;
        }
        const tried = next;
        const current = reports.find((entry) => entry.id === tried.id) ?? tried;
        if (retryable(error)) {
          const attempts = current.attempts + 1;
          update(next.id, { attempts, sending: undefined });
          const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)];
          retryTimer = setTimeout(() => void flush(), delay);
          return;
        }
        update(next.id, {
          sending: undefined,
          failed: error instanceof ApiError ? error.code : 'error',
          failedStatus: error instanceof ApiError ? error.problem.status : undefined,
          failedStep: current.issueId ? 'photo' : 'report',
        });
        // The work order is there, only its photo was refused: the lists may show it already.
        if (current.issueId) for (const listener of deliveredListeners) listener(current.issueId);
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
  // Reports left from an earlier visit (offline, or the tab closed) go out now.
  void flush();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in person's reports not yet (wholly) on the server; nobody else's. */
export function usePendingReports(): PendingReport[] {
  const userId = useAuth().user?.id;
  const all = useSyncExternalStore(subscribe, () => reports);
  // Signed in (again): whatever this person left waiting goes out now.
  useEffect(() => {
    if (userId) void flush();
  }, [userId]);
  return useMemo(() => (userId ? all.filter((report) => report.userId === userId) : []), [all, userId]);
}

/** Where one report stands: pending (with its state), delivered (with its work order), or unknown. */
export function useReport(id: string | null): {
  pending: PendingReport | undefined;
  issueId: string | undefined;
} {
  const all = usePendingReports();
  return {
    pending: id ? all.find((report) => report.id === id) : undefined,
    issueId: id ? delivered.get(id) : undefined,
  };
}
