import type { DbOrTx } from '../../db/database.ts';

export interface OutboxMessage {
  id: string;
  recipient: string;
  subject: string;
  body_text: string;
  attempts: number;
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

export function dueMessages(db: DbOrTx, now: string, limit: number): Promise<OutboxMessage[]> {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'recipient', 'subject', 'body_text', 'attempts'])
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * Claims a message for one sender by pushing its next attempt past a lease;
 * false when another process claimed it first.
 */
export async function claimMessage(
  db: DbOrTx,
  id: string,
  attempts: number,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ next_attempt_at: leaseUntil, attempts: attempts + 1 })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function recordOutcome(
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
    .set({
      status: outcome.status,
      last_error: outcome.error,
      updated_at: outcome.now,
      ...(outcome.status === 'sent' ? { sent_at: outcome.now } : {}),
      ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}
