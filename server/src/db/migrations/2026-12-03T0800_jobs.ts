import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

/** The attempts the outbox gave a message before the runner took over its retries. */
const EMAIL_ATTEMPTS = 6;

/**
 * Background jobs: one table for everything periodic or retried (the email
 * outbox, turnover rounds, channel syncs), claimed with a lease so that any
 * number of processes can run them.
 *
 * `unique_key` is unique over the whole table, whatever the status. A
 * periodic run is keyed by its period (`turnovers.open@2026-12-03T08:01:00.000Z`)
 * and keeps its key once done, so an instance that looks later in the same
 * period finds it and does not run it again; a partial index on pending rows
 * would forget the key as soon as the first run finished. A key that only
 * keeps one job pending at a time (`channel.sync:<feedId>`) is set to null by
 * the runner when its job finishes, which frees it. Several nulls never
 * collide, on SQLite and PostgreSQL alike.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);
  await db.schema
    .createTable('jobs')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('kind', type.text, (c) => c.notNull())
    .addColumn('unique_key', type.text, (c) => c.unique())
    .addColumn('payload', type.json, (c) => c.notNull())
    .addColumn('status', type.text, (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(oneOf('status', ['queued', 'running', 'done', 'failed'])),
    )
    .addColumn('attempts', type.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', type.integer, (c) => c.notNull())
    .addColumn('run_at', type.instant, (c) => c.notNull())
    // While running: until when the process named by locked_by holds it; later, another may take it.
    .addColumn('lease_until', type.instant)
    .addColumn('locked_by', type.text)
    .addColumn('last_error', type.text)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', type.instant)
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();

  // Messages still waiting to be sent (or retried) were the outbox's own poller's to send: each gets
  // its job now, with the attempts it has left, at the time its next attempt was due.
  const waiting: { id: string; attempts: number; next_attempt_at: string }[] = await db
    .selectFrom('email_outbox')
    .select(['id', 'attempts', 'next_attempt_at'])
    .where('status', '=', 'queued')
    .execute();
  const created = new Date().toISOString();
  for (const message of waiting) {
    await db
      .insertInto('jobs')
      .values({
        id: newId(),
        kind: 'email.send',
        unique_key: null,
        payload: JSON.stringify({ messageId: message.id }),
        status: 'queued',
        attempts: 0,
        max_attempts: Math.max(1, EMAIL_ATTEMPTS - message.attempts),
        run_at: new Date(message.next_attempt_at).toISOString(),
        created_at: created,
        updated_at: created,
      })
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
