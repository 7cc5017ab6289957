import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailConfig } from '../../config.ts';
import { afterCommit, type Db, type DbOrTx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import {
  countQueuedMessages,
  findOutboxMessage,
  insertOutboxMessage,
  recordAttempt,
} from './email.repository.ts';
import type { RenderedEmail } from './templates.ts';

/** Waits between attempts to send (the job runner's retry delays); after the last one the message is failed. */
export const EMAIL_RETRY_DELAYS_SECONDS = [30, 120, 600, 3_600, 6 * 3_600] as const;

/**
 * Every email goes through the `email_outbox` table, written in the same
 * transaction as the change that causes it, and is sent afterwards by a job
 * (`sendLater`, given at composition, adds it in that same transaction; the
 * job runner retries it). The table stays the record of what was sent.
 * Without SMTP_URL nothing is sent: the message is kept with status `logged`
 * and written to the log, so a local install still shows its links.
 */
export class EmailOutbox {
  readonly #db: Db;
  readonly #config: EmailConfig;
  readonly #log: FastifyBaseLogger;
  readonly #now: () => Date;
  readonly #sendLater: (db: DbOrTx, messageId: string) => Promise<void>;
  readonly #transport: Transporter | null;

  constructor(options: {
    db: Db;
    config: EmailConfig;
    log: FastifyBaseLogger;
    now: () => Date;
    sendLater: (db: DbOrTx, messageId: string) => Promise<void>;
  }) {
    this.#db = options.db;
    this.#config = options.config;
    this.#log = options.log;
    this.#now = options.now;
    this.#sendLater = options.sendLater;
    this.#transport = options.config.smtpUrl ? nodemailer.createTransport(options.config.smtpUrl) : null;
  }

  /**
   * Stores a message to send, in the caller's transaction; it leaves once
   * that transaction has committed (a change rolled back sends nothing).
   */
  async queue(
    db: DbOrTx,
    message: RenderedEmail & { to: string; template: string; locale: string },
  ): Promise<void> {
    const id = newId();
    const status = this.#transport ? 'queued' : 'logged';
    await insertOutboxMessage(db, {
      id,
      recipient: message.to,
      template: message.template,
      locale: message.locale,
      subject: message.subject,
      bodyText: message.text,
      status,
      now: this.#now().toISOString(),
    });
    if (status === 'queued') {
      await this.#sendLater(db, id);
      return;
    }
    afterCommit(db, () => {
      this.#log.info(
        { to: message.to, subject: message.subject, text: message.text },
        'email not sent (no SMTP_URL): its content follows',
      );
    });
  }

  /**
   * One attempt to send a message (the `email.send` job). A failure is
   * recorded on the message, queued again until the last attempt and failed
   * after it, then thrown so that the job runner retries it.
   */
  async send(messageId: string, attempt: { retryDelaySeconds: number | null }): Promise<void> {
    const message = await findOutboxMessage(this.#db, messageId);
    // Sent already (a retry after the outcome was recorded), or never meant to be.
    if (!message || message.status === 'sent' || message.status === 'logged') return;
    try {
      if (!this.#transport) throw new Error('SMTP_URL is not set on the instance that ran this job');
      await this.#transport.sendMail({
        from: this.#config.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
      });
    } catch (error) {
      const failedAt = this.#now();
      const delay = attempt.retryDelaySeconds;
      await recordAttempt(this.#db, message.id, {
        status: delay === null ? 'failed' : 'queued',
        error: error instanceof Error ? error.message : String(error),
        now: failedAt.toISOString(),
        ...(delay === null
          ? {}
          : { nextAttemptAt: new Date(failedAt.getTime() + delay * 1000).toISOString() }),
      });
      throw error;
    }
    await recordAttempt(this.#db, message.id, {
      status: 'sent',
      error: null,
      now: this.#now().toISOString(),
    });
  }

  /** Messages not sent yet that will be tried (again), whichever instance queued them. */
  pendingCount(): Promise<number> {
    return countQueuedMessages(this.#db);
  }

  /** Closes the SMTP connections; the job runner must be stopped first. */
  close(): void {
    this.#transport?.close();
  }
}
