import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../db/database.ts';
import type { JobStatus, JobsTable } from '../../db/tables.ts';

export type JobRow = Selectable<JobsTable>;

/**
 * Adds a job; a job whose `unique_key` another row holds is not added (a
 * periodic run some instance already inserted, a sync already pending).
 */
export async function insertJob(
  db: DbOrTx,
  job: {
    id: string;
    kind: string;
    uniqueKey: string | null;
    payload: unknown;
    maxAttempts: number;
    runAt: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      unique_key: job.uniqueKey,
      payload: JSON.stringify(job.payload ?? null),
      status: 'queued',
      max_attempts: job.maxAttempts,
      run_at: job.runAt,
      created_at: job.now,
      updated_at: job.now,
    })
    .onConflict((conflict) => conflict.column('unique_key').doNothing())
    .execute();
}

/**
 * Takes up to `limit` due jobs of the given kinds for one process: queued
 * ones whose time has come, and running ones whose holder's lease ran out (it
 * died or hung). Each claim counts as an attempt. On PostgreSQL, rows another
 * transaction is claiming are skipped (`FOR UPDATE SKIP LOCKED`), so runners
 * never wait for each other nor take the same job; SQLite runs one writing
 * statement at a time, which gives the same guarantee.
 */
export function claimDueJobs(
  db: DbOrTx,
  claim: {
    kinds: readonly string[];
    now: string;
    leaseUntil: string;
    lockedBy: string;
    limit: number;
    postgres: boolean;
  },
): Promise<JobRow[]> {
  if (claim.kinds.length === 0) return Promise.resolve([]);
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      lease_until: claim.leaseUntil,
      locked_by: claim.lockedBy,
      updated_at: claim.now,
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where((due) =>
          due.or([
            due.and([due('status', '=', 'queued'), due('run_at', '<=', claim.now)]),
            due.and([due('status', '=', 'running'), due('lease_until', '<', claim.now)]),
          ]),
        )
        .where('kind', 'in', claim.kinds)
        .orderBy('run_at')
        .limit(claim.limit)
        .$if(claim.postgres, (query) => query.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
}

/**
 * The end of one attempt, written only while the job is still this attempt's
 * (running, with this attempt number): if the lease ran out and another
 * process took the job again, its outcome is the one that counts.
 */
export async function finishAttempt(
  db: DbOrTx,
  job: { id: string; attempt: number },
  outcome:
    | { status: 'done'; now: string; freeKey: boolean }
    | { status: 'failed'; error: string; now: string; freeKey: boolean }
    | { status: 'queued'; error: string; runAt: string; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      lease_until: null,
      locked_by: null,
      updated_at: outcome.now,
      ...(outcome.status === 'queued'
        ? { run_at: outcome.runAt, last_error: outcome.error }
        : { finished_at: outcome.now }),
      ...(outcome.status === 'failed' ? { last_error: outcome.error } : {}),
      ...(outcome.status !== 'queued' && outcome.freeKey ? { unique_key: null } : {}),
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempt)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts a failed job back in the queue, due now, with a full set of attempts. False when it is not failed. */
export async function requeueFailedJob(db: DbOrTx, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Forgets finished jobs: done ones after a while, failed ones after longer (they are what an admin looks at). */
export async function deleteFinishedJobs(
  db: DbOrTx,
  before: { done: string; failed: string },
): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((finished) =>
      finished.or([
        finished.and([finished('status', '=', 'done'), finished('finished_at', '<', before.done)]),
        finished.and([finished('status', '=', 'failed'), finished('finished_at', '<', before.failed)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function findJob(db: DbOrTx, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listJobs(
  db: DbOrTx,
  filter: { status?: JobStatus | undefined; kind?: string | undefined; limit: number },
): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .$if(filter.status !== undefined, (query) => query.where('status', '=', filter.status as JobStatus))
    .$if(filter.kind !== undefined, (query) => query.where('kind', '=', filter.kind as string))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

/**
 * Jobs due before `dueBefore` and not finished (waiting, or running): how
 * many, and when the oldest was due. Read through the (status, run_at) index.
 */
export async function overdueJobs(
  db: DbOrTx,
  dueBefore: string,
): Promise<{ count: number; oldestRunAt: string | null }> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('run_at').as('oldest')])
    .where('status', 'in', ['queued', 'running'])
    .where('run_at', '<', dueBefore)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldestRunAt: row.oldest ?? null };
}

/** How many jobs wait, run and have failed (kept ones): one indexed group-by, cheap enough for a metrics scrape. */
export async function countJobs(db: DbOrTx): Promise<{ queued: number; running: number; failed: number }> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['queued', 'running', 'failed'])
    .groupBy('status')
    .execute();
  const counts = { queued: 0, running: 0, failed: 0 };
  for (const row of rows) {
    if (row.status === 'queued' || row.status === 'running' || row.status === 'failed') {
      counts[row.status] = Number(row.count);
    }
  }
  return counts;
}
