import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminUser, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

/** The HTML of one dashboard card, by its key (`<module>/<widget id>`); undefined when the card is not there. */
function card(body: string, key: string): string | undefined {
  const start = body.indexOf(`data-testid="widget-${key}"`);
  if (start < 0) return undefined;
  return body.slice(start, body.indexOf('</section>', start));
}

/** The number a card shows next to a label. */
function stat(html: string | undefined, label: string): string | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<dt class="stat-card__label">${escaped}</dt>\\s*<dd[^>]*>(?:<a[^>]*>)?([^<]+)<`).exec(html ?? '')?.[1];
}

/** The keys of the cards on a page, in order. */
function cardKeys(body: string): string[] {
  return [...body.matchAll(/data-testid="widget-([a-z-]+\/[a-z0-9-]+)"/g)].map((m) => m[1]!);
}

/**
 * The dashboards are made of the cards of the enabled modules. Each test
 * app starts empty, so every number below is what this file created.
 */
describe('admin dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', other: [] } });
    const { app } = t;
    // Two vendors on wizamart (one suspended), one on the other platform.
    await createVendor(app, { platform: 'wizamart', code: 'bakery', name: 'Bakery Schmit' });
    const closed = await createVendor(app, { platform: 'wizamart', code: 'closed-shop' });
    await sql`update vendors set status = 'suspended' where id = ${closed.id}`.execute(app.wizamart.database.db);
    await createVendor(app, { platform: 'other', code: 'elsewhere' });
    // Mail: two for wizamart, one for the other platform, one from long ago.
    for (const [platform, subject] of [['wizamart', 'Welcome'], ['wizamart', 'Invitation'], ['other', 'Elsewhere'], ['wizamart', 'Old news']] as const) {
      await app.wizamart.mailer.send({ to: 'someone@example.test', subject, text: 'Hi', platform });
    }
    await sql`update mail_outbox set created_at = now() - interval '30 days' where id = (select max(id) from mail_outbox)`.execute(app.wizamart.database.db);
    await app.wizamart.modules.disableModule('wizamart', 'analytics', { actor: 'admin:99 <ops@example.test>' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows a super admin every platform's figures, the mail and the module changes, as module cards", async () => {
    const admin = await createAdminUser(t.app, { superAdmin: true, name: 'Grace Hopper' });
    await createAdminUser(t.app, { superAdmin: false, platforms: ['other'] });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const res = await s.get('/admin/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hello, Grace Hopper');
    expect(cardKeys(res.body)).toEqual(expect.arrayContaining(['tenancy/tenants', 'core/mail-outbox', 'tenancy/module-changes']));
    const tenants = card(res.body, 'tenancy/tenants');
    expect(res.body).toMatch(/<li class="core-widget core-widget--wide">\s*<section[^>]*data-testid="widget-tenancy\/tenants"/);
    expect({
      platforms: stat(tenants, 'Platforms'),
      companies: stat(tenants, 'Companies'),
      vendors: stat(tenants, 'Vendors'),
      active: stat(tenants, 'Active vendors'),
      admins: stat(tenants, 'Admin users'),
    }).toEqual({ platforms: '2', companies: '3', vendors: '3', active: '2', admins: '2' });
    expect(tenants).toContain('href="/admin/vendors?status=active"');

    const mail = card(res.body, 'core/mail-outbox');
    expect(stat(mail, 'Mails in the last 7 days')).toBe('3');
    expect(mail).toContain('Elsewhere');
    expect(mail).not.toContain('Old news');
    expect(mail).toContain('href="/admin/outbox"');

    const modules = card(res.body, 'tenancy/module-changes');
    expect(modules).toContain('Analytics &amp; Reporting disabled');
    expect(modules).toContain('ops@example.test');
  });

  it('counts only the platforms a platform admin administers, without admin users', async () => {
    const admin = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'], name: 'Paula Platform' });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const res = await s.get('/admin/dashboard');
    expect(res.statusCode).toBe(200);
    const tenants = card(res.body, 'tenancy/tenants');
    expect([stat(tenants, 'Platforms'), stat(tenants, 'Vendors'), stat(tenants, 'Active vendors'), stat(tenants, 'Companies')]).toEqual(['1', '2', '1', '2']);
    expect(stat(tenants, 'Admin users')).toBeUndefined();
    const mail = card(res.body, 'core/mail-outbox');
    expect(stat(mail, 'Mails in the last 7 days')).toBe('2');
    expect(mail).not.toContain('Elsewhere');
  });
});

describe('vendor dashboard', () => {
  let t: TestApp;
  let vendor: TestVendor;
  let ownerId: number;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.app.wizamart.database.db;
    await sql`insert into platform_domains (domain, platform_id, is_primary) select 'shops.example.test', id, true from platforms where code = 'wizamart'`.execute(db);
    vendor = await createVendor(t.app, { code: 'florist', name: 'Fleurs Weber', subdomain: 'fleurs', customDomain: 'fleurs-weber.lu' });
    ownerId = (await createVendorUser(t.app, vendor, { role: 'owner', name: 'Marie Weber' })).id;
    await createVendorUser(t.app, vendor, { role: 'staff' });
    await createVendorUser(t.app, vendor, { role: 'manager' });
    const invite = (token: string, expires: string, accepted: boolean) =>
      sql`insert into vendor_invitations (vendor_id, email, builtin_role, token_hash, invited_by, expires_at, accepted_at)
          values (${vendor.id}, ${`${token}@example.test`}, 'staff', ${token}, 'test', now() + ${expires}::interval, ${accepted ? sql`now()` : null})`.execute(db);
    await invite('pending-one', '7 days', false);
    await invite('expired-one', '-1 day', false);
    await invite('accepted-one', '7 days', true);
    await sql`insert into inventory_locations (vendor_id, code, name, is_default) values (${vendor.id}, 'WH-1', 'Warehouse', true), (${vendor.id}, 'SHOP', 'Shop', false)`.execute(db);
    // Another vendor's team, invitations and locations never count here.
    const neighbour = await createVendor(t.app, { code: 'neighbour' });
    await createVendorUser(t.app, neighbour);
    await sql`insert into vendor_invitations (vendor_id, email, builtin_role, token_hash, invited_by, expires_at)
              values (${neighbour.id}, 'n@example.test', 'staff', 'neighbour-token', 'test', now() + interval '7 days')`.execute(db);
    await sql`insert into inventory_locations (vendor_id, code, name, is_default) values (${neighbour.id}, 'N-1', 'Neighbour store', true)`.execute(db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows the owner the shop's address, team, locations and what its settings still miss", async () => {
    const s = await PageSession.signedIn(t.app, 'vendor', ownerId, vendor.id);
    const res = await s.get('/vendor/florist/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hello, Marie Weber');
    const keys = cardKeys(res.body);
    expect(keys.slice(0, 4)).toEqual(['core/storefront', 'core/store-settings', 'tenancy/team', 'inventory/stock-locations']);

    const storefront = card(res.body, 'core/storefront');
    expect(stat(storefront, 'Status')).toBe('Active');
    expect(storefront).toContain('href="https://fleurs-weber.lu"');
    expect(storefront).toContain('href="https://fleurs.shops.example.test"');

    const team = card(res.body, 'tenancy/team');
    expect([stat(team, 'Team members'), stat(team, 'Pending invitations')]).toEqual(['3', '1']);
    const locations = card(res.body, 'inventory/stock-locations');
    expect(stat(locations, 'Locations')).toBe('2');

    // Below the cards, "Get started" lists the shop's module pages from the sidebar menu.
    const steps = /data-testid="get-started">([\s\S]*?)<\/ol>/.exec(res.body)?.[1] ?? '';
    expect(steps).toContain('href="/vendor/florist/team"');
    expect(steps).not.toContain('href="/vendor/florist/settings"');

    const settings = card(res.body, 'core/store-settings');
    expect(stat(settings, 'Completed')).toBe('0 / 5');
    expect(settings).toContain('Add your address');
    expect(settings).toContain('href="/vendor/florist/settings#hours"');

    // Once the address and hours are set, they leave the checklist.
    const api = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/vendor/core/settings',
      headers: { authorization: `Bearer ${(await t.app.wizamart.auth.issue('vendor', ownerId, { platform: 'wizamart', vendorId: vendor.id })).accessToken}` },
      payload: { address: { line1: '1, Grand-Rue', postal_code: 'L-1660', city: 'Luxembourg' }, opening_hours: { mon: { open: '09:00', close: '18:00' } } },
    });
    expect(api.statusCode).toBe(200);
    const after = card((await s.get('/vendor/florist/dashboard')).body, 'core/store-settings');
    expect(stat(after, 'Completed')).toBe('3 / 5');
    expect(after).not.toContain('Add your address');
    expect(after).not.toContain('Set your opening hours');
  });

  it('leaves out the cards whose permission the user lacks', async () => {
    const db = t.app.wizamart.database.db;
    const { rows } = await sql<{ id: number }>`insert into vendor_roles (vendor_id, name, permissions) values (${vendor.id}, 'Dashboard only', '["core.dashboard.view"]'::jsonb) returning id`.execute(db);
    const user = await createVendorUser(t.app, vendor, { roleId: rows[0]!.id });
    const s = await PageSession.signedIn(t.app, 'vendor', user.id, vendor.id);
    const res = await s.get('/vendor/florist/dashboard');
    expect(res.statusCode).toBe(200);
    expect(cardKeys(res.body)).toEqual(['core/storefront']);
  });

  it("shows a failing card as unavailable and the rest of the page as usual", async () => {
    const db = t.app.wizamart.database.db;
    await sql`alter table inventory_locations rename to inventory_locations_away`.execute(db);
    try {
      const s = await PageSession.signedIn(t.app, 'vendor', ownerId, vendor.id);
      const res = await s.get('/vendor/florist/dashboard');
      expect(res.statusCode).toBe(200);
      const locations = card(res.body, 'inventory/stock-locations');
      expect(locations).toContain('data-testid="widget-failed"');
      expect(locations).toContain('This card could not be loaded');
      const team = card(res.body, 'tenancy/team');
      expect(team).not.toContain('data-testid="widget-failed"');
      expect(Number(stat(team, 'Team members'))).toBeGreaterThanOrEqual(3);
    } finally {
      await sql`alter table inventory_locations_away rename to inventory_locations`.execute(db);
    }
  });

  it("takes a module's card away when the module is disabled on the platform", async () => {
    const s = await PageSession.signedIn(t.app, 'vendor', ownerId, vendor.id);
    expect(cardKeys((await s.get('/vendor/florist/dashboard')).body)).toContain('inventory/stock-locations');
    await t.app.wizamart.modules.disableModule('wizamart', 'inventory', { actor: 'test' });
    const res = await s.get('/vendor/florist/dashboard');
    expect(res.statusCode).toBe(200);
    expect(cardKeys(res.body)).not.toContain('inventory/stock-locations');
    expect(cardKeys(res.body)).toContain('tenancy/team');
  });

  it("lets staff see their own dashboard and refuses another vendor's", async () => {
    const b = await createVendor(t.app, { code: 'shop-b', name: 'Shop B' });
    await createVendorUser(t.app, b, { role: 'owner' });
    const staff = await createVendorUser(t.app, vendor, { role: 'staff' });
    const s = await PageSession.signedIn(t.app, 'vendor', staff.id, vendor.id);
    const own = await s.get('/vendor/florist/dashboard');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Staff');
    const other = await s.get('/vendor/shop-b/dashboard');
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Shop B');
  });
});
