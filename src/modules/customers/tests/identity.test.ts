import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer, customerHeaders, shopPath } from '../../../../tests/helpers/customers.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CustomersTables } from '../models/customer.model.ts';

const PASSWORD_A = 'first shop password';
const PASSWORD_B = 'second shop password';

function errorCode(res: { json: () => unknown }): string | undefined {
  return (res.json() as { error?: { code: string } }).error?.code;
}

describe('customer identity', () => {
  let t: TestApp;
  let app: App;
  let shopA: TestVendor;
  let shopB: TestVendor;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    shopA = await createVendor(app);
    shopB = await createVendor(app);
  });
  afterAll(async () => t?.close());

  const register = (vendor: TestVendor, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: shopPath(vendor, '/api/v1/storefront/customers/register'), payload });
  const login = (vendor: TestVendor, email: string, password: string) =>
    app.inject({ method: 'POST', url: shopPath(vendor, '/api/v1/storefront/auth/login'), payload: { email, password } });

  it('registers the same e-mail at two shops as two customers with separate passwords', async () => {
    const email = 'same.person@example.test';
    const a = await register(shopA, { email, name: 'Ana Shop A', password: PASSWORD_A, language: 'fr' });
    expect(a.statusCode, a.body).toBe(201);
    const b = await register(shopB, { email: 'Same.Person@Example.test', name: 'Ana Shop B', password: PASSWORD_B });
    expect(b.statusCode, b.body).toBe(201);
    expect(a.json<{ id: number }>().id).not.toBe(b.json<{ id: number }>().id);
    expect(a.json()).toMatchObject({ email, language: 'fr', email_verified: false, marketing_opt_in: false });

    const rows = await app.wizamart.database.db.withTables<CustomersTables>().selectFrom('customers').select(['vendor_id', 'name']).where('email', '=', email).orderBy('vendor_id').execute();
    expect(rows).toEqual([
      { vendor_id: shopA.id, name: 'Ana Shop A' },
      { vendor_id: shopB.id, name: 'Ana Shop B' },
    ]);

    expect((await login(shopA, email, PASSWORD_A)).statusCode).toBe(200);
    expect((await login(shopB, email, PASSWORD_B)).statusCode).toBe(200);
    // Each shop knows only its own password.
    expect(errorCode(await login(shopA, email, PASSWORD_B))).toBe('AUTH_INVALID_CREDENTIALS');
    expect(errorCode(await login(shopB, email, PASSWORD_A))).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('refuses a second account for the same e-mail at the same shop with 409 CUSTOMERS_EMAIL_TAKEN', async () => {
    const first = await register(shopA, { email: 'twice@example.test', name: 'Twice', password: PASSWORD_A });
    expect(first.statusCode).toBe(201);
    const again = await register(shopA, { email: ' TWICE@example.test ', name: 'Twice again', password: PASSWORD_B });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('CUSTOMERS_EMAIL_TAKEN');
  });

  it('refuses weak passwords, bad addresses and unknown languages with stable codes', async () => {
    expect(errorCode(await register(shopA, { email: 'weak@example.test', name: 'Weak', password: 'short' }))).toBe('PASSWORD_TOO_WEAK');
    expect(errorCode(await register(shopA, { email: 'not-an-address', name: 'Bad', password: PASSWORD_A }))).toBe('CUSTOMERS_EMAIL_INVALID');
    expect(errorCode(await register(shopA, { email: 'lang@example.test', name: 'Lang', password: PASSWORD_A, language: 'es' }))).toBe('CUSTOMERS_LANGUAGE_INVALID');
    expect(errorCode(await register(shopA, { email: 'noname@example.test', name: '   ', password: PASSWORD_A }))).toBe('CUSTOMERS_NAME_INVALID');
  });

  it('does not register nor sign in without a shop', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/storefront/customers/register', payload: { email: 'x@example.test', name: 'X', password: PASSWORD_A } });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('STOREFRONT_NOT_FOUND');
  });

  it("serves the signed-in customer as a principal of their own shop, with role customer and no permissions", async () => {
    const customer = await createCustomer(app, { vendorId: shopA.id, email: 'principal@example.test', password: PASSWORD_A });
    const token = (await login(shopA, customer.email, PASSWORD_A)).json<{ access_token: string }>().access_token;
    const me = await app.inject({ method: 'GET', url: shopPath(shopA, '/api/v1/storefront/auth/me'), headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ id: `customer:${customer.id}`, audience: 'customer', role: 'customer', vendor: { id: shopA.id, code: shopA.code, platform: 'wizamart' }, permissions: [] });
  });

  it("refuses a customer token of shop A on shop B's storefront", async () => {
    const customer = await createCustomer(app, { vendorId: shopA.id });
    const headers = await customerHeaders(app, customer);
    expect((await app.inject({ method: 'GET', url: shopPath(shopA, '/api/v1/storefront/customers/me'), headers })).statusCode).toBe(200);
    const elsewhere = await app.inject({ method: 'GET', url: shopPath(shopB, '/api/v1/storefront/customers/me'), headers });
    expect([401, 403]).toContain(elsewhere.statusCode);
    const authMe = await app.inject({ method: 'GET', url: shopPath(shopB, '/api/v1/storefront/auth/me'), headers });
    expect([401, 403]).toContain(authMe.statusCode);
  });

  it('refuses a customer token on the vendor back office API and pages', async () => {
    const customer = await createCustomer(app, { vendorId: shopA.id });
    const headers = await customerHeaders(app, customer);
    const api = await app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers });
    expect(api.statusCode).toBe(401);
    const inventory = await app.inject({ method: 'GET', url: '/api/v1/vendor/inventory/locations', headers });
    expect(inventory.statusCode).toBe(401);
    // And the other way round: a vendor staff token is no customer token.
    const staff = await createVendorUser(app, shopA);
    const staffHeaders = await bearerHeaders(app, 'vendor', staff.id, shopA.id);
    const asCustomer = await app.inject({ method: 'GET', url: shopPath(shopA, '/api/v1/storefront/customers/me'), headers: staffHeaders });
    expect(asCustomer.statusCode).toBe(401);
  });

  it('ends the sessions of a disabled customer', async () => {
    const customer = await createCustomer(app, { vendorId: shopA.id });
    const headers = await customerHeaders(app, customer);
    await app.wizamart.database.db.withTables<CustomersTables>().updateTable('customers').set({ status: 'disabled' }).where('id', '=', customer.id).execute();
    const res = await app.inject({ method: 'GET', url: shopPath(shopA, '/api/v1/storefront/customers/me'), headers });
    expect(res.statusCode).toBe(401);
    expect(errorCode(await login(shopA, customer.email, customer.password))).toBe('AUTH_INVALID_CREDENTIALS');
  });
});
