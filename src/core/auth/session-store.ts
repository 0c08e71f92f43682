import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../database/tables.ts';
import type { Audience } from './principal.ts';
import { digestToken, randomToken } from './secret-digest.ts';

export interface SessionInfo {
  readonly id: string;
  readonly audience: Audience;
  readonly userId: number;
  readonly vendorId: number | null;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
  readonly expiresAt: Date;
}

export interface NewSession {
  readonly audience: Audience;
  readonly userId: number;
  readonly vendorId?: number | null;
  readonly userAgent?: string | undefined;
  readonly ip?: string | undefined;
}

const REUSE_GRACE_MS = 20_000;

/** The outcome of presenting a refresh token. */
export type RotationResult =
  | { readonly ok: true; readonly session: SessionInfo; readonly refreshToken: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/**
 * Sessions and their rotating refresh tokens. A refresh token is
 * `<session id>.<secret>`; only the secret's digest is stored. Each use
 * replaces it; presenting the previous one again means it was copied, so
 * the session is revoked (the thief and the owner both sign in again).
 */
export class SessionStore {
  readonly #db: Kysely<FrameworkTables>;
  readonly #ttlMs: number;

  constructor(db: Kysely<FrameworkTables>, ttlDays: number) {
    this.#db = db;
    this.#ttlMs = ttlDays * 24 * 60 * 60 * 1000;
  }

  async create(input: NewSession): Promise<{ session: SessionInfo; refreshToken: string }> {
    const id = randomUUID();
    const secret = randomToken();
    const row = await this.#db
      .insertInto('auth_sessions')
      .values({
        id,
        audience: input.audience,
        user_id: input.userId,
        vendor_id: input.vendorId ?? null,
        refresh_hash: digestToken(secret),
        user_agent: input.userAgent?.slice(0, 400) ?? null,
        ip: input.ip?.slice(0, 64) ?? null,
        expires_at: new Date(Date.now() + this.#ttlMs),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { session: toInfo(row), refreshToken: `${id}.${secret}` };
  }

  async rotate(refreshToken: string, audience: Audience): Promise<RotationResult> {
    const dot = refreshToken.indexOf('.');
    const id = refreshToken.slice(0, dot);
    if (dot <= 0 || !/^[0-9a-f-]{36}$/.test(id)) return { ok: false, reason: 'unknown' };
    const digest = digestToken(refreshToken.slice(dot + 1));
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('auth_sessions').selectAll().where('id', '=', id).where('audience', '=', audience).forUpdate().executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' } as const;
      if (row.revoked_at) return { ok: false, reason: 'revoked' } as const;
      if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' } as const;
      if (row.refresh_hash !== digest) {
        if (row.previous_hash === digest) {
          // Two requests of one page can race to refresh with the same token;
          // a reuse within seconds of the rotation is that, not a theft.
          if (Date.now() - row.last_used_at.getTime() < REUSE_GRACE_MS) {
            return { ok: true, session: toInfo(row), refreshToken } as const;
          }
          await trx.updateTable('auth_sessions').set({ revoked_at: new Date(), revoked_reason: 'refresh_token_reused' }).where('id', '=', id).execute();
          return { ok: false, reason: 'reused' } as const;
        }
        return { ok: false, reason: 'unknown' } as const;
      }
      const secret = randomToken();
      const updated = await trx
        .updateTable('auth_sessions')
        .set({ refresh_hash: digestToken(secret), previous_hash: digest, last_used_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true, session: toInfo(updated), refreshToken: `${id}.${secret}` } as const;
    });
  }

  /** The session if it is still live (not revoked, not expired). */
  async findLive(id: string): Promise<SessionInfo | undefined> {
    const row = await this.#db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row ? toInfo(row) : undefined;
  }

  /** Ends the session a refresh token belongs to (sign-out from a page whose access token expired); false when the token is not current. */
  async revokeByRefreshToken(refreshToken: string, audience: Audience): Promise<boolean> {
    const dot = refreshToken.indexOf('.');
    const id = refreshToken.slice(0, dot);
    if (dot <= 0 || !/^[0-9a-f-]{36}$/.test(id)) return false;
    const result = await this.#db
      .updateTable('auth_sessions')
      .set({ revoked_at: new Date(), revoked_reason: 'signed_out' })
      .where('id', '=', id)
      .where('audience', '=', audience)
      .where('refresh_hash', '=', digestToken(refreshToken.slice(dot + 1)))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revoke(id: string, reason = 'signed_out'): Promise<void> {
    await this.#db.updateTable('auth_sessions').set({ revoked_at: new Date(), revoked_reason: reason }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** Ends every session of a user (password changed, account disabled), except `keep`. */
  async revokeAllForUser(audience: Audience, userId: number, options: { keep?: string; reason?: string; vendorId?: number } = {}): Promise<number> {
    let q = this.#db
      .updateTable('auth_sessions')
      .set({ revoked_at: new Date(), revoked_reason: options.reason ?? 'revoked' })
      .where('audience', '=', audience)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (options.keep) q = q.where('id', '!=', options.keep);
    if (options.vendorId !== undefined) q = q.where('vendor_id', '=', options.vendorId);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listLive(audience: Audience, userId: number): Promise<SessionInfo[]> {
    const rows = await this.#db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('audience', '=', audience)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('last_used_at', 'desc')
      .execute();
    return rows.map(toInfo);
  }
}

function toInfo(row: {
  id: string;
  audience: string;
  user_id: number;
  vendor_id: number | null;
  user_agent: string | null;
  ip: string | null;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
}): SessionInfo {
  return {
    id: row.id,
    audience: row.audience as Audience,
    userId: row.user_id,
    vendorId: row.vendor_id,
    userAgent: row.user_agent,
    ip: row.ip,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}
