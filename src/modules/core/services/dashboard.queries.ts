import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';

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
};

export type CoreDb = Kysely<FrameworkTables & CoreTenancyTables>;

/** Widens the framework's database handle with the tenancy columns core reads. */
export function coreDb(db: Kysely<FrameworkTables>): CoreDb {
  return db.withTables<CoreTenancyTables>();
}

export interface VendorFacts {
  readonly code: string;
  readonly name: string;
  readonly status: string;
  readonly subdomain: string | null;
  readonly customDomain: string | null;
  /** The platform's primary domain (or, when none is marked primary, its first). */
  readonly platformDomain: string | undefined;
}

/** What the vendor dashboard's storefront card shows about the shop. */
export async function vendorFacts(db: CoreDb, vendorId: number): Promise<VendorFacts | undefined> {
  const vendor = await db
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
    .executeTakeFirst();
  if (!vendor) return undefined;
  return {
    code: vendor.code,
    name: vendor.name,
    status: vendor.status,
    subdomain: vendor.subdomain,
    customDomain: vendor.custom_domain,
    platformDomain: vendor.platform_domain ?? undefined,
  };
}
