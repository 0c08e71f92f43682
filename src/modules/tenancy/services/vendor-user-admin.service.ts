import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AccountRecord } from '../../../core/auth/identity-provider.ts';
import type { AuthService, RequestMeta } from '../../../core/auth/auth-service.ts';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { BuiltinVendorRole, TenancyTables, UserStatus, VendorStatus, VendorUser } from '../models/tenancy.model.ts';
import { containsPattern } from './admin-user.service.ts';

/**
 * The platforms an admin may look into: `all` for a super admin, else the
 * codes of the platforms they administer (`principal.platforms`).
 */
export type AdminReach = 'all' | readonly string[];

/** A vendor user's place on one vendor's team. */
export interface VendorMembershipView {
  readonly vendorId: number;
  readonly vendorCode: string;
  readonly vendorName: string;
  readonly vendorStatus: VendorStatus;
  readonly platformCode: string;
  readonly platformName: string;
  /** `owner`, `manager` or `staff`; null for a custom role. */
  readonly builtinRole: BuiltinVendorRole | null;
  readonly roleId: number | null;
  /** The custom role's name; null for a built-in role. */
  readonly roleName: string | null;
  readonly joinedAt: Date;
}

export interface VendorUserView {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly status: UserStatus;
  readonly language: string;
  /** False until the user accepted an invitation or reset their password. */
  readonly passwordSet: boolean;
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
  /** Their memberships on vendors of the platforms the admin reaches. */
  readonly memberships: readonly VendorMembershipView[];
  /**
   * Also on teams of vendors on platforms the admin does not administer
   * (not listed): the account is then a super admin's to disable or enable.
   */
  readonly onOtherPlatforms: boolean;
}

export interface VendorUserPage {
  readonly total: number;
  readonly users: readonly VendorUserView[];
}

export interface VendorUserListOptions {
  /** Part of the e-mail address or name. */
  readonly search?: string | undefined;
  /** Only members of this vendor (code). */
  readonly vendor?: string | undefined;
  /** Only members of a vendor on this platform (code). */
  readonly platform?: string | undefined;
  readonly status?: UserStatus | undefined;
  readonly limit: number;
  readonly offset: number;
}

type Db = Kysely<TenancyTables>;

/**
 * The back office's view of vendor staff across vendors. An admin sees a
 * vendor user only through a membership on a vendor of a platform they
 * administer; asking for anyone else is TENANCY_USER_NOT_FOUND, the same
 * answer as for an id that does not exist, so ids cannot be probed.
 *
 * This view crosses vendors by design, so it does not go through a
 * `VendorScope` (which serves one vendor's own back office); it is bounded
 * by the admin's platforms instead, in every query.
 *
 * A vendor user is one account for all their teams, possibly on several
 * platforms. Disabling or enabling it therefore needs every one of those
 * platforms: a platform admin cannot lock a person out of another
 * platform's shops (TENANCY_VENDOR_USER_OTHER_PLATFORMS).
 *
 * @example
 * const staff = new VendorUserAdminService(app.wizamart.database.db, app.wizamart.auth);
 * const page = await staff.list(principal.platforms ?? [], { search: 'marie', limit: 50, offset: 0 });
 */
export class VendorUserAdminService {
  readonly #db: Db;
  readonly #auth: Pick<AuthService, 'sessions' | 'startPasswordReset'>;

  constructor(db: Kysely<FrameworkTables>, auth: Pick<AuthService, 'sessions' | 'startPasswordReset'>) {
    this.#db = db.withTables<TenancyTables>();
    this.#auth = auth;
  }

  async list(reach: AdminReach, query: VendorUserListOptions): Promise<VendorUserPage> {
    if (query.platform && reach !== 'all' && !reach.includes(query.platform)) {
      throw new AppError(FRAMEWORK_ERRORS.AUTH_WRONG_PLATFORM, { platform: query.platform });
    }
    if (reach !== 'all' && reach.length === 0) return { total: 0, users: [] };
    let base = this.#db.selectFrom('vendor_users as u');
    // A super admin without filters also sees users who are on no team (any more).
    if (reach !== 'all' || query.vendor || query.platform) {
      base = base.where((eb) => eb.exists(memberships(eb, reach, query)));
    }
    const search = query.search?.trim();
    if (search) {
      const pattern = containsPattern(search);
      base = base.where((eb) => eb.or([eb('u.email', 'ilike', pattern), eb('u.name', 'ilike', pattern)]));
    }
    if (query.status) base = base.where('u.status', '=', query.status);
    const [rows, count] = await Promise.all([
      base.selectAll('u').orderBy('u.name').orderBy('u.id').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const ids = rows.map((r) => r.id);
    const [teams, elsewhere] = await Promise.all([this.#membershipsOf(ids, reach), this.#onOtherPlatforms(ids, reach)]);
    return { total: Number(count.n), users: rows.map((row) => viewOf(row, teams.get(row.id) ?? [], elsewhere.has(row.id))) };
  }

  /** One vendor user with their memberships in the admin's reach; not found when they have none there. */
  async get(reach: AdminReach, id: number): Promise<VendorUserView> {
    const row = await this.#db.selectFrom('vendor_users').selectAll().where('id', '=', id).executeTakeFirst();
    const teams = row ? ((await this.#membershipsOf([id], reach)).get(id) ?? []) : [];
    if (!row || (reach !== 'all' && teams.length === 0)) throw new AppError(TENANCY_ERRORS.TENANCY_USER_NOT_FOUND, { user: id });
    return viewOf(row, teams, (await this.#onOtherPlatforms([id], reach)).has(id));
  }

  /** Disables the account and ends every vendor session of it. */
  async disable(reach: AdminReach, id: number): Promise<VendorUserView> {
    await this.#checkWholeAccountInReach(reach, id);
    await this.#db.updateTable('vendor_users').set({ status: 'disabled' }).where('id', '=', id).execute();
    await this.#auth.sessions.revokeAllForUser('vendor', id, { reason: 'disabled' });
    return this.get(reach, id);
  }

  async enable(reach: AdminReach, id: number): Promise<VendorUserView> {
    await this.#checkWholeAccountInReach(reach, id);
    await this.#db.updateTable('vendor_users').set({ status: 'active' }).where('id', '=', id).execute();
    return this.get(reach, id);
  }

  /**
   * Starts a password reset for the user (the caller mails the link with
   * `sendPasswordResetMail`). A disabled account gets none: the link would
   * not let them in.
   */
  async startPasswordReset(reach: AdminReach, id: number, meta: RequestMeta): Promise<{ account: AccountRecord; token: string }> {
    const user = await this.get(reach, id);
    if (user.status !== 'active') throw new AppError(TENANCY_ERRORS.TENANCY_USER_DISABLED, { user: user.email });
    const started = await this.#auth.startPasswordReset('vendor', user.email, meta);
    // Disabled between the two reads.
    if (!started) throw new AppError(TENANCY_ERRORS.TENANCY_USER_DISABLED, { user: user.email });
    return started;
  }

  /** The platforms the list can be filtered by: those in the admin's reach. */
  async platformsInReach(reach: AdminReach): Promise<{ code: string; name: string }[]> {
    if (reach !== 'all' && reach.length === 0) return [];
    let query = this.#db.selectFrom('platforms').select(['code', 'name']).orderBy('name').orderBy('code');
    if (reach !== 'all') query = query.where('code', 'in', reach);
    return query.execute();
  }

  /** Visible (else not found), and every team of the account on a platform in reach (else not allowed). */
  async #checkWholeAccountInReach(reach: AdminReach, id: number): Promise<void> {
    const user = await this.get(reach, id);
    if (user.onOtherPlatforms) throw new AppError(TENANCY_ERRORS.TENANCY_VENDOR_USER_OTHER_PLATFORMS, { user: user.email });
  }

  /** Which of the users are also on teams of vendors on platforms out of reach. */
  async #onOtherPlatforms(userIds: readonly number[], reach: AdminReach): Promise<Set<number>> {
    if (reach === 'all' || userIds.length === 0) return new Set();
    let query = this.#db
      .selectFrom('vendor_memberships as m')
      .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
      .innerJoin('platforms as p', 'p.id', 'v.platform_id')
      .where('m.user_id', 'in', userIds)
      .select('m.user_id')
      .distinct();
    if (reach.length > 0) query = query.where('p.code', 'not in', reach);
    return new Set((await query.execute()).map((r) => r.user_id));
  }

  async #membershipsOf(userIds: readonly number[], reach: AdminReach): Promise<Map<number, VendorMembershipView[]>> {
    const byUser = new Map<number, VendorMembershipView[]>();
    if (userIds.length === 0 || (reach !== 'all' && reach.length === 0)) return byUser;
    let query = this.#db
      .selectFrom('vendor_memberships as m')
      .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
      .innerJoin('platforms as p', 'p.id', 'v.platform_id')
      .leftJoin('vendor_roles as r', 'r.id', 'm.role_id')
      .where('m.user_id', 'in', userIds)
      .select([
        'm.user_id',
        'm.builtin_role',
        'm.role_id',
        'm.created_at',
        'r.name as role_name',
        'v.id as vendor_id',
        'v.code as vendor_code',
        'v.name as vendor_name',
        'v.status as vendor_status',
        'p.code as platform_code',
        'p.name as platform_name',
      ])
      .orderBy('v.name')
      .orderBy('v.code');
    if (reach !== 'all') query = query.where('p.code', 'in', reach);
    for (const row of await query.execute()) {
      const list = byUser.get(row.user_id) ?? [];
      list.push({
        vendorId: row.vendor_id,
        vendorCode: row.vendor_code,
        vendorName: row.vendor_name,
        vendorStatus: row.vendor_status,
        platformCode: row.platform_code,
        platformName: row.platform_name,
        builtinRole: row.builtin_role,
        roleId: row.role_id,
        roleName: row.role_name,
        joinedAt: row.created_at,
      });
      byUser.set(row.user_id, list);
    }
    return byUser;
  }
}

/** The memberships of the outer query's user `u` that match the reach and the vendor and platform filters. */
function memberships(eb: ExpressionBuilder<TenancyTables & { u: TenancyTables['vendor_users'] }, 'u'>, reach: AdminReach, query: VendorUserListOptions) {
  let sub = eb
    .selectFrom('vendor_memberships as m')
    .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
    .innerJoin('platforms as p', 'p.id', 'v.platform_id')
    .whereRef('m.user_id', '=', 'u.id')
    .select(sql.lit(1).as('one'));
  if (reach !== 'all') sub = sub.where('p.code', 'in', reach);
  if (query.vendor) sub = sub.where('v.code', '=', query.vendor);
  if (query.platform) sub = sub.where('p.code', '=', query.platform);
  return sub;
}

function viewOf(row: VendorUser, memberships: readonly VendorMembershipView[], onOtherPlatforms: boolean): VendorUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    language: row.language,
    passwordSet: row.password_hash !== null,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    memberships,
    onOtherPlatforms,
  };
}
