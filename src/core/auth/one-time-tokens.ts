import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../database/tables.ts';
import type { Audience } from './principal.ts';
import { digestToken, randomToken } from './secret-digest.ts';

export type OneTimePurpose = 'password_reset' | 'email_verification';

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface RedeemedToken {
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Single-use tokens sent by mail (password reset, e-mail verification).
 * Stored as digests; issuing a new one for the same subject retires the
 * older ones; redeeming marks it used in the same statement that reads it.
 */
export class OneTimeTokens {
  readonly #db: Kysely<FrameworkTables>;

  constructor(db: Kysely<FrameworkTables>) {
    this.#db = db;
  }

  async issue(purpose: OneTimePurpose, audience: Audience, subject: string, ttlMs: number, data: Record<string, unknown> = {}): Promise<IssuedToken> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('auth_one_time_tokens')
        .set({ used_at: new Date() })
        .where('purpose', '=', purpose)
        .where('audience', '=', audience)
        .where('subject', '=', subject)
        .where('used_at', 'is', null)
        .execute();
      await trx
        .insertInto('auth_one_time_tokens')
        .values({ purpose, audience, subject, token_hash: digestToken(token), data: JSON.stringify(data), expires_at: expiresAt })
        .execute();
    });
    return { token, expiresAt };
  }

  /** Uses the token up; undefined when it is unknown, used or expired. */
  async redeem(purpose: OneTimePurpose, audience: Audience, token: string): Promise<RedeemedToken | undefined> {
    const row = await this.#db
      .updateTable('auth_one_time_tokens')
      .set({ used_at: new Date() })
      .where('token_hash', '=', digestToken(token))
      .where('purpose', '=', purpose)
      .where('audience', '=', audience)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['subject', 'data'])
      .executeTakeFirst();
    return row ? { subject: row.subject, data: (row.data ?? {}) as Record<string, unknown> } : undefined;
  }

  /** Whether the token would redeem, without using it (to show the form before it is submitted). */
  async isValid(purpose: OneTimePurpose, audience: Audience, token: string): Promise<boolean> {
    return (await this.peek(purpose, audience, token)) !== undefined;
  }

  /** What the token would redeem, without using it (to check a new password before spending the link). */
  async peek(purpose: OneTimePurpose, audience: Audience, token: string): Promise<RedeemedToken | undefined> {
    const row = await this.#db
      .selectFrom('auth_one_time_tokens')
      .select(['subject', 'data'])
      .where('token_hash', '=', digestToken(token))
      .where('purpose', '=', purpose)
      .where('audience', '=', audience)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row ? { subject: row.subject, data: (row.data ?? {}) as Record<string, unknown> } : undefined;
  }
}
