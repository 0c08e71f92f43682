import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer, shopPath } from '../../../../tests/helpers/customers.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CrmTables } from '../models/crm.model.ts';

const API = '/api/v1/vendor/customers';
const DAY = 86_400_000;

interface Owner {
  vendor: TestVendor;
  userId: number;
  headers: Record<string, string>;
}

interface Listed {
  customers: Array<{ id: number; name: string; email: string; tags: string[]; status: string }>;
  total: number;
  page: number;
  page_size: number;
}

async function newOwner(app: App, role: 'owner' | 'staff' = 'owner'): Promise<Owner> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role, name: 'Marie Schmit' });
  return { vendor, userId: user.id, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

function db(app: App) {
  return app.wizamart.database.db.withTables<CrmTables>();
}

function errorCode(res: { json: () => unknown }): string | undefined {
  return (res.json() as { error?: { code: string } }).error?.code;
}

describe('customer list and detail', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  it('searches name, e-mail and phone case-insensitively and combines the filters', async () => {
    const owner = await newOwner(app);
    const v = owner.vendor.id;
    const anne = await createCustomer(app, { vendorId: v, name: 'Anne Dupont', email: 'anne@example.lu', language: 'fr', tags: ['vip'], verified: true });
    const jos = await createCustomer(app, { vendorId: v, name: 'Jos Weber', email: 'jos.weber@post.lu', language: 'lu', createdAt: new Date(Date.now() - 40 * DAY) });
    const kim = await createCustomer(app, { vendorId: v, name: 'Kim 100%_Sure', email: 'kim@example.de', language: 'de', tags: ['vip', 'b2b'], status: 'disabled' });
    await db(app).updateTable('customers').set({ phone: '+352 621 123 456' }).where('id', '=', jos.id).execute();
    // Another vendor's customer with a matching name is never listed.
    const other = await newOwner(app);
    await createCustomer(app, { vendorId: other.vendor.id, name: 'Anne Other', email: 'anne@example.lu', tags: ['vip'] });

    const ids = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `${API}?${query}`, headers: owner.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Listed>().customers.map((c) => c.id);
    };
    expect(await ids('')).toEqual([kim.id, anne.id, jos.id]);
    expect(await ids('q=DUPONT')).toEqual([anne.id]);
    expect(await ids('q=POST.LU')).toEqual([jos.id]);
    expect(await ids('q=621 123')).toEqual([jos.id]);
    expect(await ids('q=352621123')).toEqual([jos.id]);
    // Pattern characters typed by a person are literal.
    expect(await ids(`q=${encodeURIComponent('100%_')}`)).toEqual([kim.id]);
    expect(await ids('q=%25')).toEqual([kim.id]);
    expect(await ids('tag=vip')).toEqual([kim.id, anne.id]);
    expect(await ids('tag=VIP&status=active')).toEqual([anne.id]);
    expect(await ids('status=disabled')).toEqual([kim.id]);
    expect(await ids('language=lu')).toEqual([jos.id]);
    expect(await ids('signed_up=30d')).toEqual([kim.id, anne.id]);
    expect(await ids('signed_up=90d&language=lu')).toEqual([jos.id]);
    expect(await ids('verified=true')).toEqual([anne.id]);
    expect(await ids('verified=false')).toEqual([kim.id, jos.id]);
    expect(await ids('sort=name')).toEqual([anne.id, jos.id, kim.id]);
    expect(await ids('sort=oldest')).toEqual([jos.id, anne.id, kim.id]);
    expect(await ids('q=nobody')).toEqual([]);

    const bad = await app.inject({ method: 'GET', url: `${API}?status=gone`, headers: owner.headers });
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('pages by 25 with the total, and keeps the filters in the page links', async () => {
    const owner = await newOwner(app);
    for (let i = 0; i < 27; i += 1) {
      await createCustomer(app, { vendorId: owner.vendor.id, name: `Client ${String(i).padStart(2, '0')}`, tags: i % 2 === 0 ? ['even'] : [], createdAt: new Date(Date.now() - i * 60_000) });
    }
    const first = await app.inject({ method: 'GET', url: API, headers: owner.headers });
    expect(first.json<Listed>()).toMatchObject({ total: 27, page: 1, page_size: 25 });
    expect(first.json<Listed>().customers).toHaveLength(25);
    const second = await app.inject({ method: 'GET', url: `${API}?page=2`, headers: owner.headers });
    expect(second.json<Listed>().customers.map((c) => c.name)).toEqual(['Client 25', 'Client 26']);

    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    const base = `/vendor/${owner.vendor.code}/customers`;
    const list = await page.get(`${base}?sort=name`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain('1–25 of 27');
    expect(list.body).toContain(`href="${base}?sort=name&amp;page=2"`);
    expect(list.body).toContain('<datalist id="filter-tag-names"><option value="even"></option></datalist>');
    const filtered = await page.get(`${base}?tag=even&q=client`);
    expect(filtered.body).toContain('1–14 of 14');
    expect(filtered.body).toContain(`${base}/export.csv?q=client&amp;tag=even`);
    // The name header sorts by name, then reverses; the other filters stay.
    expect(list.body).toContain(`aria-sort="ascending"><a class="crm-sort" href="${base}?sort=name_desc"`);
    expect(filtered.body).toContain(`<a class="crm-sort" href="${base}?q=client&amp;tag=even&amp;sort=name"`);
    const lastPage = await page.get(`${base}?sort=name&page=2`);
    expect(lastPage.body).toContain('Client 26');
    expect(lastPage.body).not.toContain('Client 24<');
    expect(lastPage.body).toContain(`href="${base}?sort=name" rel="prev"`);
  });

  it('shows a first-run empty state, and a no-match state with a way back', async () => {
    const owner = await newOwner(app);
    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    const base = `/vendor/${owner.vendor.code}/customers`;
    const empty = await page.get(base);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No customers yet');
    expect(empty.body).not.toContain('data-testid="export-link"');
    await createCustomer(app, { vendorId: owner.vendor.id, name: 'Léa Muller' });
    const none = await page.get(`${base}?q=zzz&language=de`);
    expect(none.body).toContain('No customers match');
    expect(none.body).toContain('Clear filters');
    const german = await page.get(`${base}?lang=de`);
    expect(german.body).toContain('Léa Muller');
    expect(german.body).toContain('Kunden');
  });

  it('shows a customer with addresses, tags, notes, segments, and manages tags and status', async () => {
    const owner = await newOwner(app);
    const v = owner.vendor.id;
    const c = await createCustomer(app, { vendorId: v, name: 'Paul Hoffmann', email: 'paul@example.lu', tags: ['newsletter'] });
    await db(app)
      .insertInto('customer_addresses')
      .values({ vendor_id: v, customer_id: c.id, name: 'Paul Hoffmann', line1: '12, rue de la Gare', postal_code: 'L-1616', city: 'Luxembourg', country: 'LU', is_default_shipping: true })
      .execute();
    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    const url = `/vendor/${owner.vendor.code}/customers/${c.id}`;
    const detail = await page.get(url);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.body).toContain('12, rue de la Gare');
    expect(detail.body).toContain('Luxembourg');
    expect(detail.body).toContain('newsletter');

    const added = await page.post(`${url}/tags`, { tags: 'VIP, b2b' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${url}?notice=saved#tags`);
    const row = async () => db(app).selectFrom('customers').select(['tags', 'status']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect((await row()).tags).toEqual(['newsletter', 'vip', 'b2b']);

    const bad = await page.post(`${url}/tags`, { tags: 'not ok!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('data-testid="tags-error"');
    expect(bad.body).toContain('not ok!');
    expect((await row()).tags).toEqual(['newsletter', 'vip', 'b2b']);

    await page.get(url);
    const removed = await page.post(`${url}/tags/remove`, { tag: 'newsletter' });
    expect(removed.statusCode).toBe(303);
    expect((await row()).tags).toEqual(['vip', 'b2b']);

    const disabled = await page.post(`${url}/status`, { status: 'disabled' });
    expect(disabled.statusCode).toBe(303);
    expect((await row()).status).toBe('disabled');
    const shown = await page.get(url);
    expect(shown.body).toContain('data-testid="enable"');
    await page.post(`${url}/status`, { status: 'active' });
    expect((await row()).status).toBe('active');
  });

  it('replaces tags over the API: lower-cased, deduplicated, at most 20, pattern checked', async () => {
    const owner = await newOwner(app);
    const c = await createCustomer(app, { vendorId: owner.vendor.id });
    const put = (tags: string[]) => app.inject({ method: 'PUT', url: `${API}/${c.id}/tags`, headers: owner.headers, payload: { tags } });
    const ok = await put(['VIP', 'vip', ' b2b ']);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: c.id, tags: ['vip', 'b2b'] });
    const tooMany = await put(Array.from({ length: 21 }, (_, i) => `t${i}`));
    expect([tooMany.statusCode, errorCode(tooMany)]).toEqual([400, 'CUSTOMERS_TOO_MANY_TAGS']);
    const invalid = await put(['ok', '-bad']);
    expect([invalid.statusCode, errorCode(invalid)]).toEqual([400, 'CUSTOMERS_TAG_INVALID']);
    // Pages answer in the reader's language.
    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    await page.get(`/vendor/${owner.vendor.code}/customers/${c.id}?lang=fr`);
    const french = await page.post(`/vendor/${owner.vendor.code}/customers/${c.id}/tags?lang=fr`, { tags: 'a+b' });
    expect(french.statusCode).toBe(400);
    expect(french.body).toContain('L’étiquette « a+b » n’est pas valide');
    const detail = await app.inject({ method: 'GET', url: `${API}/${c.id}`, headers: owner.headers });
    expect(detail.json()).toMatchObject({ tags: ['vip', 'b2b'], addresses: [], segments: [] });
  });

  it('disabling a customer ends their storefront sessions and keeps them from signing in', async () => {
    const owner = await newOwner(app);
    const c = await createCustomer(app, { vendorId: owner.vendor.id, email: 'blocked@example.lu' });
    const login = () => app.inject({ method: 'POST', url: shopPath(owner.vendor, '/api/v1/storefront/auth/login'), payload: { email: c.email, password: c.password } });
    expect((await login()).statusCode).toBe(200);
    const pair = await app.wizamart.auth.issue('customer', c.id, { platform: 'wizamart', vendorId: owner.vendor.id });
    const res = await app.inject({ method: 'PUT', url: `${API}/${c.id}/status`, headers: owner.headers, payload: { status: 'disabled' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled' });
    const sessions = await app.wizamart.database.db.selectFrom('auth_sessions').select(['revoked_at']).where('audience', '=', 'customer').where('user_id', '=', c.id).execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    const refreshed = await app.wizamart.auth.refresh('customer', pair.refreshToken).then(
      () => 'refreshed',
      () => 'refused',
    );
    expect(refreshed).toBe('refused');
    expect((await login()).statusCode).toBe(401);
  });

  it('lets staff see but not change customers, and needs a vendor session', async () => {
    const owner = await newOwner(app);
    const c = await createCustomer(app, { vendorId: owner.vendor.id, tags: ['keep'] });
    const staff = await createVendorUser(app, owner.vendor, { role: 'staff' });
    const headers = await bearerHeaders(app, 'vendor', staff.id, owner.vendor.id);
    expect((await app.inject({ method: 'GET', url: `${API}/${c.id}`, headers })).statusCode).toBe(200);
    const put = await app.inject({ method: 'PUT', url: `${API}/${c.id}/tags`, headers, payload: { tags: [] } });
    expect([put.statusCode, errorCode(put)]).toEqual([403, 'PERMISSION_DENIED']);
    expect((await app.inject({ method: 'GET', url: `${API}/export.csv`, headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: API })).statusCode).toBe(401);
    const staffPage = await PageSession.signedIn(app, 'vendor', staff.id, owner.vendor.id);
    const detail = await staffPage.get(`/vendor/${owner.vendor.code}/customers/${c.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain('/tags/remove');
    expect(detail.body).not.toContain('data-testid="disable"');
    expect((await db(app).selectFrom('customers').select('tags').where('id', '=', c.id).executeTakeFirstOrThrow()).tags).toEqual(['keep']);
  });
});
