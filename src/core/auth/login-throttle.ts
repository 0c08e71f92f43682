import { sql, type Kysely } from 'kysely';
import type { FrameworkTables } from '../database/tables.ts';

export interface ThrottlePolicy {
  /** Failures allowed inside the window before the account is locked. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = Object.freeze({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });

/**
 * Per-account sign-in throttling, in the database so that every instance
 * sees the same count. Keys are `<audience>:<e-mail>` and are counted
 * whether or not the account exists, so a lock-out reveals nothing.
 * (Per-IP limits are @fastify/rate-limit's job.)
 */
export class LoginThrottle {
  readonly #db: Kysely<FrameworkTables>;
  readonly #policy: ThrottlePolicy;

  constructor(db: Kysely<FrameworkTables>, policy: ThrottlePolicy = DEFAULT_THROTTLE) {
    this.#db = db;
    this.#policy = policy;
  }

  /** When the key is locked, the date it unlocks; otherwise undefined. */
  async lockedUntil(key: string): Promise<Date | undefined> {
    const row = await this.#db.selectFrom('auth_login_failures').select('locked_until').where('key', '=', key).executeTakeFirst();
    return row?.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until : undefined;
  }

  /** Counts a failure in one statement (safe under concurrency); locks the key on the last allowed one. */
  async recordFailure(key: string): Promise<void> {
    const { maxFailures, windowMs, lockMs } = this.#policy;
    const windowStart = new Date(Date.now() - windowMs);
    const lockUntil = new Date(Date.now() + lockMs);
    await this.#db
      .insertInto('auth_login_failures')
      .values({ key, failures: 1, window_started_at: new Date(), locked_until: maxFailures <= 1 ? lockUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when auth_login_failures.window_started_at < ${windowStart} then 1 else auth_login_failures.failures + 1 end`,
          window_started_at: sql<Date>`case when auth_login_failures.window_started_at < ${windowStart} then now() else auth_login_failures.window_started_at end`,
          locked_until: sql<Date | null>`case when auth_login_failures.window_started_at >= ${windowStart} and auth_login_failures.failures + 1 >= ${maxFailures} then ${lockUntil}::timestamptz else auth_login_failures.locked_until end`,
        }),
      )
      .execute();
  }

  async reset(key: string): Promise<void> {
    await this.#db.deleteFrom('auth_login_failures').where('key', '=', key).execute();
  }
}
