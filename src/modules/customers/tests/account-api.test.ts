import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { createVendor, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer, customerHeaders, shopPath, type TestCustomer } from '../../../../tests/helpers/customers.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CrmTables } from '../models/crm.model.ts';

interface AddressJson {
  id: number;
  name: string;
  line1: string;
  postal_code: string;
  city: string;
  country: string;
  is_default_shipping: boolean;
  is_default_billing: boolean;
}

const HOME = { label: 'Home', name: 'Ana Silva', line1: '12 rue de la Gare', postal_code: 'l-1611', city: 'Luxembourg', country: 'lu' };
const OFFICE = { label: 'Office', name: 'Ana Silva', company: 'ACME S.A.', line1: '5 avenue Kennedy', postal_code: 'L-1855', city: 'Luxembourg' };

function errorCode(res: { json: () => unknown }): string | undefined {
  return (res.json() as { error?: { code: string } }).error?.code;
}

describe('storefront customer API', () => {
  let t: TestApp;
  let app: App;
  let shop: TestVendor;
  let other: TestVendor;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    shop = await createVendor(app);
    other = await createVendor(app);
  });
  afterAll(async () => t?.close());

  const api = (vendor: TestVendor, path: string) => shopPath(vendor, `/api/v1/storefront/customers${path}`);

  async function signedIn(vendor = shop, options: Partial<Parameters<typeof createCustomer>[1]> = {}): Promise<{ customer: TestCustomer; headers: Record<string, string> }> {
    const customer = await createCustomer(app, { vendorId: vendor.id, ...options });
    return { customer, headers: await customerHeaders(app, customer) };
  }

  async function addAddress(headers: Record<string, string>, payload: Record<string, unknown>, vendor = shop): Promise<AddressJson> {
    const res = await app.inject({ method: 'POST', url: api(vendor, '/me/addresses'), headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<AddressJson>();
  }

  it('needs a signed-in customer for everything under /me', async () => {
    for (const [method, path] of [['GET', '/me'], ['GET', '/me/addresses'], ['GET', '/me/export'], ['DELETE', '/me']] as const) {
      const res = await app.inject({ method, url: api(shop, path) });
      expect(res.statusCode, `${method} ${path}`).toBe(401);
    }
  });

  it('reads and changes the profile, refusing bad values with stable codes', async () => {
    const { headers } = await signedIn(shop, { name: 'Before', language: 'en' });
    const changed = await app.inject({ method: 'PATCH', url: api(shop, '/me'), headers, payload: { name: '  Ana   Silva ', phone: '+352 621 123 456', language: 'lu', marketing_opt_in: true } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Ana Silva', phone: '+352 621 123 456', language: 'lu', marketing_opt_in: true });
    expect((await app.inject({ method: 'GET', url: api(shop, '/me'), headers })).json()).toMatchObject({ name: 'Ana Silva', language: 'lu' });

    expect(errorCode(await app.inject({ method: 'PATCH', url: api(shop, '/me'), headers, payload: { phone: 'call me' } }))).toBe('CUSTOMERS_PHONE_INVALID');
    expect(errorCode(await app.inject({ method: 'PATCH', url: api(shop, '/me'), headers, payload: { language: 'xx' } }))).toBe('CUSTOMERS_LANGUAGE_INVALID');
    // The e-mail address is the sign-in name: the profile cannot change it (unknown fields are dropped).
    const email = await app.inject({ method: 'PATCH', url: api(shop, '/me'), headers, payload: { email: 'new@example.test' } });
    expect(email.json()).not.toMatchObject({ email: 'new@example.test' });
  });

  it('keeps one default shipping and one default billing address per customer', async () => {
    const { headers } = await signedIn();
    const home = await addAddress(headers, HOME);
    // The first address becomes both defaults; the values are normalised.
    expect(home).toMatchObject({ postal_code: 'L-1611', country: 'LU', is_default_shipping: true, is_default_billing: true });
    const office = await addAddress(headers, { ...OFFICE, is_default_billing: true });
    expect(office).toMatchObject({ is_default_shipping: false, is_default_billing: true });

    const list = (await app.inject({ method: 'GET', url: api(shop, '/me/addresses'), headers })).json<{ addresses: AddressJson[] }>().addresses;
    expect(list.filter((a) => a.is_default_shipping).map((a) => a.id)).toEqual([home.id]);
    expect(list.filter((a) => a.is_default_billing).map((a) => a.id)).toEqual([office.id]);

    const moved = await app.inject({ method: 'PATCH', url: api(shop, `/me/addresses/${office.id}`), headers, payload: { is_default_shipping: true, city: 'Strassen' } });
    expect(moved.json()).toMatchObject({ city: 'Strassen', is_default_shipping: true, is_default_billing: true });
    expect((await app.inject({ method: 'GET', url: api(shop, `/me/addresses/${home.id}`), headers })).json()).toMatchObject({ is_default_shipping: false, is_default_billing: false });

    // Deleting the default hands both marks to the address left.
    expect((await app.inject({ method: 'DELETE', url: api(shop, `/me/addresses/${office.id}`), headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: api(shop, `/me/addresses/${home.id}`), headers })).json()).toMatchObject({ is_default_shipping: true, is_default_billing: true });
  });

  it('refuses incomplete or invalid addresses', async () => {
    const { headers } = await signedIn();
    const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: api(shop, '/me/addresses'), headers, payload });
    expect(errorCode(await post({ ...HOME, country: 'XX' }))).toBe('CUSTOMERS_COUNTRY_INVALID');
    expect(errorCode(await post({ ...HOME, postal_code: '!!' }))).toBe('CUSTOMERS_POSTAL_CODE_INVALID');
    expect(errorCode(await post({ ...HOME, line1: ' ' }))).toBe('CUSTOMERS_ADDRESS_LINE_INVALID');
    expect(errorCode(await post({ ...HOME, city: '' }))).toBe('CUSTOMERS_CITY_INVALID');
    expect(errorCode(await post({ ...HOME, label: 'x'.repeat(61) }))).toBe('CUSTOMERS_ADDRESS_TEXT_TOO_LONG');
    expect((await post({ name: 'No street' })).statusCode).toBe(400);
  });

  it("answers 404 for another customer's address, of this shop or another, and changes nothing", async () => {
    const owner = await signedIn();
    const address = await addAddress(owner.headers, HOME);
    const neighbour = await signedIn();
    const foreign = await signedIn(other);
    for (const intruder of [neighbour, foreign]) {
      const vendor = intruder === foreign ? other : shop;
      const read = await app.inject({ method: 'GET', url: api(vendor, `/me/addresses/${address.id}`), headers: intruder.headers });
      expect(read.statusCode).toBe(404);
      expect(errorCode(read)).toBe('CUSTOMERS_ADDRESS_NOT_FOUND');
      expect((await app.inject({ method: 'PATCH', url: api(vendor, `/me/addresses/${address.id}`), headers: intruder.headers, payload: { city: 'Hacked' } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'DELETE', url: api(vendor, `/me/addresses/${address.id}`), headers: intruder.headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: api(vendor, '/me/addresses'), headers: intruder.headers })).json()).toEqual({ addresses: [] });
    }
    expect((await app.inject({ method: 'GET', url: api(shop, `/me/addresses/${address.id}`), headers: owner.headers })).json()).toMatchObject({ city: 'Luxembourg' });
  });

  it('exports profile, addresses, tags and notes as a JSON attachment, without the password hash or note authors', async () => {
    const { customer, headers } = await signedIn(shop, { tags: ['vip'], name: 'Export Me' });
    await addAddress(headers, HOME);
    await app.wizamart.database.db
      .withTables<CrmTables>()
      .insertInto('customer_notes')
      .values({ vendor_id: shop.id, customer_id: customer.id, author_id: null, author_name: 'Staff Person', body: 'Prefers pick-up.' })
      .execute();
    const res = await app.inject({ method: 'GET', url: api(shop, '/me/export'), headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${shop.code}-my-data-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const data = res.json<Record<string, unknown>>();
    expect(data).toMatchObject({
      format: 'wizamart.customer-export.v1',
      shop: { code: shop.code },
      profile: { id: customer.id, email: customer.email, name: 'Export Me' },
      addresses: [{ line1: HOME.line1 }],
      tags: ['vip'],
      notes: [{ body: 'Prefers pick-up.' }],
    });
    expect((data.sessions as unknown[]).length).toBeGreaterThan(0);
    expect(res.body).not.toContain('password');
    expect(res.body).not.toContain('Staff Person');
  });

  it('deletes the account only with the right password, then ends its sessions and erases its data', async () => {
    const { customer, headers } = await signedIn();
    await addAddress(headers, HOME);
    const wrong = await app.inject({ method: 'DELETE', url: api(shop, '/me'), headers, payload: { password: 'not the password' } });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('CUSTOMERS_PASSWORD_INCORRECT');
    expect((await app.inject({ method: 'GET', url: api(shop, '/me'), headers })).statusCode).toBe(200);

    const done = await app.inject({ method: 'DELETE', url: api(shop, '/me'), headers, payload: { password: customer.password } });
    expect(done.statusCode, done.body).toBe(204);
    expect((await app.inject({ method: 'GET', url: api(shop, '/me'), headers })).statusCode).toBe(401);
    const db = app.wizamart.database.db.withTables<CrmTables>();
    expect(await db.selectFrom('customers').select('id').where('id', '=', customer.id).execute()).toEqual([]);
    expect(await db.selectFrom('customer_addresses').select('id').where('customer_id', '=', customer.id).execute()).toEqual([]);
    expect(await db.selectFrom('auth_sessions').select('id').where('audience', '=', 'customer').where('user_id', '=', customer.id).execute()).toEqual([]);
    const login = await app.inject({ method: 'POST', url: shopPath(shop, '/api/v1/storefront/auth/login'), payload: { email: customer.email, password: customer.password } });
    expect(login.statusCode).toBe(401);
  });

  it('mails a confirmation link on registration that confirms the address on this shop only', async () => {
    const email = 'confirm.me@example.test';
    const reg = await app.inject({ method: 'POST', url: api(shop, '/register'), payload: { email, name: 'Confirm Me', password: 'a good long password', language: 'de' } });
    expect(reg.statusCode, reg.body).toBe(201);
    const mail = await app.wizamart.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ template: 'customer-verify-email', vendor_id: shop.id });
    expect(mail.subject).toContain('Bestätigen');
    const link = /https?:\/\/\S+\/account\/verify-email\?token=([\w%-]+)/.exec(mail.text_body);
    expect(link, mail.text_body).not.toBeNull();
    expect(link![0]).toContain(`/_vendor/${shop.code}/account/verify-email`);
    const token = decodeURIComponent(link![1]!);

    // Opened on another shop: refused, and the link stays usable.
    const wrongShop = await app.inject({ method: 'GET', url: shopPath(other, `/account/verify-email?token=${encodeURIComponent(token)}`), headers: { accept: 'text/html' } });
    expect(wrongShop.statusCode).toBe(400);
    const ok = await app.inject({ method: 'GET', url: shopPath(shop, `/account/verify-email?token=${encodeURIComponent(token)}`), headers: { accept: 'text/html' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.body).toContain('data-testid="email-verified"');
    const login = await app.inject({ method: 'POST', url: shopPath(shop, '/api/v1/storefront/auth/login'), payload: { email, password: 'a good long password' } });
    const me = await app.inject({ method: 'GET', url: api(shop, '/me'), headers: { authorization: `Bearer ${login.json<{ access_token: string }>().access_token}` } });
    expect(me.json()).toMatchObject({ email_verified: true });
    // Used once.
    const again = await app.inject({ method: 'GET', url: shopPath(shop, `/account/verify-email?token=${encodeURIComponent(token)}`), headers: { accept: 'text/html' } });
    expect(again.statusCode).toBe(400);
  });
});
