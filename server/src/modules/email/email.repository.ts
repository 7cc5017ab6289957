import type { DbOrTx } from '../../db/database.ts';

export interface OutboxMessage {
  id: string;
  recipient: string;
  subject: string;
  body_text: string;
  status: 'queued' | 'sent' | 'failed' | 'logged';
}

export async function insertOutboxMessage(
  db: DbOrTx,
  message: {
    id: string;
    recipient: string;
    template: string;
    locale: string;
    subject: string;
    bodyText: string;
    status: 'queued' | 'logged';
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('email_outbox')
    .values({
      id: message.id,
      recipient: message.recipient,
      template: message.template,
      locale: message.locale,
      subject: message.subject,
      body_text: message.bodyText,
      status: message.status,
      next_attempt_at: message.now,
      created_at: message.now,
      updated_at: message.now,
    })
    .execute();
}

export function findOutboxMessage(db: DbOrTx, id: string): Promise<OutboxMessage | undefined> {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'recipient', 'subject', 'body_text', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Messages waiting to be sent (first attempt or a retry), for the metrics: an indexed count. */
export async function countQueuedMessages(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'queued')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Records one attempt's outcome; `next_attempt_at` says when the job runner tries again. */
export async function recordAttempt(
  db: DbOrTx,
  id: string,
  outcome: {
    status: 'queued' | 'sent' | 'failed';
    error: string | null;
    nextAttemptAt?: string;
    now: string;
  },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', 1),
      last_error: outcome.error,
      updated_at: outcome.now,
      ...(outcome.status === 'sent' ? { sent_at: outcome.now } : {}),
      ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    }))
    .where('id', '=', id)
    .execute();
}
