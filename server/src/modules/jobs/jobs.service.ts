import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { JobsConfig } from '../../config.ts';
import { NO_CHANGE_CONTEXT, runWithChangeContext } from '../../db/change-context.ts';
import { afterCommit, type Db, type DbOrTx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { JobStatus } from '../../db/tables.ts';
import { AppError, notFound } from '../../http/errors.ts';
import {
  claimDueJobs,
  countJobs,
  deleteFinishedJobs,
  findJob,
  finishAttempt,
  insertJob,
  type JobRow,
  listJobs,
  overdueJobs,
  requeueFailedJob,
} from './jobs.repository.ts';

/** What a handler is told about the attempt it runs. */
export interface JobContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** How long the runner waits before the next attempt if this one throws; null when this is the last one. */
  retryDelaySeconds: number | null;
}

/** Does the work; throwing fails the attempt (retried after a delay until the last one). */
export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

export interface JobOptions {
  /** Attempts before the job ends `failed`; default: one more than the retry delays. */
  maxAttempts?: number;
  /** Waits between attempts, in seconds; the last one repeats when there are more attempts than delays. */
  retryDelaysSeconds?: readonly number[];
}

export interface EnqueueOptions {
  /**
   * At most one pending job per key: while a job with this key is queued or
   * running, enqueueing another is silently skipped. The key is freed when
   * the job is done or has failed.
   */
  key?: string;
  /** Not before this instant (default: now). */
  runAt?: Date;
}

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface JobCounts {
  queued: number;
  running: number;
  failed: number;
}

interface Registration {
  // biome-ignore lint/suspicious/noExplicitAny: each kind's handler has its own payload type; the kind selects it.
  handler: JobHandler<any>;
  maxAttempts: number;
  retryDelaysSeconds: readonly number[];
}

interface Schedule {
  cron: Cron;
  /** The last period this runner inserted, so a tick in the same period does not insert again. */
  lastKey: string | undefined;
}

const DEFAULT_RETRY_DELAYS_SECONDS = [30, 120, 600, 3_600];
/**
 * How long a claimed job is its runner's alone. A handler still running after
 * that may be started again by another runner (handlers are idempotent: at
 * least once, never exactly once), so no handler should come near it.
 */
const LEASE_MS = 5 * 60_000;
/** Jobs claimed at once; a batch runs concurrently, so each starts within its lease. */
const CLAIM_BATCH = 10;
const KEEP_DONE_MS = 7 * 86_400_000;
const KEEP_FAILED_MS = 30 * 86_400_000;
const MAX_ERROR_LENGTH = 2_000;

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message || error.name : String(error)).slice(0, MAX_ERROR_LENGTH);

/**
 * The one runner of background work: jobs are rows of the `jobs` table,
 * added in the transaction of what causes them (`enqueue`) or once per period
 * of a schedule (`every`), and run by whichever process claims them first.
 * Any number of processes may run it on the same database; each job runs at
 * least once, and again only after a failure or when its process stopped
 * mid-way (its lease ran out).
 *
 * Handlers are given at composition (`services.ts`): this module imports no
 * other, so every module may hand it work.
 */
export class JobRunner {
  /** Names this process in `locked_by`. */
  readonly instanceId = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #now: () => Date;
  readonly #config: JobsConfig;
  readonly #postgres: boolean;
  readonly #registrations = new Map<string, Registration>();
  readonly #schedules = new Map<string, Schedule>();
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #running: Promise<number> | undefined;
  #again = false;
  #periodicWanted = false;
  #stopping = false;
  #failures = 0;

  constructor(options: {
    db: Db;
    log: FastifyBaseLogger;
    now: () => Date;
    config: JobsConfig;
    postgres: boolean;
  }) {
    this.#db = options.db;
    this.#log = options.log;
    this.#now = options.now;
    this.#config = options.config;
    this.#postgres = options.postgres;
    // The runner's own housekeeping: finished rows go after a while (periodic runs leave one per period).
    this.every('jobs.prune', '7 * * * *', async () => {
      const now = this.#now().getTime();
      await deleteFinishedJobs(this.#db, {
        done: new Date(now - KEEP_DONE_MS).toISOString(),
        failed: new Date(now - KEEP_FAILED_MS).toISOString(),
      });
    });
  }

  /** Declares how jobs of `kind` run; every process that may run them declares the same. */
  register<P>(kind: string, handler: JobHandler<P>, options: JobOptions = {}): void {
    if (this.#registrations.has(kind)) throw new Error(`job kind ${kind} is already registered`);
    const retryDelaysSeconds = options.retryDelaysSeconds ?? DEFAULT_RETRY_DELAYS_SECONDS;
    const maxAttempts = options.maxAttempts ?? retryDelaysSeconds.length + 1;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error(`${kind}: maxAttempts must be ≥ 1`);
    this.#registrations.set(kind, { handler, maxAttempts, retryDelaysSeconds });
  }

  /**
   * Runs `handler` once per period of `schedule` (a cron pattern read in UTC
   * by croner, e.g. `* * * * *` each minute, `*\/15 * * * *` each quarter of
   * an hour), on one process of all those sharing the database. The period's
   * start names the job (`kind@2026-12-03T08:15:00.000Z`), so every instance
   * inserts the same row and one runs it. A missed period is not caught up:
   * a runner that was down runs the current one only. One attempt by default:
   * the next period is the retry.
   */
  every(
    kind: string,
    schedule: string,
    handler: (context: JobContext) => Promise<void>,
    options: JobOptions = {},
  ): void {
    // Croner throws on a pattern it cannot read: at composition, not at the first tick.
    const cron = new Cron(schedule, { timezone: 'UTC', paused: true });
    this.register<null>(kind, (_payload, context) => handler(context), { maxAttempts: 1, ...options });
    this.#schedules.set(kind, { cron, lastKey: undefined });
  }

  /**
   * Adds a job in the caller's transaction: it exists, and runs, only if that
   * transaction commits, and this process starts on it right after the
   * commit rather than at its next poll. A key another pending job holds
   * makes this do nothing.
   */
  async enqueue<P>(db: DbOrTx, kind: string, payload: P, options: EnqueueOptions = {}): Promise<void> {
    const registration = this.#registrations.get(kind);
    if (!registration) throw new Error(`no handler is registered for job kind ${kind}`);
    const now = this.#now();
    const runAt = options.runAt ?? now;
    await insertJob(db, {
      id: newId(),
      kind,
      uniqueKey: options.key ?? null,
      payload,
      maxAttempts: registration.maxAttempts,
      runAt: runAt.toISOString(),
      now: now.toISOString(),
    });
    if (runAt.getTime() <= now.getTime()) afterCommit(db, () => this.#wake());
  }

  /**
   * Runs every job due now, claiming batches until none is left, and returns
   * how many attempts ran. A call made while a round is under way joins it
   * and makes it look once more, so a job added meanwhile is not left for the
   * next poll.
   */
  runDue(): Promise<number> {
    return this.#runRounds({ periodic: true });
  }

  /**
   * `periodic`: also add the current period's run of each schedule. Polls and
   * `runDue` do; a wake after a commit only looks for the job it was told of.
   */
  #runRounds(options: { periodic: boolean }): Promise<number> {
    if (options.periodic) this.#periodicWanted = true;
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      let ran = 0;
      do {
        this.#again = false;
        const periodic = this.#periodicWanted;
        this.#periodicWanted = false;
        ran += await this.#round(periodic);
      } while (this.#again && !this.#stopping);
      return ran;
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Polls for due jobs every `pollIntervalMs`, when this process runs jobs (JOBS_ENABLED). */
  start(): void {
    if (!this.#config.enabled || this.#started) return;
    this.#started = true;
    this.#timer = setInterval(() => this.#poll({ periodic: true }), this.#config.pollIntervalMs);
    this.#timer.unref();
  }

  /** Stops polling and waits for the jobs under way; call it before closing the database. */
  async stop(): Promise<void> {
    this.#started = false;
    clearInterval(this.#timer);
    this.#timer = undefined;
    // The round under way finishes the batch it holds and claims no more.
    this.#stopping = true;
    try {
      await this.#running?.catch(() => {});
    } finally {
      this.#stopping = false;
    }
  }

  /** Attempts that failed in this process since it started (for a metrics counter). */
  get failureCount(): number {
    return this.#failures;
  }

  counts(): Promise<JobCounts> {
    return countJobs(this.#db);
  }

  /**
   * Jobs due more than `lateMs` ago and still waiting or running, on every
   * instance: a runner that is down or overwhelmed leaves them there.
   */
  async overdue(lateMs: number): Promise<{ count: number; oldestSeconds: number | null }> {
    const now = this.#now().getTime();
    const { count, oldestRunAt } = await overdueJobs(this.#db, new Date(now - lateMs).toISOString());
    return {
      count,
      oldestSeconds: oldestRunAt === null ? null : Math.floor((now - Date.parse(oldestRunAt)) / 1000),
    };
  }

  async list(filter: { status?: JobStatus; kind?: string; limit: number }): Promise<{
    items: JobView[];
    counts: JobCounts;
  }> {
    const [rows, counts] = await Promise.all([listJobs(this.#db, filter), countJobs(this.#db)]);
    return { items: rows.map(jobView), counts };
  }

  /** Gives a failed job a new set of attempts, starting now. */
  async retry(id: string): Promise<void> {
    const requeued = await requeueFailedJob(this.#db, id, this.#now().toISOString());
    if (requeued) {
      this.#wake();
      return;
    }
    const existing = await findJob(this.#db, id);
    if (!existing) throw notFound('No such job.');
    throw new AppError(
      409,
      'job-not-failed',
      `The job is ${existing.status}; only a failed job can be retried.`,
    );
  }

  /** Starts on a job just added, without making its caller wait. */
  #wake(): void {
    if (!this.#started) return;
    setImmediate(() => {
      // Stopped meanwhile: the database may be closing.
      if (this.#started) this.#poll({ periodic: false });
    });
  }

  #poll(options: { periodic: boolean }): void {
    // Jobs are the system's work, whoever's request woke the runner: the audit log names no actor.
    runWithChangeContext(NO_CHANGE_CONTEXT, () =>
      this.#runRounds(options).catch((error) => this.#log.error({ err: error }, 'running due jobs failed')),
    );
  }

  async #round(periodic: boolean): Promise<number> {
    if (periodic) await this.#insertPeriodicRuns();
    let ran = 0;
    while (!this.#stopping) {
      const now = this.#now();
      const claimed = await claimDueJobs(this.#db, {
        kinds: [...this.#registrations.keys()],
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        lockedBy: this.instanceId,
        limit: CLAIM_BATCH,
        postgres: this.#postgres,
      });
      if (claimed.length === 0) return ran;
      await Promise.all(claimed.map((job) => this.#attempt(job)));
      ran += claimed.length;
    }
    return ran;
  }

  async #insertPeriodicRuns(): Promise<void> {
    const now = this.#now();
    for (const [kind, schedule] of this.#schedules) {
      // croner leaves out a run at exactly the reference instant; a millisecond later includes it.
      const [start] = schedule.cron.previousRuns(1, new Date(now.getTime() + 1));
      if (!start) continue;
      const key = `${kind}@${start.toISOString()}`;
      if (schedule.lastKey === key) continue;
      await insertJob(this.#db, {
        id: newId(),
        kind,
        uniqueKey: key,
        payload: null,
        maxAttempts: this.#registrations.get(kind)?.maxAttempts ?? 1,
        runAt: start.toISOString(),
        now: now.toISOString(),
      });
      schedule.lastKey = key;
    }
  }

  async #attempt(job: JobRow): Promise<void> {
    const registration = this.#registrations.get(job.kind);
    if (!registration) return; // Claims name registered kinds only.
    const attempt = job.attempts;
    // A periodic run keeps its key, which names its period, for good; any other key is freed.
    const freeKey = !this.#schedules.has(job.kind);
    const fields = { jobKind: job.kind, jobId: job.id, attempt };
    try {
      if (attempt > job.max_attempts) {
        // The last attempt was claimed and never finished: its process stopped, or it outlived its lease.
        const error = 'the last attempt did not finish (its process stopped or its lease ran out)';
        this.#failures += 1;
        this.#log.error({ ...fields, error }, 'job failed');
        await finishAttempt(
          this.#db,
          { id: job.id, attempt },
          { status: 'failed', error, now: this.#iso(), freeKey },
        );
        return;
      }
      const retryDelaySeconds =
        attempt < job.max_attempts
          ? (registration.retryDelaysSeconds[attempt - 1] ?? registration.retryDelaysSeconds.at(-1) ?? 60)
          : null;
      try {
        await registration.handler(job.payload, {
          jobId: job.id,
          attempt,
          maxAttempts: job.max_attempts,
          retryDelaySeconds,
        });
      } catch (failure) {
        this.#failures += 1;
        const error = errorText(failure);
        const failedAt = this.#now();
        if (retryDelaySeconds === null) {
          this.#log.error({ ...fields, err: failure }, 'job failed for good');
          await finishAttempt(
            this.#db,
            { id: job.id, attempt },
            { status: 'failed', error, now: failedAt.toISOString(), freeKey },
          );
        } else {
          const runAt = new Date(failedAt.getTime() + retryDelaySeconds * 1000).toISOString();
          this.#log.warn({ ...fields, err: failure, retryAt: runAt }, 'job failed; it will be retried');
          await finishAttempt(
            this.#db,
            { id: job.id, attempt },
            { status: 'queued', error, runAt, now: failedAt.toISOString() },
          );
        }
        return;
      }
      await finishAttempt(this.#db, { id: job.id, attempt }, { status: 'done', now: this.#iso(), freeKey });
    } catch (error) {
      // Recording the outcome failed (the database went away): the lease runs out and the job is run again.
      this.#log.error({ ...fields, err: error }, 'could not record the outcome of a job');
    }
  }

  #iso(): string {
    return this.#now().toISOString();
  }
}

function jobView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
