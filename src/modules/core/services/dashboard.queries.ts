import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';

/**
 * The few columns of the tenancy module's tables that core reads (and, for
 * the profile, writes: a user's name and language).
 *
 * Why not `TenancyTables` from `tenancy/models/tenancy.model.ts`: a module
 * imports another module only through its `index.ts`, and only when it
 * `requires` it (rules MOD-018 and MOD-020). Core cannot require tenancy's
 * internals, and both are core modules, so these tables are always there
 * when core runs. Declaring only what core uses keeps the contract small:
 * if tenancy renames one of these columns, this file is the one to update.
 */
// A type alias, not an interface: `withTables` needs an index-signature-compatible shape.
export type CoreTenancyTables = {
  platform_domains: { domain: string; platform_id: number; is_primary: boolean };
  companies: { id: number; platform_id: number };
  vendors: {
    id: number;
    code: string;
    name: string;
    platform_id: number;
    subdomain: string | null;
    custom_domain: string | null;
    status: string;
  };
  admin_users: { id: number; name: string; language: string };
  vendor_users: { id: number; name: string; language: string };
  /** Vendor-scoped: read through a VendorScope. */
  vendor_memberships: { id: number; vendor_id: number; user_id: number };
  /** Vendor-scoped: read through a VendorScope. */
  vendor_invitations: { id: number; vendor_id: number; accepted_at: Date | null; revoked_at: Date | null; expires_at: Date };
};

export type CoreDb = Kysely<FrameworkTables & CoreTenancyTables>;

/** Widens the framework's database handle with the tenancy columns core reads. */
export function coreDb(db: Kysely<FrameworkTables>): CoreDb {
  return db.withTables<CoreTenancyTables>();
}

/** Which platforms a count covers: every one (super admin) or those codes (platform admin). */
export type PlatformScope = 'all' | readonly string[];

export interface AdminCounts {
  readonly platforms: number;
  readonly vendors: number;
  readonly activeVendors: number;
  readonly companies: number;
  /** Only counted for super admins (platform admins do not manage admin users). */
  readonly adminUsers: number | undefined;
  readonly recentMails: number;
}

/**
 * The admin dashboard's numbers, over the platforms the admin administers.
 * Mail without a platform (system mail) counts for super admins only, as
 * the outbox shows it to them only.
 */
export async function adminCounts(db: CoreDb, scope: PlatformScope, options: { includeAdminUsers: boolean; mailsSince: Date }): Promise<AdminCounts> {
  if (scope !== 'all' && scope.length === 0) {
    return { platforms: 0, vendors: 0, activeVendors: 0, companies: 0, adminUsers: options.includeAdminUsers ? await countAdminUsers(db) : undefined, recentMails: 0 };
  }
  const codes = scope === 'all' ? undefined : [...scope];
  const [platforms, vendors, companies, mails, adminUsers] = await Promise.all([
    (codes ? db.selectFrom('platforms').where('code', 'in', codes) : db.selectFrom('platforms'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    (codes
      ? db.selectFrom('vendors as v').innerJoin('platforms as p', 'p.id', 'v.platform_id').where('p.code', 'in', codes)
      : db.selectFrom('vendors as v')
    )
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.countAll<number>().filterWhere('v.status', '=', 'active').as('active')])
      .executeTakeFirstOrThrow(),
    (codes
      ? db.selectFrom('companies as c').innerJoin('platforms as p', 'p.id', 'c.platform_id').where('p.code', 'in', codes)
      : db.selectFrom('companies as c')
    )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    (codes ? db.selectFrom('mail_outbox').where('platform_code', 'in', codes) : db.selectFrom('mail_outbox'))
      .where('created_at', '>=', options.mailsSince)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    options.includeAdminUsers ? countAdminUsers(db) : Promise.resolve(undefined),
  ]);
  return {
    platforms: Number(platforms.n),
    vendors: Number(vendors.n),
    activeVendors: Number(vendors.active),
    companies: Number(companies.n),
    adminUsers,
    recentMails: Number(mails.n),
  };
}

async function countAdminUsers(db: CoreDb): Promise<number> {
  const row = await db
    .selectFrom('admin_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface VendorFacts {
  readonly code: string;
  readonly name: string;
  readonly status: string;
  readonly subdomain: string | null;
  readonly customDomain: string | null;
  /** The platform's primary domain (or, when none is marked primary, its first). */
  readonly platformDomain: string | undefined;
  readonly teamSize: number;
  readonly pendingInvitations: number;
}

/**
 * What the vendor dashboard shows about the shop. The team and invitation
 * counts go through a VendorScope built from the session's vendor id, so
 * they can only ever count that vendor's rows.
 */
export async function vendorFacts(db: CoreDb, vendorId: number, now: Date = new Date()): Promise<VendorFacts | undefined> {
  const scope = new VendorScope(db, vendorId);
  const [vendor, team, invitations] = await Promise.all([
    db
      .selectFrom('vendors as v')
      .where('v.id', '=', vendorId)
      .select((eb) => [
        'v.code',
        'v.name',
        'v.status',
        'v.subdomain',
        'v.custom_domain',
        eb
          .selectFrom('platform_domains as d')
          .whereRef('d.platform_id', '=', 'v.platform_id')
          .select('d.domain')
          .orderBy('d.is_primary', 'desc')
          .orderBy('d.domain')
          .limit(1)
          .as('platform_domain'),
      ])
      .executeTakeFirst(),
    scope
      .selectFrom('vendor_memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    scope
      .selectFrom('vendor_invitations')
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  if (!vendor) return undefined;
  return {
    code: vendor.code,
    name: vendor.name,
    status: vendor.status,
    subdomain: vendor.subdomain,
    customDomain: vendor.custom_domain,
    platformDomain: vendor.platform_domain ?? undefined,
    teamSize: Number(team.n),
    pendingInvitations: Number(invitations.n),
  };
}
