import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { createAdminUser, createVendor, createVendorUser } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';

/**
 * The admin pages for vendors (and the platform and company pages they
 * lean on), over a browser-like session: lists render with their filters,
 * forms redirect with a notice, a refused form comes back with the status
 * and the message in the reader's language, and an admin without
 * permissions on the platform is turned away.
 */
let t: TestApp;
let app: App;
let admin: PageSession;
let companyId: number;

beforeAll(async () => {
  t = await createTestApp({ platforms: { wizamart: 'all', other: [] } });
  app = t.app;
  const superAdmin = await createAdminUser(app, { superAdmin: true });
  admin = await PageSession.signedIn(app, 'admin', superAdmin.id);
  const db = app.wizamart.database.db.withTables<TenancyTables>();
  const platform = await db.selectFrom('platforms').select('id').where('code', '=', 'wizamart').executeTakeFirstOrThrow();
  await db.insertInto('platform_domains').values({ domain: 'wizamart.example.test', platform_id: platform.id, is_primary: true }).execute();
  companyId = (await db.insertInto('companies').values({ platform_id: platform.id, name: 'Pages Group S.A.' }).returning('id').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await t.close();
});

describe('admin vendor pages', () => {
  it('lists vendors with their status, and filters by status and search', async () => {
    const open = await createVendor(app, { code: 'listed-open', name: 'Listed Open Shop' });
    const closed = await createVendor(app, { code: 'listed-closed', name: 'Listed Closed Shop' });
    await app.wizamart.database.db.withTables<TenancyTables>().updateTable('vendors').set({ status: 'suspended' }).where('id', '=', closed.id).execute();

    const page = await admin.get('/admin/vendors');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="vendors-table"');
    expect(page.body).toContain('Listed Open Shop');
    expect(page.body).toContain('Listed Closed Shop');
    expect(page.body).toContain('listed-open.wizamart.example.test');

    const suspended = await admin.get('/admin/vendors?status=suspended');
    expect(suspended.body).toContain('Listed Closed Shop');
    expect(suspended.body).not.toContain('Listed Open Shop');
    expect(suspended.body).toContain('badge--warning');

    const searched = await admin.get(`/admin/vendors?search=${encodeURIComponent('open shop')}`);
    expect(searched.body).toContain(`/admin/vendors/${open.code}`);
    expect(searched.body).not.toContain(`/admin/vendors/${closed.code}`);

    const nothing = await admin.get('/admin/vendors?search=no-such-shop-anywhere');
    expect(nothing.statusCode).toBe(200);
    expect(nothing.body).toContain('No matching vendors');
  });

  it('pages through a long list', async () => {
    for (let i = 0; i < 26; i += 1) await createVendor(app, { code: `paged-${String(i).padStart(2, '0')}`, name: `Paged ${String(i).padStart(2, '0')}` });
    const first = await admin.get('/admin/vendors?search=paged');
    expect(first.body).toContain('1–25 of 26');
    expect(first.body).toContain('href="/admin/vendors?search=paged&amp;page=2"');
    const second = await admin.get('/admin/vendors?search=paged&page=2');
    expect(second.body).toContain('26–26 of 26');
    expect(second.body).toContain('Paged 25');
    expect(second.body).not.toContain('Paged 00');
  });

  it('creates a vendor through the form, redirecting to its page with a notice; the owner is mailed', async () => {
    const form = await admin.get('/admin/vendors/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Pages Group S.A.');
    expect(form.body).toContain('name="owner_email"');

    const res = await admin.post('/admin/vendors', {
      name: 'Form Made Shop',
      code: 'form-made',
      company_id: String(companyId),
      subdomain: '',
      custom_domain: '',
      default_language: '',
      owner_email: 'form.owner@example.test',
      owner_name: 'Form Owner',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/vendors/form-made?notice=created');

    const detail = await admin.get(res.headers.location as string);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('data-testid="notice"');
    expect(detail.body).toContain('Form Made Shop');
    expect(detail.body).toContain('https://form-made.wizamart.example.test');
    expect(detail.body).toContain('form.owner@example.test');
    const mail = await app.wizamart.database.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', 'form.owner@example.test').executeTakeFirst();
    expect(mail?.subject).toContain('Form Made Shop');
  });

  it('re-renders a refused form with the status and the message, keeping what was typed', async () => {
    await createVendor(app, { code: 'already-here' });
    const taken = await admin.post('/admin/vendors', { name: 'Kept Name', code: 'already-here', company_id: String(companyId), owner_email: 'x@example.test', owner_name: 'X' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('data-testid="form-error"');
    expect(taken.body).toContain('A vendor with the code &quot;already-here&quot; already exists.');
    expect(taken.body).toContain('value="Kept Name"');

    const invalid = await admin.post('/admin/vendors', { name: 'Bad', code: 'Bad Code', company_id: String(companyId), owner_email: 'x@example.test', owner_name: 'X' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('The code &quot;Bad Code&quot; is not valid');

    const german = await admin.post('/admin/vendors', { name: 'Bad', code: 'ok-code', subdomain: 'www', company_id: String(companyId), owner_email: 'x@example.test', owner_name: 'X' }, { 'accept-language': 'de' });
    expect(german.statusCode).toBe(400);
    expect(german.body).toContain('„www“ ist von der Plattform reserviert');
  });

  it('edits a vendor, then suspends and reactivates it from its page', async () => {
    const shop = await createVendor(app, { code: 'editable', name: 'Editable' });
    await createVendorUser(app, shop, { role: 'manager', email: 'manager@editable.test', name: 'Mia Manager' });
    const page = await admin.get('/admin/vendors/editable');
    expect(page.body).toContain('Mia Manager');
    expect(page.body).toContain('Manager');
    expect(page.body).toContain('/admin/vendors/editable/suspend');

    const saved = await admin.post('/admin/vendors/editable', { name: 'Edited Shop', company_id: String(shop.companyId), subdomain: 'editable', custom_domain: 'edited-shop.example.test', default_language: 'fr' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/vendors/editable?notice=saved');
    expect((await admin.get('/admin/vendors/editable')).body).toContain('https://edited-shop.example.test');

    const refused = await admin.post('/admin/vendors/editable', { name: 'Edited Shop', company_id: String(shop.companyId), subdomain: 'editable', custom_domain: 'wizamart.example.test', default_language: 'fr' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('The domain &quot;wizamart.example.test&quot; is already in use.');

    const suspended = await admin.post('/admin/vendors/editable/suspend');
    expect(suspended.headers.location).toBe('/admin/vendors/editable?notice=saved');
    const after = await admin.get('/admin/vendors/editable');
    expect(after.body).toContain('data-testid="vendor-status">Suspended');
    expect(after.body).toContain('/admin/vendors/editable/reactivate');
    await admin.post('/admin/vendors/editable/reactivate');
    expect((await admin.get('/admin/vendors/editable')).body).toContain('data-testid="vendor-status">Active');
  });

  it('turns away an admin who holds no permission on the platform', async () => {
    const nobody = await createAdminUser(app, { superAdmin: false, platforms: [] });
    const session = await PageSession.signedIn(app, 'admin', nobody.id);
    for (const url of ['/admin/vendors', '/admin/vendors/new', '/admin/companies', '/admin/platforms']) {
      expect((await session.get(url)).statusCode, url).toBe(403);
    }
    const otherAdmin = await createAdminUser(app, { superAdmin: false, platforms: ['other'] });
    const other = await PageSession.signedIn(app, 'admin', otherAdmin.id);
    expect((await other.get('/admin/vendors')).statusCode).toBe(403);
  });
});

describe('admin platform and company pages', () => {
  it('creates a platform through the form and shows it with its modules link and domains', async () => {
    const list = await admin.get('/admin/platforms');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('wizamart.example.test');

    const res = await admin.post('/admin/platforms', { code: 'from-form', name: 'From Form', default_language: 'lu', languages: ['lu', 'fr'] });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/platforms/from-form?notice=created');
    const detail = await admin.get('/admin/platforms/from-form');
    expect(detail.body).toContain('href="/admin/platforms/from-form/modules"');

    const domain = await admin.post('/admin/platforms/from-form/domains', { domain: 'from-form.example.test' });
    expect(domain.statusCode).toBe(303);
    expect((await admin.get('/admin/platforms/from-form')).body).toContain('from-form.example.test');
    const taken = await admin.post('/admin/platforms/from-form/domains', { domain: 'wizamart.example.test' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('data-testid="domain-error"');

    const bad = await admin.post('/admin/platforms', { code: 'from-form', name: 'Again', default_language: 'en', languages: ['en'] });
    expect(bad.statusCode).toBe(409);
    expect(bad.body).toContain('A platform with the code &quot;from-form&quot; already exists.');
  });

  it('creates and edits a company through the forms', async () => {
    const res = await admin.post('/admin/companies', { platform: 'wizamart', name: 'Form Company', contact_email: 'hello@form.example.test', vat_number: 'LU 1111 2222' });
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/admin\/companies\/\d+\?notice=created$/);
    const detail = await admin.get(location);
    expect(detail.body).toContain('value="LU11112222"');

    const refused = await admin.post(location.replace(/\?.*$/, ''), { name: 'Form Company', vat_number: 'XX123' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The VAT number &quot;XX123&quot; is not valid');

    const list = await admin.get('/admin/companies?search=form');
    expect(list.body).toContain('Form Company');
    expect((await admin.get('/admin/companies/999999')).statusCode).toBe(404);
  });
});
