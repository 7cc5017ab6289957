import { pino } from 'pino';
import { expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { bearer, registerUser } from '../../../test/factories.ts';
import { inTransaction } from '../../db/database.ts';
import { type JobContext, JobRunner } from './jobs.service.ts';

const MINUTE = 60_000;
const LEASE_MS = 5 * MINUTE;

/** A clock a test sets and moves; runners that share it agree on what is due. */
class Clock {
  current: number;
  constructor(start = Date.now()) {
    this.current = start;
  }
  now = (): Date => new Date(this.current);
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

let kinds = 0;
/** A kind of its own for each test: the app's runner and other tests' runners never claim it. */
const newKind = (name: string) => `test.${name}.${++kinds}`;

describeApp('background jobs', (get) => {
  /** A runner beside the app's, on the same database, as another process would have. */
  const runner = (clock: Clock) =>
    new JobRunner({
      db: get().app.db,
      log: pino({ level: 'silent' }),
      now: clock.now,
      config: testConfig().jobs,
      postgres: get().db.name !== 'sqlite',
    });

  const rowsOf = (kind: string) =>
    get()
      .app.db.selectFrom('jobs')
      .select([
        'id',
        'unique_key',
        'status',
        'attempts',
        'max_attempts',
        'run_at',
        'last_error',
        'finished_at',
      ])
      .where('kind', '=', kind)
      .orderBy('created_at')
      .execute();

  async function instanceAdmin() {
    const { app } = get();
    const session = await registerUser(app);
    await app.db
      .updateTable('users')
      .set({ instance_admin: true })
      .where('id', '=', session.user.id)
      .execute();
    return bearer(session);
  }

  it('runs a job once, after the commit of the transaction that added it', async () => {
    const clock = new Clock();
    const jobs = runner(clock);
    const kind = newKind('once');
    const calls: { payload: unknown; context: JobContext }[] = [];
    jobs.register<{ n: number }>(kind, async (payload, context) => {
      calls.push({ payload, context });
    });

    await inTransaction(get().app.db, (tx) => jobs.enqueue(tx, kind, { n: 1 }));
    await jobs.runDue();
    await jobs.runDue();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.payload).toEqual({ n: 1 });
    expect(calls[0]?.context).toMatchObject({ attempt: 1, maxAttempts: 5, retryDelaySeconds: 30 });
    const [row] = await rowsOf(kind);
    expect(row).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(row?.finished_at).toBe(clock.now().toISOString());
  });

  it('adds nothing when the transaction that enqueued rolls back', async () => {
    const jobs = runner(new Clock());
    const kind = newKind('rolled-back');
    let calls = 0;
    jobs.register(kind, async () => {
      calls += 1;
    });

    await expect(
      inTransaction(get().app.db, async (tx) => {
        await jobs.enqueue(tx, kind, {});
        throw new Error('the change fails after the job was added');
      }),
    ).rejects.toThrow('the change fails');
    await jobs.runDue();

    expect(calls).toBe(0);
    expect(await rowsOf(kind)).toEqual([]);
  });

  it('keeps one pending job per key, and frees the key when the job is done', async () => {
    const jobs = runner(new Clock());
    const kind = newKind('keyed');
    const seen: number[] = [];
    jobs.register<{ n: number }>(kind, async (payload) => {
      seen.push(payload.n);
    });
    const key = `${kind}:feed-1`;

    await jobs.enqueue(get().app.db, kind, { n: 1 }, { key });
    await jobs.enqueue(get().app.db, kind, { n: 2 }, { key });
    expect(await rowsOf(kind)).toHaveLength(1);
    await jobs.runDue();
    await jobs.enqueue(get().app.db, kind, { n: 3 }, { key });
    await jobs.runDue();

    expect(seen).toEqual([1, 3]);
    const rows = await rowsOf(kind);
    expect(rows.map((row) => [row.status, row.unique_key])).toEqual([
      ['done', null],
      ['done', null],
    ]);
  });

  it('retries a failing job after each delay, then fails it for good; an admin sees why and may retry', async () => {
    const clock = new Clock();
    const jobs = runner(clock);
    const kind = newKind('failing');
    const attempts: JobContext[] = [];
    let healthy = false;
    jobs.register(
      kind,
      async (_payload, context) => {
        attempts.push(context);
        if (!healthy) throw new Error(`the remote end refused (attempt ${context.attempt})`);
      },
      { retryDelaysSeconds: [60, 600] },
    );

    await jobs.enqueue(get().app.db, kind, {});
    await jobs.runDue();
    expect(attempts.map((context) => context.attempt)).toEqual([1]);
    const [queued] = await rowsOf(kind);
    expect(queued).toMatchObject({
      status: 'queued',
      attempts: 1,
      max_attempts: 3,
      last_error: 'the remote end refused (attempt 1)',
    });
    expect(Date.parse(queued?.run_at ?? '')).toBe(clock.current + 60_000);

    // Not before its delay.
    clock.advance(59_000);
    await jobs.runDue();
    expect(attempts).toHaveLength(1);
    clock.advance(1_000);
    await jobs.runDue();
    expect(attempts.map((context) => context.attempt)).toEqual([1, 2]);
    clock.advance(599_000);
    await jobs.runDue();
    expect(attempts).toHaveLength(2);
    clock.advance(1_000);
    await jobs.runDue();
    expect(attempts.map((context) => [context.attempt, context.retryDelaySeconds])).toEqual([
      [1, 60],
      [2, 600],
      [3, null],
    ]);
    clock.advance(24 * 60 * MINUTE);
    await jobs.runDue();
    expect(attempts).toHaveLength(3);
    const [failed] = await rowsOf(kind);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'the remote end refused (attempt 3)',
    });

    const { app } = get();
    const admin = await instanceAdmin();
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/jobs?status=failed&kind=${kind}`,
      headers: admin,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      {
        id: failed?.id,
        kind,
        status: 'failed',
        attempts: 3,
        maxAttempts: 3,
        runAt: expect.any(String),
        lastError: 'the remote end refused (attempt 3)',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        finishedAt: expect.any(String),
      },
    ]);
    expect(listed.json().counts.failed).toBeGreaterThanOrEqual(1);

    const someone = bearer(await registerUser(app));
    const refused = await app.inject({ method: 'GET', url: '/api/v1/admin/jobs', headers: someone });
    expect(refused.statusCode).toBe(403);

    healthy = true;
    const retried = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/${failed?.id}/retry`,
      headers: admin,
    });
    expect(retried.statusCode).toBe(204);
    await jobs.runDue();
    expect(attempts.at(-1)).toMatchObject({ attempt: 1, maxAttempts: 3 });
    expect(await rowsOf(kind)).toMatchObject([{ status: 'done', attempts: 1 }]);

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/${failed?.id}/retry`,
      headers: admin,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:staykeep:problem:job-not-failed');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/jobs/0190a9e2-0000-7000-8000-000000000000/retry',
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('runs a periodic job once per period, whatever the number of runners', async () => {
    const quarter = 15 * MINUTE;
    // Seven minutes into a quarter of an hour.
    const clock = new Clock(Math.floor(Date.now() / quarter) * quarter + 7 * MINUTE);
    const kind = newKind('periodic');
    const runs: string[] = [];
    const runners = [runner(clock), runner(clock), runner(clock)];
    for (const jobs of runners) {
      jobs.every(kind, '*/15 * * * *', async (context) => {
        runs.push(context.jobId);
      });
    }

    await Promise.all(runners.map((jobs) => jobs.runDue()));
    clock.advance(7 * MINUTE);
    await Promise.all(runners.map((jobs) => jobs.runDue()));
    expect(runs).toHaveLength(1);
    // The next quarter starts.
    clock.advance(MINUTE);
    await Promise.all(runners.map((jobs) => jobs.runDue()));
    await Promise.all(runners.map((jobs) => jobs.runDue()));

    expect(runs).toHaveLength(2);
    // Each run is named by the start of its quarter: the clock stands at the start of the second one.
    const rows = await rowsOf(kind);
    expect(rows.map((row) => [row.unique_key, row.status])).toEqual([
      [`${kind}@${new Date(clock.current - quarter).toISOString()}`, 'done'],
      [`${kind}@${new Date(clock.current).toISOString()}`, 'done'],
    ]);
  });

  it('gives a job whose runner stopped answering to another runner once its lease has run out', async () => {
    const clock = new Clock();
    const kind = newKind('leased');
    const first = runner(clock);
    const second = runner(clock);
    let started: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release: () => void = () => {};
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const attempts: string[] = [];
    first.register(kind, async (_payload, context) => {
      attempts.push(`first:${context.attempt}`);
      started();
      await hung;
      throw new Error('the first runner fails, too late');
    });
    second.register(kind, async (_payload, context) => {
      attempts.push(`second:${context.attempt}`);
    });

    await first.enqueue(get().app.db, kind, {});
    const firstRound = first.runDue();
    await firstStarted;
    // Held by the first runner while its lease lasts.
    clock.advance(LEASE_MS - 1_000);
    await second.runDue();
    expect(attempts).toEqual(['first:1']);
    clock.advance(2_000);
    await second.runDue();
    expect(attempts).toEqual(['first:1', 'second:2']);
    expect(await rowsOf(kind)).toMatchObject([{ status: 'done', attempts: 2 }]);

    // The first runner comes back and fails: its attempt is no longer the job's, and changes nothing.
    release();
    await firstRound;
    expect(await rowsOf(kind)).toMatchObject([{ status: 'done', attempts: 2, last_error: null }]);
  });

  it('never gives one job to two runners claiming at the same time', async () => {
    const clock = new Clock();
    const kind = newKind('contended');
    const runs = new Map<number, number>();
    const runners = Array.from({ length: 5 }, () => runner(clock));
    for (const jobs of runners) {
      jobs.register<{ n: number }>(kind, async (payload) => {
        runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
        // Holds the job a moment, so that the others claim while it runs.
        await new Promise((resolve) => setTimeout(resolve, 2));
      });
    }
    const [enqueuer] = runners;
    for (let n = 0; n < 100; n++) await enqueuer?.enqueue(get().app.db, kind, { n });

    await Promise.all(runners.map((jobs) => jobs.runDue()));

    expect(runs.size).toBe(100);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(new Set((await rowsOf(kind)).map((row) => row.status))).toEqual(new Set(['done']));
  });

  it("runs the application's periodic jobs: turnover rounds each minute", async () => {
    const { app } = get();
    const before = Math.floor(Date.now() / MINUTE) * MINUTE;
    await app.jobs.runDue();
    const after = Math.floor(Date.now() / MINUTE) * MINUTE;
    const rows = await app.db
      .selectFrom('jobs')
      .select(['unique_key', 'status'])
      .where('kind', '=', 'turnovers.open')
      .execute();
    // The minute may have turned during runDue.
    const expected = new Set(
      [before, after].map((minute) => `turnovers.open@${new Date(minute).toISOString()}`),
    );
    expect(rows.some((row) => expected.has(row.unique_key ?? ''))).toBe(true);
    expect(rows.every((row) => row.status === 'done')).toBe(true);
  });
});
