import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { LoadedPrincipal, PrincipalLoaderInput } from '../../../core/auth/principal.ts';
import { PermissionCatalog } from '../../../core/permissions.ts';
import { loadRegistry } from '../../../app.ts';
import { DEFAULT_MODULES_DIR } from '../../discovery.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { adminIdentity } from '../services/admin-identity.ts';
import { grantedToAdmin, grantedToVendorRole } from '../services/role-permissions.ts';
import { tenantResolver } from '../services/tenant-resolver.ts';
import { vendorIdentity } from '../services/vendor-identity.ts';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/test-database.ts';

/**
 * Two platforms: `lux` (domains lux.test and shop.lux.test) and `other`
 * (other.test). Vendors: alpha (lux, subdomain alpha, custom domain
 * alpha-shop.lu), beta (lux, suspended), gamma (other, also subdomain
 * alpha), delta and shadow (a custom domain against a subdomain). The rows are only read by the tests, so one database serves all.
 */
let t: TestDatabase;
let permissions: PermissionCatalog;
const ids = {} as Record<'lux' | 'other' | 'alpha' | 'beta' | 'gamma' | 'superAdmin' | 'luxAdmin' | 'disabledAdmin' | 'multi' | 'packer' | 'disabledUser' | 'betaOnly', number>;

beforeAll(async () => {
  const registry = await loadRegistry(DEFAULT_MODULES_DIR);
  permissions = PermissionCatalog.fromRegistry(registry);
  t = await createTestDatabase(registry);
  await seed(t.db);
});

afterAll(async () => {
  await t.close();
});

async function seed(framework: Kysely<FrameworkTables>): Promise<void> {
  const db = framework.withTables<TenancyTables>();
  const platform = async (code: string, defaultLanguage: string) =>
    (await db.insertInto('platforms').values({ code, name: `Platform ${code}`, default_language: defaultLanguage }).returning('id').executeTakeFirstOrThrow()).id;
  ids.lux = await platform('lux', 'fr');
  ids.other = await platform('other', 'de');
  await db
    .insertInto('platform_domains')
    .values([
      { domain: 'lux.test', platform_id: ids.lux, is_primary: true },
      { domain: 'shop.lux.test', platform_id: ids.lux },
      { domain: 'other.test', platform_id: ids.other, is_primary: true },
    ])
    .execute();
  const company = async (platformId: number) =>
    (await db.insertInto('companies').values({ platform_id: platformId, name: 'Company' }).returning('id').executeTakeFirstOrThrow()).id;
  const luxCompany = await company(ids.lux);
  const otherCompany = await company(ids.other);
  const vendor = async (code: string, values: { company_id: number; platform_id: number; subdomain: string; custom_domain?: string; status?: 'active' | 'suspended' }) =>
    (await db.insertInto('vendors').values({ code, name: `Vendor ${code}`, ...values }).returning('id').executeTakeFirstOrThrow()).id;
  ids.alpha = await vendor('alpha', { company_id: luxCompany, platform_id: ids.lux, subdomain: 'alpha', custom_domain: 'alpha-shop.lu' });
  ids.beta = await vendor('beta', { company_id: luxCompany, platform_id: ids.lux, subdomain: 'beta', status: 'suspended' });
  ids.gamma = await vendor('gamma', { company_id: otherCompany, platform_id: ids.other, subdomain: 'alpha' });
  // delta's custom domain spells the host of shadow's subdomain.
  await vendor('delta', { company_id: luxCompany, platform_id: ids.lux, subdomain: 'delta', custom_domain: 'shadow.other.test' });
  await vendor('shadow', { company_id: otherCompany, platform_id: ids.other, subdomain: 'shadow' });

  const admin = async (email: string, values: { is_super_admin?: boolean; status?: 'active' | 'disabled' } = {}) =>
    (await db.insertInto('admin_users').values({ email, name: email.split('@')[0]!, password_hash: 'hash', ...values }).returning('id').executeTakeFirstOrThrow()).id;
  ids.superAdmin = await admin('super@example.com', { is_super_admin: true });
  ids.luxAdmin = await admin('lux-admin@example.com');
  ids.disabledAdmin = await admin('gone-admin@example.com', { is_super_admin: true, status: 'disabled' });
  await db.insertInto('admin_user_platforms').values({ admin_user_id: ids.luxAdmin, platform_id: ids.lux }).execute();

  const user = async (email: string, status: 'active' | 'disabled' = 'active') =>
    (await db.insertInto('vendor_users').values({ email, name: email.split('@')[0]!, password_hash: 'hash', status, language: 'lu' }).returning('id').executeTakeFirstOrThrow()).id;
  ids.multi = await user('multi@example.com');
  ids.packer = await user('packer@example.com');
  ids.disabledUser = await user('gone@example.com', 'disabled');
  ids.betaOnly = await user('beta-only@example.com');
  const packerRole = await db
    .insertInto('vendor_roles')
    .values({ vendor_id: ids.alpha, name: 'Packer', permissions: JSON.stringify(['orders.view', 'orders.fulfill', 'tenancy.vendors.manage', 'removed.module.view']) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('vendor_memberships')
    .values([
      { vendor_id: ids.alpha, user_id: ids.multi, builtin_role: 'owner' },
      { vendor_id: ids.beta, user_id: ids.multi, builtin_role: 'manager' },
      { vendor_id: ids.gamma, user_id: ids.multi, builtin_role: 'staff' },
      { vendor_id: ids.alpha, user_id: ids.packer, role_id: packerRole.id },
      { vendor_id: ids.alpha, user_id: ids.disabledUser, builtin_role: 'owner' },
      { vendor_id: ids.beta, user_id: ids.betaOnly, builtin_role: 'owner' },
    ])
    .execute();
}

function principalInput(userId: number, platform: string, vendorId: number | null = null): PrincipalLoaderInput {
  return { db: t.db, userId, vendorId, platform, permissions };
}

const sorted = (p: LoadedPrincipal | null) => [...(p?.granted ?? [])].sort();

describe('tenant resolver', () => {
  const resolve = (host: string) => tenantResolver.resolveHost({ db: t.db, host });

  it("resolves a vendor's custom domain to the vendor and its platform", async () => {
    expect(await resolve('alpha-shop.lu')).toEqual({
      platform: { id: ids.lux, code: 'lux', name: 'Platform lux', defaultLanguage: 'fr' },
      vendor: { id: ids.alpha, code: 'alpha', name: 'Vendor alpha', status: 'active', defaultLanguage: 'en' },
    });
  });

  it("resolves a vendor subdomain of any of the platform's domains, and only of its own platform's", async () => {
    expect((await resolve('alpha.lux.test'))?.vendor?.code).toBe('alpha');
    expect((await resolve('alpha.shop.lux.test'))?.vendor?.code).toBe('alpha');
    // The same subdomain under the other platform's domain is that platform's vendor.
    const gamma = await resolve('alpha.other.test');
    expect(gamma?.vendor?.code).toBe('gamma');
    expect(gamma?.platform.code).toBe('other');
    expect(await resolve('gamma.lux.test')).toBeNull();
  });

  it('prefers a custom domain over a vendor subdomain that spells the same host', async () => {
    const match = await resolve('shadow.other.test');
    expect(match?.vendor?.code).toBe('delta');
    expect(match?.platform.code).toBe('lux');
  });

  it('still resolves a suspended vendor, with its status', async () => {
    expect((await resolve('beta.lux.test'))?.vendor).toEqual({ id: ids.beta, code: 'beta', name: 'Vendor beta', status: 'suspended', defaultLanguage: 'en' });
  });

  it('resolves a platform domain to the platform alone', async () => {
    expect(await resolve('lux.test')).toEqual({ platform: { id: ids.lux, code: 'lux', name: 'Platform lux', defaultLanguage: 'fr' } });
    // shop.lux.test is a domain of lux itself, not a vendor "shop" under lux.test.
    expect(await resolve('shop.lux.test')).toEqual({ platform: expect.objectContaining({ code: 'lux' }) });
  });

  it('answers null for a host nothing matches', async () => {
    expect(await resolve('unknown.example')).toBeNull();
    expect(await resolve('nobody.lux.test')).toBeNull();
    expect(await resolve('localhost')).toBeNull();
  });

  it('finds platforms and vendors by code', async () => {
    expect(await tenantResolver.platformByCode({ db: t.db, code: 'other' })).toEqual({ id: ids.other, code: 'other', name: 'Platform other', defaultLanguage: 'de' });
    expect(await tenantResolver.platformByCode({ db: t.db, code: 'nope' })).toBeNull();
    const gamma = await tenantResolver.vendorByCode({ db: t.db, code: 'gamma' });
    expect(gamma).toEqual({
      platform: { id: ids.other, code: 'other', name: 'Platform other', defaultLanguage: 'de' },
      vendor: { id: ids.gamma, code: 'gamma', name: 'Vendor gamma', status: 'active', defaultLanguage: 'en' },
    });
    expect(await tenantResolver.vendorByCode({ db: t.db, code: 'nope' })).toBeNull();
  });
});

describe('admin identity', () => {
  it('finds admins by lower-cased e-mail and by id, disabled ones included but not active', async () => {
    const found = await adminIdentity.findByEmail({ db: t.db, platform: 'lux', email: 'Super@Example.com' });
    expect(found).toEqual({ userId: ids.superAdmin, email: 'super@example.com', name: 'super', passwordHash: 'hash', active: true, language: 'en' });
    expect((await adminIdentity.findById({ db: t.db, platform: 'lux', userId: ids.disabledAdmin }))?.active).toBe(false);
    expect(await adminIdentity.findByEmail({ db: t.db, platform: 'lux', email: 'nobody@example.com' })).toBeNull();
    expect(adminIdentity.vendorsOf).toBeUndefined();
  });

  it('loads a super admin with every admin permission on any platform', async () => {
    const principal = await adminIdentity.loadPrincipal(principalInput(ids.superAdmin, 'other'));
    expect(principal).toMatchObject({ userId: ids.superAdmin, email: 'super@example.com', role: 'super_admin', platforms: 'all' });
    expect(sorted(principal)).toEqual(grantedToAdmin(permissions, { role: 'super_admin', platforms: 'all' }, 'other').sort());
    expect(principal?.granted).toContain('tenancy.users.manage');
  });

  it('loads a platform admin with their platforms, granted on theirs and empty elsewhere', async () => {
    const onLux = await adminIdentity.loadPrincipal(principalInput(ids.luxAdmin, 'lux'));
    expect(onLux).toMatchObject({ role: 'platform_admin', platforms: ['lux'] });
    expect(onLux?.granted).toContain('tenancy.vendors.manage');
    expect(onLux?.granted).not.toContain('tenancy.users.view');
    const onOther = await adminIdentity.loadPrincipal(principalInput(ids.luxAdmin, 'other'));
    expect(onOther).toMatchObject({ role: 'platform_admin', platforms: ['lux'] });
    expect([...(onOther?.granted ?? [])]).toEqual([]);
  });

  it('loads nobody for a disabled or missing admin', async () => {
    expect(await adminIdentity.loadPrincipal(principalInput(ids.disabledAdmin, 'lux'))).toBeNull();
    expect(await adminIdentity.loadPrincipal(principalInput(999_999, 'lux'))).toBeNull();
  });

  it('stores a new password hash and the time of the last sign-in', async () => {
    await adminIdentity.setPasswordHash({ db: t.db, platform: 'lux', userId: ids.luxAdmin, passwordHash: 'new-hash' });
    await adminIdentity.recordSignIn?.({ db: t.db, platform: 'lux', userId: ids.luxAdmin });
    const row = await t.db.withTables<TenancyTables>().selectFrom('admin_users').select(['password_hash', 'last_login_at']).where('id', '=', ids.luxAdmin).executeTakeFirstOrThrow();
    expect(row.password_hash).toBe('new-hash');
    expect(row.last_login_at).toBeInstanceOf(Date);
  });
});

describe('vendor identity', () => {
  it('finds vendor users by lower-cased e-mail and by id', async () => {
    expect(await vendorIdentity.findByEmail({ db: t.db, platform: 'lux', email: 'MULTI@example.com' })).toMatchObject({ userId: ids.multi, active: true, language: 'lu' });
    expect((await vendorIdentity.findById({ db: t.db, platform: 'lux', userId: ids.disabledUser }))?.active).toBe(false);
    expect(await vendorIdentity.findById({ db: t.db, platform: 'lux', userId: 999_999 })).toBeNull();
  });

  it("lists a user's active vendors on every platform, not the suspended ones", async () => {
    const vendors = await vendorIdentity.vendorsOf!({ db: t.db, platform: 'lux', userId: ids.multi });
    expect(vendors).toEqual([
      { id: ids.alpha, code: 'alpha', name: 'Vendor alpha' },
      { id: ids.gamma, code: 'gamma', name: 'Vendor gamma' },
    ]);
    expect(await vendorIdentity.vendorsOf!({ db: t.db, platform: 'lux', userId: ids.betaOnly })).toEqual([]);
  });

  it('loads an owner as a member of the session vendor, with every vendor permission', async () => {
    const principal = await vendorIdentity.loadPrincipal(principalInput(ids.multi, 'lux', ids.alpha));
    expect(principal).toMatchObject({
      userId: ids.multi,
      email: 'multi@example.com',
      language: 'lu',
      role: 'owner',
      vendor: { id: ids.alpha, code: 'alpha', name: 'Vendor alpha', platform: 'lux' },
    });
    expect(sorted(principal)).toEqual(grantedToVendorRole(permissions, { builtin: 'owner' }).sort());
  });

  it('loads the same user with their role at another vendor', async () => {
    const principal = await vendorIdentity.loadPrincipal(principalInput(ids.multi, 'other', ids.gamma));
    expect(principal).toMatchObject({ role: 'staff', vendor: { code: 'gamma', platform: 'other' } });
    expect(sorted(principal)).toEqual(grantedToVendorRole(permissions, { builtin: 'staff' }).sort());
    expect(principal?.granted).toContain('tenancy.team.view');
  });

  it("narrows a custom role to its vendor-audience permissions and shows the role's name", async () => {
    const principal = await vendorIdentity.loadPrincipal(principalInput(ids.packer, 'lux', ids.alpha));
    expect(principal?.role).toBe('Packer');
    expect(sorted(principal)).toEqual(['orders.fulfill', 'orders.view']);
  });

  it('loads nobody without a vendor, for a disabled user, a vendor they are not a member of, or a suspended vendor', async () => {
    expect(await vendorIdentity.loadPrincipal(principalInput(ids.multi, 'lux', null))).toBeNull();
    expect(await vendorIdentity.loadPrincipal(principalInput(ids.disabledUser, 'lux', ids.alpha))).toBeNull();
    expect(await vendorIdentity.loadPrincipal(principalInput(ids.packer, 'lux', ids.beta))).toBeNull();
    expect(await vendorIdentity.loadPrincipal(principalInput(ids.multi, 'lux', ids.beta))).toBeNull();
  });

  it('stores a new password hash and the time of the last sign-in', async () => {
    await vendorIdentity.setPasswordHash({ db: t.db, platform: 'lux', userId: ids.packer, passwordHash: 'new-hash' });
    await vendorIdentity.recordSignIn?.({ db: t.db, platform: 'lux', userId: ids.packer });
    const row = await t.db.withTables<TenancyTables>().selectFrom('vendor_users').select(['password_hash', 'last_login_at']).where('id', '=', ids.packer).executeTakeFirstOrThrow();
    expect(row.password_hash).toBe('new-hash');
    expect(row.last_login_at).toBeInstanceOf(Date);
  });
});
