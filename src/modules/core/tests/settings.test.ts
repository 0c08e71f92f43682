import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearerHeaders, createAdminUser, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { ViewContextInput } from '../../view-context.ts';
import { CORE_SETTINGS_CHANGED_CHANNEL, storeCacheFor } from '../services/store-cache.ts';
import { storefrontViewContext } from '../services/storefront-store.ts';

const WEEKDAY = { open: '09:00', close: '18:00' };

/** A complete, valid store settings form as the page posts it. */
function storeForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const hours: Record<string, string> = {};
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) Object.assign(hours, { [`hours_${day}_open`]: '09:00', [`hours_${day}_close`]: '18:00' });
  return {
    name: 'Fleurs Weber',
    contact_email: 'Info@Fleurs-Weber.lu',
    phone: '+352 27 12 34 56',
    address_line1: '12, rue du Marché-aux-Herbes',
    address_line2: '',
    address_postal_code: '1728',
    address_city: 'Luxembourg',
    address_country: 'LU',
    vat_number: 'LU 1234 5613',
    currency: 'EUR',
    languages: ['lu', 'fr', 'de'],
    default_language: 'fr',
    ...hours,
    hours_sat_open: '09:00',
    hours_sat_close: '13:00',
    hours_sun_closed: '1',
    ...overrides,
  };
}

async function settingsRow(t: TestApp, vendorId: number) {
  const { rows } = await sql<Record<string, unknown>>`select * from core_vendor_settings where vendor_id = ${vendorId}`.execute(t.app.wizamart.database.db);
  return rows[0];
}

async function vendorName(t: TestApp, vendorId: number): Promise<string> {
  const { rows } = await sql<{ name: string }>`select name from vendors where id = ${vendorId}`.execute(t.app.wizamart.database.db);
  return rows[0]!.name;
}

describe('store settings', () => {
  let t: TestApp;
  let shop: TestVendor;
  let other: TestVendor;
  let ownerId: number;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await createVendor(t.app, { code: 'fleurs', name: 'Fleurs' });
    other = await createVendor(t.app, { code: 'moselle', name: 'Moselle Wines' });
    ownerId = (await createVendorUser(t.app, shop, { role: 'owner' })).id;
    await createVendorUser(t.app, other, { role: 'owner' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows defaults before the first save: the vendor name, the platform languages, every day closed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/vendor/core/settings', headers: await bearerHeaders(t.app, 'vendor', ownerId, shop.id) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Fleurs', currency: 'EUR', languages: ['en', 'de', 'fr', 'lu'], default_language: 'en', updated_at: null, address: { line1: null, country: 'LU' } });
    expect(Object.values(body.opening_hours as Record<string, { closed: boolean }>).every((d) => d.closed)).toBe(true);
  });

  it('saves the form, renames the vendor and normalises what was typed', async () => {
    const s = await PageSession.signedIn(t.app, 'vendor', ownerId, shop.id);
    const page = await s.get('/vendor/fleurs/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="opening-hours"');
    expect(page.body).not.toContain('data-testid="read-only"');
    const res = await s.post('/vendor/fleurs/settings', storeForm({ name: 'Fleurs Weber' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/vendor/fleurs/settings?notice=saved');
    expect(await vendorName(t, shop.id)).toBe('Fleurs Weber');
    const row = await settingsRow(t, shop.id);
    expect(row).toMatchObject({
      contact_email: 'info@fleurs-weber.lu',
      postal_code: 'L-1728',
      vat_number: 'LU12345613',
      currency: 'EUR',
      languages: ['de', 'fr', 'lu'],
      default_language: 'fr',
    });
    expect((row!.opening_hours as Record<string, unknown>).sat).toEqual({ closed: false, open: '09:00', close: '13:00' });
    expect((row!.opening_hours as Record<string, unknown>).sun).toEqual({ closed: true });
    const again = await s.get('/vendor/fleurs/settings');
    expect(again.body).toContain('value="LU12345613"');
    expect(again.body).toContain('value="Fleurs Weber"');
  });

  it('names every field at fault on the form and saves nothing', async () => {
    const before = await settingsRow(t, shop.id);
    const s = await PageSession.signedIn(t.app, 'vendor', ownerId, shop.id);
    const res = await s.post(
      '/vendor/fleurs/settings',
      storeForm({ name: '', vat_number: 'LU12345678', currency: 'USD', hours_tue_open: '18:00', hours_tue_close: '09:00', languages: ['de'], default_language: 'fr', phone: 'call me' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="form-error"');
    for (const id of ['name', 'vat_number', 'currency', 'opening_hours_tue', 'default_language', 'phone']) expect(res.body).toContain(`data-testid="error-${id}"`);
    expect(res.body).toContain('Only EUR is supported; USD cannot be used.');
    expect(res.body).toContain('Tuesday: the closing time must be after the opening time.');
    // What was typed stays in the form.
    expect(res.body).toContain('value="call me"');
    expect(await settingsRow(t, shop.id)).toEqual(before);
    expect(await vendorName(t, shop.id)).toBe('Fleurs Weber');
  });

  it('answers the API with every field error and a stable code', async () => {
    const headers = await bearerHeaders(t.app, 'vendor', ownerId, shop.id);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/vendor/core/settings',
      headers,
      payload: { currency: 'GBP', vat_number: 'XX123', opening_hours: { mon: { open: '25:00', close: '18:00' } } },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('CORE_SETTINGS_INVALID');
    expect(error.details.fields).toEqual(['vat_number', 'currency', 'opening_hours.mon']);
    expect(error.details.errors.map((e: { code: string }) => e.code)).toEqual(['CORE_SETTINGS_VAT_COUNTRY_UNKNOWN', 'CORE_SETTINGS_CURRENCY_UNSUPPORTED', 'CORE_SETTINGS_HOURS_TIME_INVALID']);

    const ok = await t.app.inject({ method: 'PUT', url: '/api/v1/vendor/core/settings', headers, payload: { phone: null, opening_hours: { sun: { open: '10:00', close: '12:00' } } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Fleurs Weber', phone: null, vat_number: 'LU12345613', opening_hours: { sun: { closed: false, open: '10:00', close: '12:00' }, mon: { closed: false, ...WEEKDAY } } });
  });

  it("only ever changes the session's own store", async () => {
    const headers = await bearerHeaders(t.app, 'vendor', ownerId, shop.id);
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/vendor/core/settings', headers: { ...headers, 'x-vendor-id': String(other.id) }, payload: { name: 'Hijacked' } });
    expect(res.statusCode).toBe(200);
    expect(await vendorName(t, other.id)).toBe('Moselle Wines');
    expect(await settingsRow(t, other.id)).toBeUndefined();
    await t.app.inject({ method: 'PUT', url: '/api/v1/vendor/core/settings', headers, payload: { name: 'Fleurs Weber' } });
    // Another vendor's settings page from this session is refused, and shows nothing of it.
    const s = await PageSession.signedIn(t.app, 'vendor', ownerId, shop.id);
    const page = await s.get('/vendor/moselle/settings');
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Moselle Wines');
  });

  it('shows staff a read-only form and refuses their save', async () => {
    const staff = await createVendorUser(t.app, shop, { role: 'staff' });
    const s = await PageSession.signedIn(t.app, 'vendor', staff.id, shop.id);
    const page = await s.get('/vendor/fleurs/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="read-only"');
    expect(page.body).toMatch(/<fieldset class="fieldset stack" disabled>/);
    expect(page.body).not.toContain('type="submit" class="btn btn--primary"');
    const res = await s.post('/vendor/fleurs/settings', storeForm({ name: 'Staff was here' }));
    expect(res.statusCode).toBe(403);
    const api = await t.app.inject({ method: 'PUT', url: '/api/v1/vendor/core/settings', headers: await bearerHeaders(t.app, 'vendor', staff.id, shop.id), payload: { name: 'Staff was here' } });
    expect(api.statusCode).toBe(403);
    expect(await vendorName(t, shop.id)).toBe('Fleurs Weber');
  });

  describe('on the storefront (site.core.store)', () => {
    const input = (vendor: TestVendor, name: string, language: 'en' | 'fr' = 'en'): ViewContextInput =>
      ({
        request: { t: t.app.views.translations.translator(language) },
        db: t.app.wizamart.database.db,
        platform: { code: 'wizamart' },
        vendor: { id: vendor.id, code: vendor.code, name, status: 'active' },
        language,
      }) as unknown as ViewContextInput;

    it("gives the store's settings in the contract's shape, with day names in the visitor's language", async () => {
      const result = await storefrontViewContext(input(shop, 'Fleurs Weber', 'fr'));
      expect(result?.store).toMatchObject({
        name: 'Fleurs Weber',
        email: 'info@fleurs-weber.lu',
        address: { line1: '12, rue du Marché-aux-Herbes', line2: null, postalCode: 'L-1728', city: 'Luxembourg', country: 'LU', countryName: 'Luxembourg' },
        vatNumber: 'LU12345613',
        currency: 'EUR',
        languages: ['de', 'fr', 'lu'],
        defaultLanguage: 'fr',
      });
      expect(result!.store.openingHours).toHaveLength(7);
      expect(result!.store.openingHours[0]).toEqual({ day: 'mon', label: 'Lundi', closed: false, open: '09:00', close: '18:00' });
      expect(result!.store.openingHours[6]).toMatchObject({ day: 'sun', label: 'Dimanche', closed: false });
    });

    it('falls back to the vendor name, the platform languages and no hours without a settings row', async () => {
      const result = await storefrontViewContext(input(other, 'Moselle Wines'));
      expect(result?.store).toEqual({
        name: 'Moselle Wines',
        email: null,
        phone: null,
        address: null,
        vatNumber: null,
        currency: 'EUR',
        languages: ['en', 'de', 'fr', 'lu'],
        defaultLanguage: 'en',
        openingHours: [],
      });
    });

    it("shows a save on the storefront at once, in the shop's default language", async () => {
      const headers = await bearerHeaders(t.app, 'vendor', ownerId, shop.id);
      const before = await t.app.inject({ method: 'GET', url: '/_vendor/fleurs/' });
      expect(before.statusCode).toBe(200);
      const put = await t.app.inject({ method: 'PUT', url: '/api/v1/vendor/core/settings', headers, payload: { address: { line1: '3, rue de la Gare', city: 'Luxembourg' }, opening_hours: { wed: { closed: true } } } });
      expect(put.statusCode).toBe(200);
      const res = await t.app.inject({ method: 'GET', url: '/_vendor/fleurs/' });
      const footer = res.body.slice(res.body.indexOf('<footer'));
      expect(footer).toContain('3, rue de la Gare');
      expect(footer).toMatch(/<dt>Lundi<\/dt>\s*<dd><time>09:00<\/time>–<time>18:00<\/time><\/dd>/);
      expect(footer).toMatch(/<dt>Mercredi<\/dt>\s*<dd>Fermé<\/dd>/);
    });

    it('serves from the cache, refreshed by a save and by a notification from another instance', async () => {
      const cache = storeCacheFor(t.app.wizamart.database.db);
      await storefrontViewContext(input(shop, 'Fleurs Weber'));
      // Changed behind the cache's back (as another instance would): still the cached value...
      await sql`update core_vendor_settings set phone = '+352 621 000 000' where vendor_id = ${shop.id}`.execute(t.app.wizamart.database.db);
      expect((await storefrontViewContext(input(shop, 'Fleurs Weber')))?.store.phone).not.toBe('+352 621 000 000');
      // ...until that instance announces it.
      await t.app.wizamart.database.notifier.notify(CORE_SETTINGS_CHANGED_CHANNEL, `v:${shop.id}`);
      await vi.waitFor(async () => expect((await storefrontViewContext(input(shop, 'Fleurs Weber')))?.store.phone).toBe('+352 621 000 000'));
      // A save through the service drops the entry at once.
      const headers = await bearerHeaders(t.app, 'vendor', ownerId, shop.id);
      await t.app.inject({ method: 'PUT', url: '/api/v1/vendor/core/settings', headers, payload: { phone: '+352 27 99 88 77' } });
      expect((await storefrontViewContext(input(shop, 'Fleurs Weber')))?.store.phone).toBe('+352 27 99 88 77');
      expect(cache.size).toBeGreaterThan(0);
    });
  });
});

describe('platform settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', other: [] } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("saves the request's platform and keeps its languages in step with tenancy's platform", async () => {
    const admin = await createAdminUser(t.app, { superAdmin: true });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const page = await s.get('/admin/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="platform-picker"');
    const res = await s.post('/admin/settings?platform=wizamart', {
      legal_name: 'Wizamart S.à r.l.',
      support_email: 'support@wizamart.lu',
      support_phone: '+352 20 30 40 50',
      address_line1: '2, place de Paris',
      address_postal_code: 'L-2314',
      address_city: 'Luxembourg',
      address_country: 'LU',
      vat_number: 'LU15027442',
      currency: 'EUR',
      languages: ['fr', 'de', 'lu'],
      default_language: 'lu',
    });
    expect(res.statusCode).toBe(303);
    const { rows } = await sql<{ languages: string[]; default_language: string }>`select languages, default_language from platforms where code = 'wizamart'`.execute(t.app.wizamart.database.db);
    expect(rows[0]).toEqual({ languages: ['de', 'fr', 'lu'], default_language: 'lu' });
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/admin/core/settings', headers: await bearerHeaders(t.app, 'admin', admin.id) });
    expect(api.json()).toMatchObject({ platform: 'wizamart', legal_name: 'Wizamart S.à r.l.', vat_number: 'LU15027442', languages: ['de', 'fr', 'lu'], default_language: 'lu' });
    // A store without settings now offers the platform's languages.
    const vendor = await createVendor(t.app, { code: 'newshop' });
    const owner = await createVendorUser(t.app, vendor);
    const store = await t.app.inject({ method: 'GET', url: '/api/v1/vendor/core/settings', headers: await bearerHeaders(t.app, 'vendor', owner.id, vendor.id) });
    expect(store.json()).toMatchObject({ languages: ['de', 'fr', 'lu'], default_language: 'lu' });
  });

  it('lets a super admin pick another platform with ?platform=', async () => {
    const admin = await createAdminUser(t.app, { superAdmin: true });
    const headers = await bearerHeaders(t.app, 'admin', admin.id);
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/core/settings?platform=other', headers, payload: { legal_name: 'Other S.A.', currency: 'CHF' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual(['currency']);
    const ok = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/core/settings?platform=other', headers, payload: { legal_name: 'Other S.A.' } });
    expect(ok.json()).toMatchObject({ platform: 'other', legal_name: 'Other S.A.' });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/admin/core/settings?platform=nowhere', headers });
    expect(missing.statusCode).toBe(404);
  });

  it("opens a platform admin's own platform on its host, and refuses them another by ?platform=", async () => {
    const admin = await createAdminUser(t.app, { superAdmin: false, platforms: ['other'] });
    const headers = await bearerHeaders(t.app, 'admin', admin.id, undefined, 'other');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/core/settings', headers: { ...headers, 'x-wizamart-platform': 'other' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().platform).toBe('other');
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/admin/core/settings?platform=wizamart', headers: { ...headers, 'x-wizamart-platform': 'other' } });
    expect(refused.statusCode).toBe(403);
  });

  it("refuses a platform admin another platform's settings, on the page and the API", async () => {
    const admin = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const own = await s.get('/admin/settings');
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('data-testid="platform-picker"');
    const page = await s.get('/admin/settings?platform=other');
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Other S.A.');
    const headers = await bearerHeaders(t.app, 'admin', admin.id);
    const api = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/core/settings?platform=other', headers, payload: { legal_name: 'Taken over' } });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe('CORE_SETTINGS_PLATFORM_NOT_ALLOWED');
    const { rows } = await sql<{ legal_name: string }>`select s.legal_name from core_platform_settings s join platforms p on p.id = s.platform_id where p.code = 'other'`.execute(t.app.wizamart.database.db);
    expect(rows[0]?.legal_name).toBe('Other S.A.');
  });
});
