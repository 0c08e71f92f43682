import type { Kysely, Transaction } from 'kysely';
import type { AuthService } from '../../../core/auth/auth-service.ts';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { isLanguage } from '../../locales.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { AdminUser, TenancyTables, UserStatus } from '../models/tenancy.model.ts';
import { adminRoleOf, type AdminRole } from './role-permissions.ts';
import { emailAddress } from './email-address.ts';

/** How long the "set your password" link of a new admin stays valid. */
export const ADMIN_INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** An admin user as the back office lists them, with the platforms they administer. */
export interface AdminUserView {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: AdminRole;
  readonly isSuperAdmin: boolean;
  /** The platforms a platform admin administers (empty for a super admin, who administers all). */
  readonly platforms: readonly { readonly code: string; readonly name: string }[];
  readonly status: UserStatus;
  readonly language: string;
  /** Invited and no password set yet: the invitation link (or "forgot password") is their way in. */
  readonly invitationPending: boolean;
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
}

export interface AdminUserPage {
  readonly total: number;
  readonly users: readonly AdminUserView[];
}

export interface AdminUserListOptions {
  /** Part of the e-mail address or name. */
  readonly search?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface NewAdminUser {
  readonly email: string;
  readonly name: string;
  readonly superAdmin: boolean;
  /** Platform codes a platform admin administers; ignored for a super admin. */
  readonly platforms: readonly string[];
  readonly language: string;
}

export interface AdminUserChanges {
  readonly name?: string | undefined;
  readonly language?: string | undefined;
  readonly superAdmin?: boolean | undefined;
  /** Replaces the administered platforms (platform admins). */
  readonly platforms?: readonly string[] | undefined;
}

/** Who acts: an admin (the self rules apply to them) or the system (CLI, tests). */
export interface AdminActor {
  readonly userId?: number;
}

export interface CreatedAdminUser {
  readonly user: AdminUserView;
  /** The single-use token of the invitation's "set your password" link. */
  readonly invitationToken: string;
  readonly invitationExpiresAt: Date;
}

type Db = Kysely<TenancyTables>;

/**
 * The back office's own users. Only super admins reach these operations
 * (`tenancy.users.manage` is a super-admin-only permission); the rules that
 * keep the installation administrable live here:
 * - an admin cannot disable or demote themselves;
 * - the last active super admin cannot be disabled or demoted
 *   (TENANCY_LAST_SUPER_ADMIN), checked under a row lock so two super
 *   admins demoting each other at once cannot both succeed;
 * - a platform admin administers at least one platform.
 * A new admin has no password: they get a 7-day "set your password" token
 * for the invitation mail. Disabling ends every session of the admin.
 *
 * @example
 * const admins = new AdminUserService(app.wizamart.database.db, app.wizamart.auth);
 * const { user, invitationToken } = await admins.create({ email, name, superAdmin: false, platforms: ['wizamart'], language: 'fr' });
 */
export class AdminUserService {
  readonly #db: Db;
  readonly #auth: Pick<AuthService, 'oneTime' | 'sessions'>;

  constructor(db: Kysely<FrameworkTables>, auth: Pick<AuthService, 'oneTime' | 'sessions'>) {
    this.#db = db.withTables<TenancyTables>();
    this.#auth = auth;
  }

  async list(query: AdminUserListOptions): Promise<AdminUserPage> {
    let base = this.#db.selectFrom('admin_users');
    const search = query.search?.trim();
    if (search) {
      const pattern = containsPattern(search);
      base = base.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
    }
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('name').orderBy('id').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const platforms = await this.#platformsOf(this.#db, rows.map((r) => r.id));
    return { total: Number(count.n), users: rows.map((row) => viewOf(row, platforms.get(row.id) ?? [])) };
  }

  async get(id: number): Promise<AdminUserView> {
    return this.#load(this.#db, id);
  }

  /** Every platform, for the choice of those a platform admin administers. */
  async platformChoices(): Promise<{ code: string; name: string }[]> {
    return this.#db.selectFrom('platforms').select(['code', 'name']).orderBy('name').orderBy('code').execute();
  }

  /** Creates an admin without a password and issues the token of their invitation link. */
  async create(input: NewAdminUser): Promise<CreatedAdminUser> {
    const email = emailAddress(input.email, TENANCY_ERRORS.TENANCY_USER_EMAIL_INVALID);
    const name = checkName(input.name);
    const language = checkLanguage(input.language);
    const user = await this.#db.transaction().execute(async (trx) => {
      const platformIds = input.superAdmin ? [] : await this.#platformIds(trx, input.platforms);
      if (!input.superAdmin && platformIds.length === 0) throw new AppError(TENANCY_ERRORS.TENANCY_ADMIN_PLATFORMS_REQUIRED);
      const taken = await trx.selectFrom('admin_users').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new AppError(TENANCY_ERRORS.TENANCY_USER_EMAIL_TAKEN, { email });
      const row = await trx
        .insertInto('admin_users')
        .values({ email, name, language, is_super_admin: input.superAdmin, password_hash: null })
        // Two creations of one address at once: the unique index decides, the loser hears "taken".
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new AppError(TENANCY_ERRORS.TENANCY_USER_EMAIL_TAKEN, { email });
      if (platformIds.length > 0) {
        await trx.insertInto('admin_user_platforms').values(platformIds.map((platform_id) => ({ admin_user_id: row.id, platform_id }))).execute();
      }
      return this.#load(trx, row.id);
    });
    const invitation = await this.#auth.oneTime.issue('password_reset', 'admin', String(user.id), ADMIN_INVITATION_TTL_MS);
    return { user, invitationToken: invitation.token, invitationExpiresAt: invitation.expiresAt };
  }

  /** Changes name, language, role and platforms; a demotion passes the self and last-super-admin rules. */
  async update(id: number, changes: AdminUserChanges, actor: AdminActor): Promise<AdminUserView> {
    const name = changes.name === undefined ? undefined : checkName(changes.name);
    const language = changes.language === undefined ? undefined : checkLanguage(changes.language);
    return this.#db.transaction().execute(async (trx) => {
      const { target: current, otherActiveSuperAdmins } = await this.#lockForRoleChange(trx, id);
      const superAdmin = changes.superAdmin ?? current.is_super_admin;
      if (current.is_super_admin && !superAdmin) checkMayLoseSuperAdmin(current, otherActiveSuperAdmins, actor);
      if (!superAdmin) {
        // A platform admin keeps their platforms unless new ones are given; a demoted super admin needs some.
        const platformIds =
          changes.platforms !== undefined ? await this.#platformIds(trx, changes.platforms) : current.is_super_admin ? [] : await this.#currentPlatformIds(trx, id);
        if (platformIds.length === 0) throw new AppError(TENANCY_ERRORS.TENANCY_ADMIN_PLATFORMS_REQUIRED);
        await this.#replacePlatforms(trx, id, platformIds);
      } else {
        // A super admin administers every platform; a list would only mislead once they are demoted.
        await this.#replacePlatforms(trx, id, []);
      }
      await trx
        .updateTable('admin_users')
        .set({ is_super_admin: superAdmin, ...(name !== undefined ? { name } : {}), ...(language !== undefined ? { language } : {}) })
        .where('id', '=', id)
        .execute();
      return this.#load(trx, id);
    });
  }

  /** Disables an admin and ends their sessions. */
  async disable(id: number, actor: AdminActor): Promise<AdminUserView> {
    const user = await this.#db.transaction().execute(async (trx) => {
      const { target: current, otherActiveSuperAdmins } = await this.#lockForRoleChange(trx, id);
      if (current.status === 'disabled') return this.#load(trx, id);
      if (actor.userId === id) throw new AppError(TENANCY_ERRORS.TENANCY_ADMIN_SELF_CHANGE);
      if (current.is_super_admin) checkMayLoseSuperAdmin(current, otherActiveSuperAdmins, actor);
      await trx.updateTable('admin_users').set({ status: 'disabled' }).where('id', '=', id).execute();
      return this.#load(trx, id);
    });
    // Also done when the row already said disabled: a session started before is ended all the same.
    await this.#auth.sessions.revokeAllForUser('admin', id, { reason: 'disabled' });
    return user;
  }

  async enable(id: number): Promise<AdminUserView> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#lockUser(trx, id);
      await trx.updateTable('admin_users').set({ status: 'active' }).where('id', '=', id).execute();
      return this.#load(trx, id);
    });
  }

  /**
   * Locks the admin and every active super admin, in id order (two super
   * admins demoting each other at once queue up instead of deadlocking), and
   * counts the active super admins other than the admin.
   */
  async #lockForRoleChange(trx: Transaction<TenancyTables>, id: number): Promise<{ target: AdminUser; otherActiveSuperAdmins: number }> {
    const rows = await trx
      .selectFrom('admin_users')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', id), eb.and([eb('is_super_admin', '=', true), eb('status', '=', 'active')])]))
      .orderBy('id')
      .forUpdate()
      .execute();
    const target = rows.find((r) => r.id === id);
    if (!target) throw new AppError(TENANCY_ERRORS.TENANCY_USER_NOT_FOUND, { user: id });
    const others = rows.filter((r) => r.id !== id && r.is_super_admin && r.status === 'active').length;
    return { target, otherActiveSuperAdmins: others };
  }

  async #lockUser(trx: Transaction<TenancyTables>, id: number): Promise<AdminUser> {
    const row = await trx.selectFrom('admin_users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError(TENANCY_ERRORS.TENANCY_USER_NOT_FOUND, { user: id });
    return row;
  }

  async #load(db: Db, id: number): Promise<AdminUserView> {
    const row = await db.selectFrom('admin_users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(TENANCY_ERRORS.TENANCY_USER_NOT_FOUND, { user: id });
    const platforms = await this.#platformsOf(db, [id]);
    return viewOf(row, platforms.get(id) ?? []);
  }

  async #platformsOf(db: Db, ids: readonly number[]): Promise<Map<number, { code: string; name: string }[]>> {
    const byUser = new Map<number, { code: string; name: string }[]>();
    if (ids.length === 0) return byUser;
    const rows = await db
      .selectFrom('admin_user_platforms as ap')
      .innerJoin('platforms as p', 'p.id', 'ap.platform_id')
      .where('ap.admin_user_id', 'in', ids)
      .select(['ap.admin_user_id', 'p.code', 'p.name'])
      .orderBy('p.code')
      .execute();
    for (const row of rows) {
      const list = byUser.get(row.admin_user_id) ?? [];
      list.push({ code: row.code, name: row.name });
      byUser.set(row.admin_user_id, list);
    }
    return byUser;
  }

  /** Platform codes to ids; an unknown code is PLATFORM_NOT_FOUND. */
  async #platformIds(db: Db, codes: readonly string[]): Promise<number[]> {
    const unique = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
    if (unique.length === 0) return [];
    const rows = await db.selectFrom('platforms').select(['id', 'code']).where('code', 'in', unique).execute();
    const missing = unique.find((code) => !rows.some((r) => r.code === code));
    if (missing) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: missing });
    return rows.map((r) => r.id);
  }

  async #currentPlatformIds(db: Db, id: number): Promise<number[]> {
    const rows = await db.selectFrom('admin_user_platforms').select('platform_id').where('admin_user_id', '=', id).execute();
    return rows.map((r) => r.platform_id);
  }

  async #replacePlatforms(trx: Transaction<TenancyTables>, id: number, platformIds: readonly number[]): Promise<void> {
    await trx.deleteFrom('admin_user_platforms').where('admin_user_id', '=', id).execute();
    if (platformIds.length === 0) return;
    await trx.insertInto('admin_user_platforms').values(platformIds.map((platform_id) => ({ admin_user_id: id, platform_id }))).execute();
  }
}

/** The self and last-super-admin rules, for a super admin about to lose the role or be disabled. */
function checkMayLoseSuperAdmin(target: AdminUser, otherActiveSuperAdmins: number, actor: AdminActor): void {
  if (actor.userId === target.id) throw new AppError(TENANCY_ERRORS.TENANCY_ADMIN_SELF_CHANGE);
  if (target.status === 'active' && otherActiveSuperAdmins === 0) throw new AppError(TENANCY_ERRORS.TENANCY_LAST_SUPER_ADMIN);
}

function viewOf(row: AdminUser, platforms: readonly { code: string; name: string }[]): AdminUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: adminRoleOf(row.is_super_admin),
    isSuperAdmin: row.is_super_admin,
    platforms: row.is_super_admin ? [] : platforms,
    status: row.status,
    language: row.language,
    invitationPending: row.password_hash === null,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}


export function checkName(value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 200) throw new AppError(TENANCY_ERRORS.TENANCY_USER_NAME_REQUIRED);
  return name;
}

export function checkLanguage(value: string): string {
  if (!isLanguage(value)) throw new AppError(TENANCY_ERRORS.TENANCY_USER_LANGUAGE_INVALID, { language: value });
  return value;
}

/** An ILIKE pattern matching values that contain `text` literally (its % and _ escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
