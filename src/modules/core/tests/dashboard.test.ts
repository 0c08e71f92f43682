import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminUser, createVendor, createVendorUser } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

/** The number a dashboard stat card shows, by its key. */
function stat(body: string, key: string): number | undefined {
  const match = new RegExp(`data-testid="stat-${key}-value">(\\d+)<`).exec(body);
  return match ? Number(match[1]) : undefined;
}

/**
 * The dashboards count real rows: each test app starts empty, so every
 * number below is what this file created.
 */
describe('dashboards', () => {
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
    for (const platform of ['wizamart', 'wizamart', 'other', 'wizamart']) {
      await app.wizamart.mailer.send({ to: 'someone@example.test', subject: 'Hello', text: 'Hi', platform });
    }
    await sql`update mail_outbox set created_at = now() - interval '30 days' where id = (select max(id) from mail_outbox)`.execute(app.wizamart.database.db);
    await app.wizamart.modules.disableModule('wizamart', 'analytics', { actor: 'admin:99 <ops@example.test>' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a super admin the numbers of every platform and the latest module changes', async () => {
    const admin = await createAdminUser(t.app, { superAdmin: true, name: 'Grace Hopper' });
    await createAdminUser(t.app, { superAdmin: false, platforms: ['other'] });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const res = await s.get('/admin/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hello, Grace Hopper');
    expect(res.body).toContain('Super admin');
    const enabled = await t.app.wizamart.modules.getEnabledModuleCodes('wizamart');
    expect({
      platforms: stat(res.body, 'platforms'),
      vendors: stat(res.body, 'vendors'),
      active: stat(res.body, 'active_vendors'),
      companies: stat(res.body, 'companies'),
      admins: stat(res.body, 'admin_users'),
      modules: stat(res.body, 'modules'),
      mails: stat(res.body, 'mails'),
    }).toEqual({ platforms: 2, vendors: 3, active: 2, companies: 3, admins: 2, modules: enabled.length, mails: 3 });
    expect(enabled).not.toContain('analytics');
    // The newest audit entry is the change made above, shown first.
    const changes = /data-testid="module-changes">([\s\S]*?)<\/table>/.exec(res.body)?.[1] ?? '';
    expect(changes.indexOf('Analytics &amp; Reporting')).toBeGreaterThan(-1);
    expect(changes).toContain('Disabled');
    expect(changes).toContain('ops@example.test');
    expect(changes.match(/<tr>/g)?.length).toBe(1 + 5);
    // The outbox card links to its page.
    expect(res.body).toMatch(/<a class="card stat-card core-stat-link" href="\/admin\/outbox" data-testid="stat-mails">/);
  });

  it('counts only the platforms a platform admin administers, without admin users', async () => {
    const admin = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'], name: 'Paula Platform' });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const res = await s.get('/admin/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Platform admin');
    expect(stat(res.body, 'platforms')).toBe(1);
    expect(stat(res.body, 'vendors')).toBe(2);
    expect(stat(res.body, 'active_vendors')).toBe(1);
    expect(stat(res.body, 'companies')).toBe(2);
    expect(stat(res.body, 'mails')).toBe(2);
    expect(res.body).not.toContain('data-testid="stat-admin_users"');
  });

  it("shows a vendor owner the shop's address, team and pending invitations", async () => {
    const { app } = t;
    const db = app.wizamart.database.db;
    await sql`insert into platform_domains (domain, platform_id, is_primary) select 'shops.example.test', id, true from platforms where code = 'wizamart'`.execute(db);
    await sql`insert into platform_domains (domain, platform_id, is_primary) select 'alias.example.test', id, false from platforms where code = 'wizamart'`.execute(db);
    const vendor = await createVendor(app, { code: 'florist', name: 'Fleurs Weber', subdomain: 'fleurs', customDomain: 'fleurs-weber.lu' });
    const owner = await createVendorUser(app, vendor, { role: 'owner', name: 'Marie Weber' });
    await createVendorUser(app, vendor, { role: 'staff' });
    await createVendorUser(app, vendor, { role: 'manager' });
    const invite = (token: string, expires: string, accepted: boolean) =>
      sql`insert into vendor_invitations (vendor_id, email, builtin_role, token_hash, invited_by, expires_at, accepted_at)
          values (${vendor.id}, ${`${token}@example.test`}, 'staff', ${token}, 'test', now() + ${expires}::interval, ${accepted ? sql`now()` : null})`.execute(db);
    await invite('pending-one', '7 days', false);
    await invite('expired-one', '-1 day', false);
    await invite('accepted-one', '7 days', true);
    // Another vendor's team and invitations never count here.
    const neighbour = await createVendor(app, { code: 'neighbour' });
    await createVendorUser(app, neighbour);
    await sql`insert into vendor_invitations (vendor_id, email, builtin_role, token_hash, invited_by, expires_at)
              values (${neighbour.id}, 'n@example.test', 'staff', 'neighbour-token', 'test', now() + interval '7 days')`.execute(db);

    const s = await PageSession.signedIn(app, 'vendor', owner.id, vendor.id);
    const res = await s.get('/vendor/florist/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hello, Marie Weber');
    expect(res.body).toContain('data-testid="shop-name">Fleurs Weber<');
    expect(res.body).toMatch(/data-testid="shop-status">Active</);
    const addresses = /data-testid="storefront-addresses">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    expect(addresses).toContain('href="https://fleurs-weber.lu"');
    expect(addresses).toContain('href="https://fleurs.shops.example.test"');
    expect(addresses).not.toContain('alias.example.test');
    expect(stat(res.body, 'team')).toBe(3);
    expect(stat(res.body, 'invitations')).toBe(1);
    // "Get started" lists the shop's module pages from the sidebar menu, without core's own entries.
    const sidebar = [...(/<nav class="sidebar__nav"[\s\S]*?<\/nav>/.exec(res.body)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(sidebar).toContain('/vendor/florist/dashboard');
    const coreEntries = ['/vendor/florist/dashboard', '/vendor/florist/settings', '/vendor/florist/profile'];
    const expected = sidebar.filter((href) => !coreEntries.includes(href!));
    const list = /data-testid="get-started">([\s\S]*?)<\/ol>/.exec(res.body)?.[1];
    if (expected.length === 0) {
      expect(list).toBeUndefined();
      expect(res.body).toContain('Nothing to set up yet');
    } else {
      const steps = [...new Set([...(list ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]))];
      expect(steps).toEqual(expected);
    }
  });

  it('lets staff see their own dashboard and refuses another vendor\'s', async () => {
    const a = await createVendor(t.app, { code: 'shop-a', name: 'Shop A' });
    const b = await createVendor(t.app, { code: 'shop-b', name: 'Shop B' });
    const staff = await createVendorUser(t.app, a, { role: 'staff' });
    await createVendorUser(t.app, b, { role: 'owner' });
    const s = await PageSession.signedIn(t.app, 'vendor', staff.id, a.id);
    const own = await s.get('/vendor/shop-a/dashboard');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Staff');
    const other = await s.get('/vendor/shop-b/dashboard');
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Shop B');
  });
});
