import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { PlatformInfo, TenantMatch, TenantResolver } from '../../../core/tenants.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';

/**
 * Which tenant a host or a code names, for the framework's platform
 * context (which caches the answers). Suspended vendors still resolve,
 * with their status: the storefront decides what a suspended shop shows,
 * and a host must never fall through to another tenant's pages.
 */
export const tenantResolver: TenantResolver = {
  // In order: a vendor's custom domain, `<subdomain>.<platform domain>`,
  // then a platform domain. One query for the two vendor cases, a second
  // only when no vendor matched.
  async resolveHost({ db, host }) {
    const dot = host.indexOf('.');
    const subdomain = dot > 0 ? host.slice(0, dot) : null;
    const parent = dot > 0 ? host.slice(dot + 1) : null;
    const vendor = await vendorsWithPlatform(db)
      .where((eb) => {
        const byCustomDomain = eb('v.custom_domain', '=', host);
        if (subdomain === null || parent === null) return byCustomDomain;
        return eb.or([
          byCustomDomain,
          eb.and([
            eb('v.subdomain', '=', subdomain),
            eb.exists(
              eb
                .selectFrom('platform_domains as d')
                .whereRef('d.platform_id', '=', 'v.platform_id')
                .where('d.domain', '=', parent)
                .select('d.domain'),
            ),
          ]),
        ]);
      })
      // A custom domain wins over a subdomain that happens to spell the same host.
      .orderBy((eb) => eb.case().when('v.custom_domain', '=', host).then(0).else(1).end())
      .limit(1)
      .executeTakeFirst();
    if (vendor) return matchOf(vendor);

    const platform = await db
      .withTables<TenancyTables>()
      .selectFrom('platform_domains as d')
      .innerJoin('platforms as p', 'p.id', 'd.platform_id')
      .where('d.domain', '=', host)
      .select(['p.id', 'p.code', 'p.name', 'p.default_language'])
      .executeTakeFirst();
    return platform ? { platform: platformOf(platform) } : null;
  },

  async platformByCode({ db, code }) {
    const row = await db
      .withTables<TenancyTables>()
      .selectFrom('platforms')
      .where('code', '=', code)
      .select(['id', 'code', 'name', 'default_language'])
      .executeTakeFirst();
    return row ? platformOf(row) : null;
  },

  async vendorByCode({ db, code }) {
    const row = await vendorsWithPlatform(db).where('v.code', '=', code).executeTakeFirst();
    return row ? matchOf(row) : null;
  },
};

function vendorsWithPlatform(db: Kysely<FrameworkTables>) {
  return db
    .withTables<TenancyTables>()
    .selectFrom('vendors as v')
    .innerJoin('platforms as p', 'p.id', 'v.platform_id')
    .select([
      'v.id as vendor_id',
      'v.code as vendor_code',
      'v.name as vendor_name',
      'v.status as vendor_status',
      'v.default_language as vendor_language',
      'p.id',
      'p.code',
      'p.name',
      'p.default_language',
    ]);
}

type VendorRow = Awaited<ReturnType<ReturnType<typeof vendorsWithPlatform>['executeTakeFirstOrThrow']>>;

function matchOf(row: VendorRow): TenantMatch {
  return {
    platform: platformOf(row),
    vendor: { id: row.vendor_id, code: row.vendor_code, name: row.vendor_name, status: row.vendor_status, defaultLanguage: row.vendor_language },
  };
}

function platformOf(row: { id: number; code: string; name: string; default_language: string }): PlatformInfo {
  return { id: row.id, code: row.code, name: row.name, defaultLanguage: row.default_language };
}
