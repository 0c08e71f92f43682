import type { Kysely, Selectable } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { FrameworkTables, MailOutboxTable } from '../database/tables.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Which template produced it (for the outbox list). */
  readonly template?: string;
  readonly platform?: string;
  readonly vendorId?: number;
}

export type OutboxEntry = Selectable<MailOutboxTable>;

export interface OutboxQuery {
  readonly limit: number;
  readonly offset: number;
  readonly to?: string | undefined;
  readonly platform?: string | undefined;
}

/**
 * Sends the platform's mail. Every message is recorded in `mail_outbox`.
 * With SMTP_URL it is sent over SMTP (nodemailer) and its row says `sent`
 * or `failed` with the server's answer; without it the row stays in the
 * `outbox`, where admins read it in the back office, so invitations and
 * password resets work on a laptop and in tests.
 */
export class Mailer {
  readonly #db: Kysely<FrameworkTables>;
  readonly #smtpUrl: string | undefined;
  readonly #from: string;
  readonly #log: FastifyBaseLogger;
  #transport: Promise<Transporter> | undefined;

  constructor(options: { db: Kysely<FrameworkTables>; smtpUrl: string | undefined; from: string; logger: FastifyBaseLogger }) {
    this.#db = options.db;
    this.#smtpUrl = options.smtpUrl;
    this.#from = options.from;
    this.#log = options.logger;
  }

  get transport(): 'smtp' | 'outbox' {
    return this.#smtpUrl ? 'smtp' : 'outbox';
  }

  async send(message: MailMessage): Promise<OutboxEntry> {
    const row = await this.#db
      .insertInto('mail_outbox')
      .values({
        platform_code: message.platform ?? null,
        vendor_id: message.vendorId ?? null,
        to_address: message.to,
        subject: message.subject,
        text_body: message.text,
        html_body: message.html ?? null,
        template: message.template ?? null,
        status: this.#smtpUrl ? 'queued' : 'outbox',
        transport: this.transport,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!this.#smtpUrl) return row;
    try {
      const transport = await this.#getTransport();
      await transport.sendMail({ from: this.#from, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
      return await this.#db.updateTable('mail_outbox').set({ status: 'sent', sent_at: new Date() }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      // A mail server that is down must not fail the action that sent the mail; the row says what happened.
      this.#log.error({ err: error, outboxId: row.id }, 'sending mail failed');
      return await this.#db
        .updateTable('mail_outbox')
        .set({ status: 'failed', error: error instanceof Error ? error.message : String(error) })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
  }

  async list(query: OutboxQuery): Promise<{ total: number; entries: OutboxEntry[] }> {
    let base = this.#db.selectFrom('mail_outbox');
    if (query.to) base = base.where('to_address', 'ilike', `%${query.to.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    if (query.platform) base = base.where('platform_code', '=', query.platform);
    const [entries, count] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), entries };
  }

  async get(id: number): Promise<OutboxEntry | undefined> {
    return this.#db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async close(): Promise<void> {
    if (this.#transport) (await this.#transport).close();
  }

  #getTransport(): Promise<Transporter> {
    // Loaded on first use: an install without SMTP never pays for nodemailer.
    this.#transport ??= import('nodemailer').then((m) => m.default.createTransport(this.#smtpUrl));
    return this.#transport;
  }
}
