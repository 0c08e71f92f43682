import type { AuthService, RequestMeta } from '../../../core/auth/auth-service.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { AppError, isAppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { LANGUAGES, isLanguage, type Language } from '../../locales.ts';
import { CORE_ERRORS } from '../exceptions.ts';
import type { CoreDb } from './dashboard.queries.ts';
import { shownDate, type ShownDate } from './date-format.ts';
import { describeUserAgent, type DeviceDescription } from './user-agent.ts';

/** The back offices whose users have a profile page. */
export type ProfileAudience = 'admin' | 'vendor';

/** The users' `name` column is varchar(200). */
export const PROFILE_NAME_MAX = 200;

const USER_TABLES = { admin: 'admin_users', vendor: 'vendor_users' } as const satisfies Record<ProfileAudience, string>;

export interface ProfileInput {
  readonly name: string;
  readonly language: string;
}

/**
 * Saves a user's name and language. The language is the account's: mail
 * is written in it, and the profile page sets the language cookie to it so
 * the back office switches at once.
 */
export async function updateProfile(db: CoreDb, audience: ProfileAudience, userId: number, input: ProfileInput): Promise<{ name: string; language: Language }> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > PROFILE_NAME_MAX) throw new AppError(CORE_ERRORS.CORE_PROFILE_NAME_INVALID, { max: PROFILE_NAME_MAX });
  const language = input.language.trim();
  if (!isLanguage(language)) throw new AppError(CORE_ERRORS.CORE_PROFILE_LANGUAGE_INVALID, { languages: LANGUAGES.join(', ') });
  const result = await db.updateTable(USER_TABLES[audience]).set({ name, language }).where('id', '=', userId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError(CORE_ERRORS.CORE_PROFILE_NOT_FOUND);
  return { name, language };
}

export interface PasswordChange {
  readonly current: string;
  readonly next: string;
  readonly repeat: string;
}

/**
 * Changes the signed-in user's password: the current one must be right and
 * the new one typed twice. Other sessions end; this one stays. Wrong
 * current passwords count towards the same per-account lock as sign-in, so
 * someone at an unlocked screen cannot try passwords here without limit.
 */
export async function changeOwnPassword(auth: AuthService, principal: Principal, change: PasswordChange, meta: RequestMeta): Promise<void> {
  if (change.next !== change.repeat) throw new AppError(CORE_ERRORS.CORE_PASSWORD_REPEAT_MISMATCH);
  const throttleKey = `${principal.audience}:${principal.email.toLowerCase()}`;
  const locked = await auth.throttle.lockedUntil(throttleKey);
  if (locked) throw new AppError(CORE_ERRORS.CORE_PASSWORD_LOCKED, { minutes: Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 60_000)) });
  try {
    await auth.changePassword(principal.audience, principal.userId, change.current, change.next, { ...meta, keepSession: principal.sessionId });
  } catch (error) {
    if (isAppError(error) && error.code === FRAMEWORK_ERRORS.AUTH_INVALID_CREDENTIALS.code) {
      await auth.throttle.recordFailure(throttleKey);
      throw new AppError(CORE_ERRORS.CORE_PASSWORD_CURRENT_WRONG);
    }
    throw error;
  }
  await auth.throttle.reset(throttleKey);
}

/** A live session as the profile page lists it. */
export interface SessionView {
  readonly id: string;
  readonly device: DeviceDescription;
  readonly ip: string | null;
  readonly lastUsed: ShownDate;
  readonly started: ShownDate;
  /** The session of this request. */
  readonly current: boolean;
}

/** The user's live sessions, this device first, then the most recently used. */
export async function listOwnSessions(auth: AuthService, principal: Principal, language: string): Promise<SessionView[]> {
  const sessions = await auth.sessions.listLive(principal.audience, principal.userId);
  return sessions
    .map((s) => ({
      id: s.id,
      device: describeUserAgent(s.userAgent),
      ip: s.ip,
      lastUsed: shownDate(s.lastUsedAt, language),
      started: shownDate(s.createdAt, language),
      current: s.id === principal.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * Ends one of the user's other sessions. The id must be one of *their*
 * live sessions: another user's session id is answered as not found, the
 * same as an id that never existed. This session is ended by signing out.
 */
export async function endOwnSession(auth: AuthService, principal: Principal, sessionId: string): Promise<void> {
  const own = await auth.sessions.listLive(principal.audience, principal.userId);
  if (!own.some((s) => s.id === sessionId)) throw new AppError(CORE_ERRORS.CORE_SESSION_NOT_FOUND);
  if (sessionId === principal.sessionId) throw new AppError(CORE_ERRORS.CORE_SESSION_IS_CURRENT);
  await auth.sessions.revoke(sessionId, 'signed_out_elsewhere');
}

/** Ends every session of the user except this one; returns how many ended. */
export async function endOtherSessions(auth: AuthService, principal: Principal): Promise<number> {
  return auth.sessions.revokeAllForUser(principal.audience, principal.userId, { keep: principal.sessionId, reason: 'signed_out_elsewhere' });
}
