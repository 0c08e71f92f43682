import { sql } from 'kysely';
import { hashPassword } from '../../core/auth/passwords.ts';
import { defineDemoData, type DemoRecord } from '../../core/demo-data.ts';
import { TENANCY_CHANGED_CHANNEL } from '../../core/tenants.ts';
import type { TenancyTables } from './models/tenancy.model.ts';

/**
 * The demo's people and shops: a super admin, a company running two
 * vendors on the demo platform (each with an owner), and the platform's
 * `wizamart.localhost` domain so `luxe-boutique.wizamart.localhost` opens
 * a storefront. Demo only: these passwords are public, printed by
 * `wizamart demo`.
 */
const ADMIN = { email: 'admin@wizamart.lu', name: 'Ada Admin', password: 'wizamart-admin-demo' } as const;
const PLATFORM_DOMAIN = 'wizamart.localhost';
const COMPANY = 'Luxe Retail S.à r.l.';
const VENDORS = [
  {
    code: 'luxe-boutique',
    name: 'Luxe Boutique',
    subdomain: 'luxe-boutique',
    owner: { email: 'owner@luxe-boutique.lu', name: 'Léa Owner', password: 'luxe-owner-demo' },
  },
  {
    code: 'atelier-moselle',
    name: 'Atelier Moselle',
    subdomain: 'atelier-moselle',
    owner: { email: 'owner@atelier-moselle.lu', name: 'Marc Owner', password: 'moselle-owner-demo' },
  },
] as const;

type Created = Omit<DemoRecord, 'source'>;

export const demo = defineDemoData(async (ctx) => {
  const { platform } = ctx;
  const db = ctx.db.withTables<TenancyTables>();
  const created: Created[] = [];

  const { id: platformId } = await db.selectFrom('platforms').select('id').where('code', '=', platform).executeTakeFirstOrThrow();

  const domain = await db
    .insertInto('platform_domains')
    .values({ domain: PLATFORM_DOMAIN, platform_id: platformId, is_primary: true })
    .onConflict((oc) => oc.column('domain').doNothing())
    .returning('domain')
    .executeTakeFirst();
  if (domain) created.push({ kind: 'domain', key: PLATFORM_DOMAIN, platform });

  const admin = await findOrInsert(db.selectFrom('admin_users').select('id').where('email', '=', ADMIN.email), async () =>
    db
      .insertInto('admin_users')
      .values({ email: ADMIN.email, name: ADMIN.name, password_hash: await hashPassword(ADMIN.password), is_super_admin: true })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst(),
  );
  if (admin.created) created.push({ kind: 'user', key: ADMIN.email });
  ctx.credentials.admin = { email: ADMIN.email, password: ADMIN.password };

  const company = await findOrInsert(
    db.selectFrom('companies').select('id').where('platform_id', '=', platformId).where('name', '=', COMPANY),
    () =>
      db
        .insertInto('companies')
        .values({ platform_id: platformId, name: COMPANY })
        .onConflict((oc) => oc.columns(['platform_id', 'name']).doNothing())
        .returning('id')
        .executeTakeFirst(),
  );
  if (company.created) created.push({ kind: 'company', key: COMPANY, platform });

  for (const spec of VENDORS) {
    const vendor = await findOrInsert(db.selectFrom('vendors').select('id').where('code', '=', spec.code), () =>
      db
        .insertInto('vendors')
        .values({ code: spec.code, name: spec.name, company_id: company.id, platform_id: platformId, subdomain: spec.subdomain, status: 'active' })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst(),
    );
    if (vendor.created) created.push({ kind: 'vendor', key: spec.code, platform });

    const owner = await findOrInsert(db.selectFrom('vendor_users').select('id').where('email', '=', spec.owner.email), async () =>
      db
        .insertInto('vendor_users')
        .values({ email: spec.owner.email, name: spec.owner.name, password_hash: await hashPassword(spec.owner.password) })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst(),
    );
    if (owner.created) created.push({ kind: 'user', key: spec.owner.email, platform });
    await db
      .insertInto('vendor_memberships')
      .values({ vendor_id: vendor.id, user_id: owner.id, builtin_role: 'owner' })
      .onConflict((oc) => oc.columns(['vendor_id', 'user_id']).doNothing())
      .execute();

    ctx.credentials.vendors.push({ code: spec.code, name: spec.name, owner: { email: spec.owner.email, password: spec.owner.password } });
  }

  // Running servers cache what hosts resolve to: tell them the demo added tenants.
  if (created.length > 0) await sql`select pg_notify(${TENANCY_CHANGED_CHANNEL}, ${`demo:${platform}`})`.execute(db);
  return created;
});

interface IdQuery {
  executeTakeFirst(): Promise<{ id: number } | undefined>;
  executeTakeFirstOrThrow(): Promise<{ id: number }>;
}

/**
 * The row `find` selects, inserted first when missing. Looking up first
 * means a password is hashed only for an account that is missing (argon2
 * is slow on purpose), and an existing account keeps its current password.
 */
async function findOrInsert(find: IdQuery, insert: () => Promise<{ id: number } | undefined>): Promise<{ id: number; created: boolean }> {
  const existing = await find.executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const inserted = await insert();
  // Nothing inserted: another process created it since the look-up.
  return inserted ? { id: inserted.id, created: true } : { id: (await find.executeTakeFirstOrThrow()).id, created: false };
}
