import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is making the changes the current code writes: the audit log's triggers
 * record it with each change (audit-capture.ts). A request sets it once its
 * caller is known; background work runs without one (a channel sync, a
 * scheduled job: no actor): the job runner runs each job in
 * NO_CHANGE_CONTEXT, and what a transaction starts after its commit starts
 * there too, so nothing a request sets in motion inherits its caller.
 */
export interface ChangeContext {
  actorId: string | null;
  organizationId: string | null;
  requestId: string | null;
}

/** The open transaction's key, which the SQLite triggers read: one entry per entity per transaction. */
interface TransactionContext extends ChangeContext {
  transactionKey: string | null;
}

const storage = new AsyncLocalStorage<TransactionContext>();

/** Nobody: the system's own work. */
export const NO_CHANGE_CONTEXT: ChangeContext = Object.freeze({
  actorId: null,
  organizationId: null,
  requestId: null,
});

/** Runs `work` (and everything it starts) as made by `context`. */
export function runWithChangeContext<T>(context: ChangeContext, work: () => T): T {
  return storage.run({ ...context, transactionKey: null }, work);
}

/** Runs a transaction's work under its own key, keeping who makes it. */
export function runInTransactionContext<T>(transactionKey: string, work: () => T): T {
  return storage.run({ ...currentChangeContext(), transactionKey }, work);
}

export function currentChangeContext(): TransactionContext {
  return storage.getStore() ?? { actorId: null, organizationId: null, requestId: null, transactionKey: null };
}
