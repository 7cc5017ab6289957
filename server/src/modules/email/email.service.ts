import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailConfig } from '../../config.ts';
import { afterCommit, type Db, type DbOrTx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { claimMessage, dueMessages, insertOutboxMessage, recordOutcome } from './email.repository.ts';
import type { RenderedEmail } from './templates.ts';

/** Waits between attempts; after the last one the message is marked failed. */
const RETRY_DELAYS_SECONDS = [30, 120, 600, 3_600, 6 * 3_600];
/** How long a sender holds a claimed message before another process may retry it. */
const CLAIM_LEASE_SECONDS = 120;
const POLL_INTERVAL_MS = 5_000;

/**
 * Every email goes through the `email_outbox` table, written in the same
 * transaction as the change that causes it, and is sent afterwards. Without
 * SMTP_URL nothing is sent: the message is kept with status `logged` and
 * written to the log, so a local install still shows its links.
 */
export class EmailOutbox {
  readonly #db: Db;
  readonly #config: EmailConfig;
  readonly #log: FastifyBaseLogger;
  readonly #now: () => Date;
  readonly #transport: Transporter | null;
  #timer: NodeJS.Timeout | undefined;
  #delivering: Promise<void> | undefined;
  #again = false;

  constructor(options: { db: Db; config: EmailConfig; log: FastifyBaseLogger; now: () => Date }) {
    this.#db = options.db;
    this.#config = options.config;
    this.#log = options.log;
    this.#now = options.now;
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
    const status = this.#transport ? 'queued' : 'logged';
    await insertOutboxMessage(db, {
      id: newId(),
      recipient: message.to,
      template: message.template,
      locale: message.locale,
      subject: message.subject,
      bodyText: message.text,
      status,
      now: this.#now().toISOString(),
    });
    afterCommit(db, () => {
      if (status === 'queued') {
        this.deliverSoon();
        return;
      }
      this.#log.info(
        { to: message.to, subject: message.subject, text: message.text },
        'email not sent (no SMTP_URL): its content follows',
      );
    });
  }

  /** Sends what is due without making the caller wait (and without revealing timing to it). */
  deliverSoon(): void {
    if (!this.#transport) return;
    setImmediate(() => {
      this.deliverDue().catch((error) => this.#log.error({ err: error }, 'email delivery failed'));
    });
  }

  /**
   * Sends every due message; safe to run in several processes at once. A call
   * made while a round is running schedules one more round, so a message
   * queued meanwhile is not left for the next poll.
   */
  deliverDue(): Promise<void> {
    if (this.#delivering) {
      this.#again = true;
      return this.#delivering;
    }
    this.#delivering = (async () => {
      do {
        this.#again = false;
        await this.#deliver();
      } while (this.#again);
    })().finally(() => {
      this.#delivering = undefined;
    });
    return this.#delivering;
  }

  async #deliver(): Promise<void> {
    const transport = this.#transport;
    if (!transport) return;
    const now = this.#now();
    for (const message of await dueMessages(this.#db, now.toISOString(), 20)) {
      const lease = new Date(now.getTime() + CLAIM_LEASE_SECONDS * 1000).toISOString();
      if (!(await claimMessage(this.#db, message.id, message.attempts, lease))) continue;
      const attempt = message.attempts + 1;
      try {
        await transport.sendMail({
          from: this.#config.from,
          to: message.recipient,
          subject: message.subject,
          text: message.body_text,
        });
        await recordOutcome(this.#db, message.id, {
          status: 'sent',
          error: null,
          now: this.#now().toISOString(),
        });
      } catch (error) {
        const delay = RETRY_DELAYS_SECONDS[attempt - 1];
        const failedAt = this.#now();
        this.#log.warn({ err: error, emailId: message.id, attempt }, 'email not sent');
        await recordOutcome(this.#db, message.id, {
          status: delay === undefined ? 'failed' : 'queued',
          error: error instanceof Error ? error.message : String(error),
          now: failedAt.toISOString(),
          ...(delay === undefined
            ? {}
            : { nextAttemptAt: new Date(failedAt.getTime() + delay * 1000).toISOString() }),
        });
      }
    }
  }

  /** Retries due messages periodically (messages queued by any process). */
  start(): void {
    if (!this.#transport || this.#timer) return;
    this.#timer = setInterval(() => this.deliverSoon(), POLL_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#delivering;
    this.#transport?.close();
  }
}
