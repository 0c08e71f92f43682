import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { bearerHeaders, createAdminUser, createVendor, createVendorUser } from '../../../../tests/helpers/auth.ts';
import { createCustomer } from '../../../../tests/helpers/customers.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, seedPlatform, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { WidgetInput } from '../../widgets.ts';
import { adminCustomersWidget, vendorCustomersWidget } from '../widgets.ts';

const DAY = 86_400_000;

describe('customers on the dashboards and the admin list', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    await seedPlatform(app, 'elsewhere', ['core', 'tenancy', 'customers']);
  });
  afterAll(async () => t?.close());

  function input(platform: string, vendor: { id: number; code: string } | null): WidgetInput {
    const principal = { vendor: vendor ? { id: vendor.id, code: vendor.code, name: vendor.code, platform } : undefined } as unknown as Principal;
    return {
      db: app.wizamart.database.db,
      platform: { code: platform },
      principal,
      vendorId: vendor?.id ?? null,
      t: ((key: string, options?: Record<string, unknown>) => `${key}${options?.days ? `:${String(options.days)}` : ''}`) as WidgetInput['t'],
      language: 'en',
      url: (path) => `/_p${path}`,
      settings: app.wizamart.settings,
    };
  }

  it("counts the vendor's customers and the new ones, and says so when there are none", async () => {
    const vendor = await createVendor(app);
    expect(await vendorCustomersWidget.load(input('wizamart', vendor))).toEqual({
      empty: 'customers:widgets.customers.empty',
      link: { label: 'customers:widgets.customers.open', href: `/_p/vendor/${vendor.code}/customers` },
    });
    await createCustomer(app, { vendorId: vendor.id });
    await createCustomer(app, { vendorId: vendor.id, createdAt: new Date(Date.now() - 3 * DAY) });
    await createCustomer(app, { vendorId: vendor.id, createdAt: new Date(Date.now() - 45 * DAY) });
    await createCustomer(app, { vendorId: (await createVendor(app)).id });
    const content = await vendorCustomersWidget.load(input('wizamart', vendor));
    expect(content?.stats).toEqual([
      { label: 'customers:widgets.customers.total', value: 3, href: `/_p/vendor/${vendor.code}/customers` },
      { label: 'customers:widgets.customers.recent:30', value: 2, href: `/_p/vendor/${vendor.code}/customers?signed_up=30d` },
    ]);

    // The card is on the vendor's dashboard.
    const owner = await createVendorUser(app, vendor, { role: 'owner' });
    const page = await PageSession.signedIn(app, 'vendor', owner.id, vendor.id);
    const dashboard = await page.get(`/vendor/${vendor.code}/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('New in 30 days');
  });

  it("counts the customers of the platform's shops only on the admin card", async () => {
    const before = await adminCustomersWidget.load(input('elsewhere', null));
    expect(before).toMatchObject({ empty: 'customers:widgets.platform_customers.empty' });
    const a = await createVendor(app, { platform: 'elsewhere' });
    const b = await createVendor(app, { platform: 'elsewhere' });
    await createCustomer(app, { vendorId: a.id });
    await createCustomer(app, { vendorId: a.id });
    await createCustomer(app, { vendorId: b.id, createdAt: new Date(Date.now() - 60 * DAY) });
    await createCustomer(app, { vendorId: (await createVendor(app)).id });
    const after = await adminCustomersWidget.load(input('elsewhere', null));
    expect(after?.stats?.map((s) => s.value)).toEqual([3, 2, 2]);
  });

  it("lists the platform's customers read-only for admins, with the shop and its filter", async () => {
    const a = await createVendor(app, { platform: 'elsewhere', name: 'Atelier A' });
    const b = await createVendor(app, { platform: 'elsewhere', name: 'Boutique B' });
    const other = await createVendor(app, { name: 'Wizamart shop' });
    await createCustomer(app, { vendorId: a.id, name: 'Alice Atelier' });
    await createCustomer(app, { vendorId: b.id, name: 'Bob Boutique', language: 'fr' });
    await createCustomer(app, { vendorId: other.id, name: 'Carl Elsewhere' });
    const admin = await createAdminUser(app);
    const page = await PageSession.signedIn(app, 'admin', admin.id, undefined, 'elsewhere');
    const list = await page.get('/_platform/elsewhere/admin/customers');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain('Alice Atelier');
    expect(list.body).toContain('Boutique B');
    expect(list.body).not.toContain('Carl Elsewhere');
    expect(list.body).not.toMatch(/<form method="post" action="[^"]*customers/);
    const byShop = await page.get(`/_platform/elsewhere/admin/customers?vendor=${b.code}`);
    expect(byShop.body).toContain('Bob Boutique');
    expect(byShop.body).not.toContain('Alice Atelier');
    const french = await page.get('/_platform/elsewhere/admin/customers?language=fr&q=bob');
    expect(french.body).toContain('Bob Boutique');
    expect(french.body).toContain('1–1 of 1');

    // The same list over the admin API, on the platform of the request only; a vendor token is another audience.
    const headers = await bearerHeaders(app, 'admin', admin.id);
    const api = await app.inject({ method: 'GET', url: '/_platform/elsewhere/api/v1/admin/customers?language=fr', headers });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json()).toMatchObject({ total: 1, page: 1, page_size: 25, customers: [{ name: 'Bob Boutique', vendor_code: b.code, vendor_name: 'Boutique B' }] });
    const all = await app.inject({ method: 'GET', url: `/_platform/elsewhere/api/v1/admin/customers?vendor=${a.code}`, headers });
    expect(all.json<{ customers: Array<{ name: string }> }>().customers.map((c) => c.name)).toEqual(['Alice Atelier']);
    const owner = await createVendorUser(app, other, { role: 'owner' });
    const asVendor = await app.inject({ method: 'GET', url: '/api/v1/admin/customers', headers: await bearerHeaders(app, 'vendor', owner.id, other.id) });
    expect(asVendor.statusCode).toBe(401);
  });
});
