import type { Kysely } from 'kysely';
import type { App } from '../../src/app.ts';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import type { Audience } from '../../src/core/auth/principal.ts';
import type { BuiltinVendorRole, TenancyTables } from '../../src/modules/tenancy/models/tenancy.model.ts';

/**
 * Test users and their tokens, made directly in the database (fast) and
 * signed in through the framework's AuthService (the same tokens the login
 * routes hand out). Tests of the sign-in routes themselves go over HTTP.
 */
export const TEST_PASSWORD = 'correct horse battery';

function tenancyDb(app: App): Kysely<TenancyTables> {
  return app.wizamart.database.db.withTables<TenancyTables>();
}

// Hashing is slow on purpose; tests share one hash of TEST_PASSWORD.
let sharedHash: Promise<string> | undefined;
function testHash(password: string): Promise<string> {
  if (password !== TEST_PASSWORD) return hashPassword(password);
  sharedHash ??= hashPassword(TEST_PASSWORD);
  return sharedHash;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export interface TestUser {
  readonly id: number;
  readonly email: string;
  readonly password: string;
}

export async function createAdminUser(
  app: App,
  options: { email?: string; password?: string; superAdmin?: boolean; platforms?: readonly string[]; name?: string } = {},
): Promise<TestUser> {
  const db = tenancyDb(app);
  const email = (options.email ?? `${unique('admin')}@example.test`).toLowerCase();
  const password = options.password ?? TEST_PASSWORD;
  const row = await db
    .insertInto('admin_users')
    .values({ email, name: options.name ?? 'Test Admin', password_hash: await testHash(password), is_super_admin: options.superAdmin ?? true })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const code of options.platforms ?? []) {
    const platform = await db.selectFrom('platforms').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    await db.insertInto('admin_user_platforms').values({ admin_user_id: row.id, platform_id: platform.id }).execute();
  }
  return { id: row.id, email, password };
}

export interface TestVendor {
  readonly id: number;
  readonly code: string;
  readonly companyId: number;
}

export async function createVendor(app: App, options: { platform?: string; code?: string; name?: string; subdomain?: string | null; customDomain?: string | null } = {}): Promise<TestVendor> {
  const db = tenancyDb(app);
  const platform = await db.selectFrom('platforms').select('id').where('code', '=', options.platform ?? 'wizamart').executeTakeFirstOrThrow();
  const code = options.code ?? unique('shop');
  const company = await db.insertInto('companies').values({ platform_id: platform.id, name: `${code} S.A.` }).returning('id').executeTakeFirstOrThrow();
  const vendor = await db
    .insertInto('vendors')
    .values({
      code,
      name: options.name ?? code,
      company_id: company.id,
      platform_id: platform.id,
      subdomain: options.subdomain === undefined ? code : options.subdomain,
      custom_domain: options.customDomain ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: vendor.id, code, companyId: company.id };
}

export async function createVendorUser(
  app: App,
  vendor: Pick<TestVendor, 'id'>,
  options: { email?: string; password?: string; role?: BuiltinVendorRole; roleId?: number; name?: string } = {},
): Promise<TestUser> {
  const db = tenancyDb(app);
  const email = (options.email ?? `${unique('staff')}@example.test`).toLowerCase();
  const password = options.password ?? TEST_PASSWORD;
  const existing = await db.selectFrom('vendor_users').select('id').where('email', '=', email).executeTakeFirst();
  const id =
    existing?.id ??
    (await db.insertInto('vendor_users').values({ email, name: options.name ?? 'Test Staff', password_hash: await testHash(password) }).returning('id').executeTakeFirstOrThrow()).id;
  await db
    .insertInto('vendor_memberships')
    .values({ vendor_id: vendor.id, user_id: id, builtin_role: options.roleId ? null : (options.role ?? 'owner'), role_id: options.roleId ?? null })
    .execute();
  return { id, email, password };
}

/** Bearer headers for a session of `userId` (vendor sessions are bound to `vendorId`). */
export async function bearerHeaders(app: App, audience: Audience, userId: number, vendorId?: number, platform = 'wizamart'): Promise<Record<string, string>> {
  const pair = await app.wizamart.auth.issue(audience, userId, { platform, vendorId: vendorId ?? null });
  return { authorization: `Bearer ${pair.accessToken}` };
}

const superAdmins = new WeakMap<App, Promise<Record<string, string>>>();

/**
 * Headers of a super admin of this app (made once per app). A module tree
 * without tenancy has no admins and leaves admin routes open: no headers.
 */
export function adminHeaders(app: App): Promise<Record<string, string>> {
  if (!app.wizamart.auth.supports('admin')) return Promise.resolve({});
  let headers = superAdmins.get(app);
  if (!headers) {
    headers = createAdminUser(app).then((u) => bearerHeaders(app, 'admin', u.id));
    superAdmins.set(app, headers);
  }
  return headers;
}

/** Signs in over HTTP, as a client would. */
export async function login(app: App, audience: 'admin' | 'vendor', email: string, password: string, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.inject({ method: 'POST', url: `/api/v1/${audience}/auth/login`, payload: { email, password, ...extra } });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

const superAdminCookies = new WeakMap<App, Promise<Record<string, string>>>();

/** A `cookie` header of a signed-in super admin of this app, for page requests made with `app.inject`. */
export function adminCookie(app: App): Promise<Record<string, string>> {
  let headers = superAdminCookies.get(app);
  if (!headers) {
    headers = createAdminUser(app).then(async (u) => {
      const pair = await app.wizamart.auth.issue('admin', u.id, { platform: 'wizamart' });
      return { cookie: `wz_admin_access=${pair.accessToken}` };
    });
    superAdminCookies.set(app, headers);
  }
  return headers;
}
