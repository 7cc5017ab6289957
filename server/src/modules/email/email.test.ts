import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { registerUser } from '../../../test/factories.ts';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
async function startSmtpServer(): Promise<{
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const smtp = await startSmtpServer();
afterAll(() => smtp.close());

describeApp(
  'email through a real SMTP server',
  (get) => {
    it('delivers the password reset email, whose link then works', async () => {
      const { app, db } = get();
      const account = await registerUser(app, { name: 'Camille' });
      const requested = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        payload: { email: account.email },
      });
      expect(requested.statusCode).toBe(202);

      const mail = await eventually(
        async () =>
          smtp.received.find(
            (message) => message.to.includes(account.email) && /reset-password/.test(message.raw),
          ),
        (message) => message !== undefined,
        'the reset email',
      );
      expect(mail?.from).toBe('no-reply@staykeep.test');
      expect(mail?.raw).toContain('Subject: Reset your Staykeep password');
      // The body is quoted-printable: undo soft line breaks and =XX escapes.
      const body = (mail?.raw ?? '')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      const token = body.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
      expect(token).toBeDefined();

      const row = await eventually(
        () =>
          db.database.db
            .selectFrom('email_outbox')
            .select(['status', 'attempts', 'sent_at', 'last_error'])
            .where('recipient', '=', account.email)
            .where('template', '=', 'password-reset')
            .executeTakeFirstOrThrow(),
        (value) => value.status === 'sent',
        'the outbox to record the sending',
      );
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      expect(row.sent_at).toMatch(/Z$/);

      const confirmed = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password: 'chosen from the email link' },
      });
      expect(confirmed.statusCode).toBe(204);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: account.email, password: 'chosen from the email link' },
      });
      expect(login.statusCode).toBe(200);
    });
  },
  { config: { email: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: testConfig().email.from } } },
);

describeApp(
  'email when the SMTP server is down',
  (get) => {
    it('keeps the message queued with the error and schedules a retry', async () => {
      const { app, db } = get();
      const account = await registerUser(app);
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        payload: { email: account.email },
      });
      const row = await eventually(
        () =>
          db.database.db
            .selectFrom('email_outbox')
            .select(['status', 'attempts', 'last_error', 'next_attempt_at', 'updated_at'])
            .where('recipient', '=', account.email)
            .where('template', '=', 'password-reset')
            .executeTakeFirstOrThrow(),
        (value) => value.attempts === 1 && value.last_error !== null,
        'a failed attempt',
      );
      expect(row.status).toBe('queued');
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
      // The next attempt waits: the first retry comes 30 seconds after the failure.
      expect(Date.parse(row.next_attempt_at) - Date.parse(row.updated_at)).toBe(30_000);
    });

    it('tries six times over about seven hours, then marks the message failed', async () => {
      const { app, db, clock } = get();
      const account = await registerUser(app);
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        payload: { email: account.email },
      });
      const message = () =>
        db.database.db
          .selectFrom('email_outbox')
          .select(['id', 'status', 'attempts', 'last_error'])
          .where('recipient', '=', account.email)
          .where('template', '=', 'password-reset')
          .executeTakeFirstOrThrow();
      await eventually(message, (value) => value.attempts === 1, 'the first attempt');

      for (const [index, delaySeconds] of [30, 120, 600, 3_600, 6 * 3_600].entries()) {
        // A second early, nothing is tried.
        clock.advance(delaySeconds * 1000 - 1_000);
        await app.jobs.runDue();
        expect((await message()).attempts).toBe(index + 1);
        clock.advance(1_000);
        await app.jobs.runDue();
        expect((await message()).attempts).toBe(index + 2);
      }

      const row = await message();
      expect(row).toMatchObject({ status: 'failed', attempts: 6 });
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
      const jobs = await db.database.db
        .selectFrom('jobs')
        .select(['payload', 'status', 'attempts'])
        .where('kind', '=', 'email.send')
        .execute();
      expect(jobs.filter((job) => (job.payload as { messageId: string }).messageId === row.id)).toEqual([
        { payload: { messageId: row.id }, status: 'failed', attempts: 6 },
      ]);
    });
  },
  // Port 9 (discard) has no SMTP server on a test machine: the connection is refused.
  { config: { email: { smtpUrl: 'smtp://127.0.0.1:9', from: testConfig().email.from } } },
);
