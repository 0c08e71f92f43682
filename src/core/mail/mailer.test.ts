import { createServer } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../app.ts';
import { DEFAULT_MODULES_DIR } from '../../modules/discovery.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/test-database.ts';
import { Mailer } from './mailer.ts';

/** Mail goes to the outbox without SMTP_URL, and over SMTP with it (a real SMTP server on a local port). */
describe('Mailer', () => {
  let db: TestDatabase;
  let server: SMTPServer;
  let port: number;
  const received: Array<{ to: string; data: string }> = [];
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase(await loadRegistry(DEFAULT_MODULES_DIR));
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
          callback();
        });
      },
    });
    port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await db?.close();
  });

  it('keeps mail in the outbox when no SMTP server is configured', async () => {
    const mailer = new Mailer({ db: db.db, smtpUrl: undefined, from: 'Wizamart <no-reply@example.test>', logger });
    const row = await mailer.send({ to: 'ada@example.test', subject: 'Hello', text: 'Body', platform: 'wizamart' });
    expect(row).toMatchObject({ status: 'outbox', transport: 'outbox', to_address: 'ada@example.test' });
    const listed = await mailer.list({ limit: 10, offset: 0, to: 'ADA@' });
    expect(listed.entries.map((e) => e.id)).toEqual([row.id]);
  });

  it('sends over SMTP and records it as sent', async () => {
    const mailer = new Mailer({ db: db.db, smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Wizamart <no-reply@example.test>', logger });
    const row = await mailer.send({ to: 'lea@example.test', subject: 'Invitation', text: 'Join us', html: '<p>Join us</p>' });
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp' });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(received.at(-1)?.to).toBe('lea@example.test');
    expect(received.at(-1)?.data).toContain('Subject: Invitation');
    await mailer.close();
  });

  it('records a failure without failing the caller when the SMTP server is away', async () => {
    const closedPort = await freePort();
    const mailer = new Mailer({ db: db.db, smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: 'x@example.test', logger });
    const row = await mailer.send({ to: 'marc@example.test', subject: 'Reset', text: 'Link' });
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    await mailer.close();
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
