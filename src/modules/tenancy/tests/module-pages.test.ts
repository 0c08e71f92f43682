import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminUser } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, seedPlatform, type TestApp } from '../../../../tests/helpers/test-app.ts';

/**
 * The module management pages of the admin back office: the modules of a
 * platform by tier, the cascade preview (a dry run) before a change, the
 * change itself, its audit log, and who may see and do it.
 */
describe('module management pages', () => {
  let t: TestApp;
  let superAdmin: PageSession;
  let superAdminUser: { id: number; email: string };

  beforeAll(async () => {
    // ardennes is changed by the tests; wizamart only ever looked at.
    t = await createTestApp({ platforms: { wizamart: 'all', ardennes: 'all', moselle: ['analytics'] } });
    superAdminUser = await createAdminUser(t.app, { superAdmin: true });
    superAdmin = await PageSession.signedIn(t.app, 'admin', superAdminUser.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The `<tr>` of a module (or of a plan step) on a page. */
  const row = (html: string, attribute: string, code: string) => {
    const match = new RegExp(`<tr[^>]*${attribute}="${code}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
    expect(match, `row ${attribute}=${code}`).not.toBeNull();
    return match![1]!;
  };
  /** The module codes listed in a tier's section, in order. */
  const tierModules = (html: string, tier: string) => {
    const section = new RegExp(`data-tier="${tier}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    return [...section.matchAll(/data-module="([a-z-]+)"/g)].map((m) => m[1]);
  };
  const enabled = (platform: string) => t.app.wizamart.modules.getEnabledModuleCodes(platform);

  it('the modules page lists all 16 modules by tier, with dependencies, dependents and state', async () => {
    const res = await superAdmin.get('/admin/platforms/wizamart/modules');
    expect(res.statusCode).toBe(200);
    const { registry } = t.app.wizamart;
    expect(registry.codes()).toHaveLength(16);
    expect(tierModules(res.body, 'core').sort()).toEqual([...registry.CORE_MODULES.keys()].sort());
    expect(tierModules(res.body, 'optional').sort()).toEqual([...registry.OPTIONAL_MODULES.keys()].sort());
    expect(tierModules(res.body, 'internal').sort()).toEqual([...registry.INTERNAL_MODULES.keys()].sort());
    expect([...res.body.matchAll(/<tr id="module-/g)]).toHaveLength(16);

    // Core modules are always on and offer no switch.
    const tenancy = row(res.body, 'data-module', 'tenancy');
    expect(tenancy).toContain('data-state="always-on"');
    expect(tenancy).not.toContain('/modules/tenancy/disable');
    // Payments: its version, what needs it, and a Disable button that leads to the preview.
    const payments = row(res.body, 'data-module', 'payments');
    expect(payments).toContain('data-state="enabled"');
    expect(payments).toContain(`v${registry.getModule('payments')!.version}`);
    for (const dependent of ['billing', 'orders', 'checkout']) expect(payments).toContain(`href="#module-${dependent}"`);
    expect(payments).toContain('href="/admin/platforms/wizamart/modules/payments/disable"');
    // Checkout requires cart, orders and payments.
    const checkout = row(res.body, 'data-module', 'checkout');
    for (const requirement of ['cart', 'orders', 'payments']) expect(checkout).toContain(`href="#module-${requirement}"`);
  });

  it('shows a disabled module with an Enable button', async () => {
    const res = await superAdmin.get('/admin/platforms/moselle/modules', { 'x-wizamart-platform': 'moselle' });
    expect(res.statusCode).toBe(200);
    const billing = row(res.body, 'data-module', 'billing');
    expect(billing).toContain('data-state="disabled"');
    expect(billing).toContain('href="/admin/platforms/moselle/modules/billing/enable"');
    expect(row(res.body, 'data-module', 'analytics')).toContain('data-state="enabled"');
  });

  it('/admin/modules leads to the modules of the platform the admin is on', async () => {
    const res = await superAdmin.get('/admin/modules');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/admin/platforms/wizamart/modules');
  });

  it('previewing the disabling of payments lists billing, orders and checkout with reasons, and changes nothing', async () => {
    const before = await t.app.wizamart.modules.getAuditLog('wizamart', { limit: 1, offset: 0 });
    const res = await superAdmin.get('/admin/platforms/wizamart/modules/payments/disable');
    expect(res.statusCode).toBe(200);
    expect(row(res.body, 'data-plan-module', 'payments')).toContain('Your choice');
    expect(row(res.body, 'data-plan-module', 'billing')).toContain('Requires Payments');
    expect(row(res.body, 'data-plan-module', 'orders')).toContain('Requires Payments');
    // Checkout needs orders, which this change disables.
    expect(row(res.body, 'data-plan-module', 'checkout')).toMatch(/Requires (Orders|Payments)/);
    expect(res.body).toContain('3 other modules depend on it and will be disabled too.');
    expect(res.body).toMatch(/<form[^>]*method="post"[^>]*action="\/admin\/platforms\/wizamart\/modules\/payments\/disable"/);

    expect(await enabled('wizamart')).toEqual(expect.arrayContaining(['payments', 'billing', 'orders', 'checkout']));
    const after = await t.app.wizamart.modules.getAuditLog('wizamart', { limit: 1, offset: 0 });
    expect(after.total).toBe(before.total);
  });

  it('previews an enable with the modules it needs, in the language of the page', async () => {
    // `?lang=` is remembered in a cookie: a session of its own, so the other tests stay in English.
    const german = await PageSession.signedIn(t.app, 'admin', (await createAdminUser(t.app)).id);
    const res = await german.get('/admin/platforms/moselle/modules/checkout/enable?lang=de', { 'x-wizamart-platform': 'moselle' });
    expect(res.statusCode).toBe(200);
    const de = t.app.views.translations.translator('de');
    expect(res.body).toContain(`${de('checkout:name')} aktivieren?`);
    for (const needed of ['cart', 'orders', 'payments', 'checkout']) expect(row(res.body, 'data-plan-module', needed)).toContain('Aktiviert');
    expect(row(res.body, 'data-plan-module', 'payments')).toContain(`Benötigt von ${de('orders:name')}`);
    expect(row(res.body, 'data-plan-module', 'checkout')).toContain('Ihre Auswahl');
    expect(await enabled('moselle')).not.toContain('checkout');
  });

  it('confirming applies the whole cascade, comes back with a notice, and the audit log shows who did it', async () => {
    const preview = await superAdmin.get('/admin/platforms/ardennes/modules/payments/disable');
    const plan = /name="plan" value="([^"]*)"/.exec(preview.body)?.[1];
    expect(plan).toBe('payments:off,billing:off,orders:off,checkout:off');

    const res = await superAdmin.post('/admin/platforms/ardennes/modules/payments/disable', { plan: plan! });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/platforms/ardennes/modules?notice=saved');
    const now = await enabled('ardennes');
    for (const code of ['payments', 'billing', 'orders', 'checkout']) expect(now).not.toContain(code);
    expect(now).toContain('cart');
    // Other platforms are untouched.
    expect(await enabled('wizamart')).toContain('payments');

    const page = await superAdmin.get('/admin/platforms/ardennes/modules?notice=saved');
    expect(page.body).toContain('data-testid="notice"');
    expect(row(page.body, 'data-module', 'orders')).toContain('data-state="disabled"');

    const audit = await superAdmin.get('/admin/platforms/ardennes/modules/audit');
    expect(audit.statusCode).toBe(200);
    const newest = /<tr data-audit-id="\d+">([\s\S]*?)<\/tr>/.exec(audit.body)![1]!;
    expect(newest).toContain('Disabled');
    expect(newest).toContain('Payments');
    expect(newest).toContain(`<p class="table__primary">${superAdminUser.email}</p>`);
    expect(newest).toContain(`admin:${superAdminUser.id}`);
    for (const name of ['Billing', 'Orders', 'Checkout']) expect(newest).toContain(`<li>${name}</li>`);
  });

  it('a preview that no longer matches is shown again instead of applied', async () => {
    await superAdmin.get('/admin/platforms/wizamart/modules/analytics/disable');
    const res = await superAdmin.post('/admin/platforms/wizamart/modules/analytics/disable', { plan: 'analytics:off,billing:off' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('data-plan-changed');
    expect(res.body).toContain('name="plan" value="analytics:off"');
    expect(await enabled('wizamart')).toContain('analytics');
  });

  it('refuses to disable a core module, on the preview and on confirm', async () => {
    const preview = await superAdmin.get('/admin/platforms/wizamart/modules/tenancy/disable');
    expect(preview.statusCode).toBe(409);
    expect(preview.body).toContain('is a core module and cannot be disabled');
    const section = /<section[^>]*data-module-preview[\s\S]*?<\/section>/.exec(preview.body)![0];
    expect(section).not.toContain('type="submit"');
    const res = await superAdmin.post('/admin/platforms/wizamart/modules/tenancy/disable', {});
    expect(res.statusCode).toBe(409);
  });

  it('answers 404 for a module that is not installed or a platform that does not exist', async () => {
    expect((await superAdmin.get('/admin/platforms/wizamart/modules/nothing-here/enable')).statusCode).toBe(404);
    expect((await superAdmin.get('/admin/platforms/nowhere/modules')).statusCode).toBe(404);
  });

  it('the audit log is paginated, newest first', async () => {
    await seedPlatform(t.app, 'eislek', []);
    const { modules } = t.app.wizamart;
    for (let i = 0; i < 11; i += 1) {
      await modules.enableModule('eislek', 'analytics', { actor: `tester-${i}` });
      await modules.disableModule('eislek', 'analytics', { actor: `tester-${i}` });
    }
    const first = await superAdmin.get('/admin/platforms/eislek/modules/audit');
    expect([...first.body.matchAll(/data-audit-id=/g)]).toHaveLength(20);
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('href="/admin/platforms/eislek/modules/audit?page=2"');
    expect(first.body.indexOf('tester-10')).toBeLessThan(first.body.indexOf('tester-9'));

    const second = await superAdmin.get('/admin/platforms/eislek/modules/audit?page=2');
    expect([...second.body.matchAll(/data-audit-id=/g)]).toHaveLength(2);
    expect(second.body).toContain('tester-0');
    expect(second.body).not.toContain('tester-10');

    const past = await superAdmin.get('/admin/platforms/eislek/modules/audit?page=5');
    expect(past.statusCode).toBe(200);
    expect(past.body).not.toContain('data-audit-id=');
    expect(past.body).toContain('past the end of the log');
  });

  it('shows an empty audit log as such', async () => {
    await seedPlatform(t.app, 'quiet', []);
    const res = await superAdmin.get('/admin/platforms/quiet/modules/audit');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No module changes yet');
  });

  describe('a platform admin', () => {
    let moselleAdmin: PageSession;
    const onMoselle = { 'x-wizamart-platform': 'moselle' };

    beforeAll(async () => {
      const admin = await createAdminUser(t.app, { superAdmin: false, platforms: ['moselle'] });
      moselleAdmin = await PageSession.signedIn(t.app, 'admin', admin.id, undefined, 'moselle');
    });

    it('manages the modules of their own platform', async () => {
      const res = await moselleAdmin.get('/admin/platforms/moselle/modules', onMoselle);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/admin/platforms/moselle/modules/analytics/disable"');
    });

    it('gets 403 on a platform they do not administer, and changes nothing there', async () => {
      for (const path of ['/modules', '/modules/audit', '/modules/payments/disable', '/menus']) {
        const res = await moselleAdmin.get(`/admin/platforms/wizamart${path}`, onMoselle);
        expect(res.statusCode, path).toBe(403);
      }
      await moselleAdmin.get('/admin/platforms/moselle/modules', onMoselle);
      const res = await moselleAdmin.post('/admin/platforms/wizamart/modules/payments/disable', {}, onMoselle);
      expect(res.statusCode).toBe(403);
      expect(await enabled('wizamart')).toContain('payments');
    });

    it('holds no permission at all on the host of a platform they do not administer', async () => {
      const res = await moselleAdmin.get('/admin/platforms/moselle/modules');
      expect(res.statusCode).toBe(403);
    });
  });
});
