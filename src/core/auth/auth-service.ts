import type { Kysely } from 'kysely';
import { AppError } from '../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../exceptions/framework-errors.ts';
import type { ModuleService } from '../../modules/service.ts';
import type { FrameworkTables } from '../database/tables.ts';
import type { PermissionCatalog } from '../permissions.ts';
import type { AccountRecord, IdentityProvider, VendorChoice } from './identity-provider.ts';
import { LoginThrottle, type ThrottlePolicy } from './login-throttle.ts';
import { OneTimeTokens } from './one-time-tokens.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { Audience, Principal } from './principal.ts';
import { SessionStore, type SessionInfo } from './session-store.ts';
import { AccessTokenError, AccessTokens, type AccessClaims } from './tokens.ts';

/** The answer to a sign-in or a refresh, as the API sends it. */
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
  readonly sessionId: string;
  /** When the session (and so the refresh token) ends. */
  readonly refreshExpiresAt: Date;
}

export interface RequestMeta {
  readonly platform: string;
  readonly vendorId?: number | null;
  readonly userAgent?: string | undefined;
  readonly ip?: string | undefined;
}

export interface AuthServiceOptions {
  readonly db: Kysely<FrameworkTables>;
  readonly secret: string;
  readonly accessTokenTtl: number;
  readonly refreshTokenTtlDays: number;
  readonly identities: ReadonlyMap<Audience, IdentityProvider>;
  readonly modules: ModuleService;
  readonly permissions: PermissionCatalog;
  readonly throttle?: ThrottlePolicy;
}

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Authentication for every audience: password sign-in (argon2id, per-account
 * throttling, no hint whether an account exists), short-lived access tokens,
 * rotating refresh tokens, password reset, and the principal of a token,
 * whose permissions are those of the user's role narrowed to the modules
 * enabled on the request's platform.
 */
export class AuthService {
  readonly tokens: AccessTokens;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;
  readonly oneTime: OneTimeTokens;
  readonly #db: Kysely<FrameworkTables>;
  readonly #identities: ReadonlyMap<Audience, IdentityProvider>;
  readonly #modules: ModuleService;
  readonly #permissions: PermissionCatalog;

  constructor(options: AuthServiceOptions) {
    this.#db = options.db;
    this.tokens = new AccessTokens(options.secret, options.accessTokenTtl);
    this.sessions = new SessionStore(options.db, options.refreshTokenTtlDays);
    this.throttle = new LoginThrottle(options.db, options.throttle);
    this.oneTime = new OneTimeTokens(options.db);
    this.#identities = options.identities;
    this.#modules = options.modules;
    this.#permissions = options.permissions;
  }

  /** Whether some module provides users of this audience. */
  supports(audience: Audience): boolean {
    return this.#identities.has(audience);
  }

  identity(audience: Audience): IdentityProvider {
    const provider = this.#identities.get(audience);
    if (!provider) throw new Error(`no module provides the "${audience}" identity`);
    return provider;
  }

  /**
   * Checks an e-mail and password. Every failure (unknown account, wrong
   * password, disabled account) is the same INVALID_CREDENTIALS after the
   * same work; LOGIN_LOCKED after too many failures for that e-mail.
   */
  async verifyCredentials(audience: Audience, email: string, password: string, meta: RequestMeta): Promise<AccountRecord> {
    const normalized = normalizeEmail(email);
    const key = `${audience}:${normalized}`;
    const locked = await this.throttle.lockedUntil(key);
    if (locked) throw new AppError(FRAMEWORK_ERRORS.AUTH_LOGIN_LOCKED, { minutes: Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 60_000)) });
    const account = await this.identity(audience).findByEmail({ db: this.#db, email: normalized, platform: meta.platform, vendorId: meta.vendorId ?? null });
    const ok = await verifyPassword(account?.passwordHash, password);
    if (!ok || !account || !account.active) {
      await this.throttle.recordFailure(key);
      throw new AppError(FRAMEWORK_ERRORS.AUTH_INVALID_CREDENTIALS);
    }
    await this.throttle.reset(key);
    return account;
  }

  /**
   * The vendor a vendor-audience session binds to: the one named, else the
   * only one; several without a name is a question back to the caller.
   */
  async chooseVendor(audience: Audience, account: AccountRecord, vendorCode: string | undefined, meta: RequestMeta): Promise<VendorChoice> {
    const provider = this.identity(audience);
    const vendors = (await provider.vendorsOf?.({ db: this.#db, userId: account.userId, platform: meta.platform })) ?? [];
    const chosen = vendorCode ? vendors.find((v) => v.code === vendorCode) : vendors.length === 1 ? vendors[0] : undefined;
    if (chosen) return chosen;
    // Valid credentials but no vendor to act for: no team, or not this one.
    if (vendors.length === 0 || vendorCode) throw new AppError(FRAMEWORK_ERRORS.AUTH_INVALID_CREDENTIALS);
    throw new AppError(FRAMEWORK_ERRORS.AUTH_VENDOR_CHOICE_REQUIRED, { vendors: vendors.map((v) => v.code).join(', ') });
  }

  /** Starts a session and returns its first token pair. */
  async issue(audience: Audience, userId: number, meta: RequestMeta): Promise<TokenPair> {
    const { session, refreshToken } = await this.sessions.create({
      audience,
      userId,
      vendorId: meta.vendorId ?? null,
      userAgent: meta.userAgent,
      ip: meta.ip,
    });
    await this.identity(audience).recordSignIn?.({ db: this.#db, userId, platform: meta.platform });
    return this.#pair(session, refreshToken);
  }

  /** Exchanges a refresh token for a new pair; the old refresh token stops working. */
  async refresh(audience: Audience, refreshToken: string): Promise<TokenPair> {
    const result = await this.sessions.rotate(refreshToken, audience);
    if (!result.ok) throw new AppError(FRAMEWORK_ERRORS.AUTH_REFRESH_INVALID);
    return this.#pair(result.session, result.refreshToken);
  }

  async signOut(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, 'signed_out');
  }

  /** Verifies an access token; throws AUTH_TOKEN_EXPIRED or AUTH_INVALID_TOKEN. */
  async verifyAccessToken(token: string, audience: Audience): Promise<AccessClaims> {
    try {
      return await this.tokens.verify(token, audience);
    } catch (error) {
      if (error instanceof AccessTokenError && error.problem === 'expired') throw new AppError(FRAMEWORK_ERRORS.AUTH_TOKEN_EXPIRED);
      throw new AppError(FRAMEWORK_ERRORS.AUTH_INVALID_TOKEN);
    }
  }

  /**
   * The principal of verified claims on a platform: the session must still
   * be live and its user still allowed in (AUTH_SESSION_ENDED otherwise).
   */
  async principalFor(claims: AccessClaims, platform: string): Promise<Principal> {
    const [session, loaded] = await Promise.all([
      this.sessions.findLive(claims.sessionId),
      this.identity(claims.audience).loadPrincipal({ db: this.#db, userId: claims.userId, vendorId: claims.vendorId, platform, permissions: this.#permissions }),
    ]);
    if (!session || session.userId !== claims.userId || session.audience !== claims.audience || !loaded) {
      throw new AppError(FRAMEWORK_ERRORS.AUTH_SESSION_ENDED);
    }
    // A vendor's session is good on its own platform only: another platform's host never serves it.
    if (loaded.vendor && loaded.vendor.platform !== platform) throw new AppError(FRAMEWORK_ERRORS.AUTH_WRONG_PLATFORM, { platform });
    const enabled = new Set(await this.#modules.getEnabledModuleCodes(platform));
    const { granted, ...rest } = loaded;
    return Object.freeze({
      ...rest,
      kind: 'user',
      audience: claims.audience,
      id: `${claims.audience}:${claims.userId}`,
      sessionId: claims.sessionId,
      permissions: this.#permissions.grantable(granted, enabled),
    });
  }

  /** Starts a password reset: a mail-able token when the account exists and is active; undefined otherwise (say nothing). */
  async startPasswordReset(audience: Audience, email: string, meta: RequestMeta): Promise<{ account: AccountRecord; token: string } | undefined> {
    const account = await this.identity(audience).findByEmail({ db: this.#db, email: normalizeEmail(email), platform: meta.platform, vendorId: meta.vendorId ?? null });
    if (!account || !account.active) return undefined;
    const { token } = await this.oneTime.issue('password_reset', audience, String(account.userId), RESET_TTL_MS);
    return { account, token };
  }

  /** Sets a new password with a reset token; ends every session of the account. A refused password leaves the link usable. */
  async completePasswordReset(audience: Audience, token: string, newPassword: string, meta: RequestMeta): Promise<AccountRecord> {
    const pending = await this.oneTime.peek('password_reset', audience, token);
    if (!pending) throw new AppError(FRAMEWORK_ERRORS.AUTH_RESET_TOKEN_INVALID);
    const provider = this.identity(audience);
    const account = await provider.findById({ db: this.#db, userId: Number(pending.subject), platform: meta.platform });
    if (!account) throw new AppError(FRAMEWORK_ERRORS.AUTH_RESET_TOKEN_INVALID);
    const problem = passwordProblem(newPassword, account.email);
    if (problem) throw new AppError(FRAMEWORK_ERRORS.PASSWORD_TOO_WEAK, { problem });
    // Spent only now, and atomically: of two concurrent submissions one wins.
    if (!(await this.oneTime.redeem('password_reset', audience, token))) throw new AppError(FRAMEWORK_ERRORS.AUTH_RESET_TOKEN_INVALID);
    await this.setPassword(audience, account, newPassword, meta);
    await this.sessions.revokeAllForUser(audience, account.userId, { reason: 'password_reset' });
    await this.throttle.reset(`${audience}:${account.email}`);
    return account;
  }

  /** Changes a password after checking the current one; other sessions end, this one stays. */
  async changePassword(audience: Audience, userId: number, current: string, next: string, meta: RequestMeta & { keepSession: string }): Promise<void> {
    const provider = this.identity(audience);
    const account = await provider.findById({ db: this.#db, userId, platform: meta.platform });
    if (!account || !(await verifyPassword(account.passwordHash, current))) throw new AppError(FRAMEWORK_ERRORS.AUTH_INVALID_CREDENTIALS);
    await this.setPassword(audience, account, next, meta);
    await this.sessions.revokeAllForUser(audience, userId, { keep: meta.keepSession, reason: 'password_changed' });
  }

  /** Hashes and stores a new password after the strength check (PASSWORD_TOO_WEAK). */
  async setPassword(audience: Audience, account: Pick<AccountRecord, 'userId' | 'email'>, password: string, meta: RequestMeta): Promise<void> {
    const problem = passwordProblem(password, account.email);
    if (problem) throw new AppError(FRAMEWORK_ERRORS.PASSWORD_TOO_WEAK, { problem });
    await this.identity(audience).setPasswordHash({ db: this.#db, userId: account.userId, passwordHash: await hashPassword(password), platform: meta.platform });
  }

  async #pair(session: SessionInfo, refreshToken: string): Promise<TokenPair> {
    const { token } = await this.tokens.sign({ audience: session.audience, userId: session.userId, sessionId: session.id, vendorId: session.vendorId });
    return { accessToken: token, refreshToken, expiresIn: this.tokens.ttlSeconds, sessionId: session.id, refreshExpiresAt: session.expiresAt };
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
