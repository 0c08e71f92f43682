/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VendorScope } from '../../src/core/database/vendor-scope.ts';
import type { TenancyTables } from '../../src/modules/tenancy/models/tenancy.model.ts';
import { createAdminUser, createVendor, createVendorUser, TEST_PASSWORD } from '../helpers/auth.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { launchBrowser } from './browser.ts';

/**
 * The back offices in a real browser, as people use them: an admin signs
 * in, creates a vendor, disables a module with its cascade and sees it
 * vanish from the vendor's sidebar; vendor staff without a permission
 * neither see nor reach the page.
 */
describe('back offices in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];
  let admin: { email: string; password: string };
  let shop: { id: number; code: string };
  let owner: { email: string; password: string };

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    admin = await createAdminUser(t.app, { email: 'ada@example.test', name: 'Ada Admin' });
    shop = await createVendor(t.app, { code: 'luxe', name: 'Luxe Boutique' });
    owner = await createVendorUser(t.app, shop, { role: 'owner', email: 'lea@example.test', name: 'Léa Owner' });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    return page;
  }

  async function signIn(page: Page, audience: 'admin' | 'vendor', email: string, password: string): Promise<void> {
    await page.goto(`${base}/${audience}/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.click('button[type=submit]')]);
  }

  const sidebar = (page: Page) => page.locator('#sidebar nav a').allTextContents().then((texts) => texts.map((s) => s.trim()));

  it('admin signs in and creates a vendor with its owner', async () => {
    const page = await newPage();
    await page.goto(`${base}/admin/vendors`);
    // Signed out: sent to the sign-in page, and back afterwards.
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('#email', admin.email);
    await page.fill('#password', 'wrong password');
    await page.click('button[type=submit]');
    await expect(page.locator('[data-testid=form-error]').textContent()).resolves.toContain('incorrect');
    await page.fill('#password', admin.password);
    await Promise.all([page.waitForURL(`${base}/admin/vendors`), page.click('button[type=submit]')]);

    await page.goto(`${base}/admin/vendors/new`);
    await page.fill('#vendor-name', 'Atelier Nord');
    await page.fill('#vendor-code', 'atelier-nord');
    await page.selectOption('#vendor-company', { index: 1 });
    await page.fill('#vendor-owner-email', 'nora@example.test');
    await page.fill('#vendor-owner-name', 'Nora Nord');
    await Promise.all([page.waitForURL(/notice=created/), page.click('main form[action="/admin/vendors"] button[type=submit]')]);
    await expect(page.locator('body').textContent()).resolves.toContain('Atelier Nord');
    // The owner was mailed a link to set a password; it is in the outbox.
    const mail = await t.app.wizamart.mailer.list({ limit: 5, offset: 0, to: 'nora@example.test' });
    expect(mail.total).toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('admin disables a module with its cascade, and it vanishes from the vendor sidebar', async () => {
    const vendorPage = await newPage();
    await signIn(vendorPage, 'vendor', owner.email, owner.password);
    await vendorPage.goto(`${base}/vendor/${shop.code}/inventory`);
    expect(await sidebar(vendorPage)).toEqual(expect.arrayContaining(['Inventory', 'Stock locations']));

    const page = await newPage();
    await signIn(page, 'admin', admin.email, admin.password);
    await page.goto(`${base}/admin/platforms/wizamart/modules`);
    await page.click('a[aria-label="Disable Inventory"]');
    // The cascade is previewed before anything changes: marketplace requires inventory.
    const preview = page.locator('.module-preview');
    await expect(preview.first().textContent()).resolves.toContain('Marketplace');
    expect(await t.app.wizamart.modules.isModuleEnabled('wizamart', 'inventory')).toBe(true);
    await Promise.all([page.waitForURL(/notice=/), preview.first().locator('button[type=submit]').click()]);
    expect(await t.app.wizamart.modules.isModuleEnabled('wizamart', 'marketplace')).toBe(false);

    await vendorPage.goto(`${base}/vendor/${shop.code}/dashboard`);
    const after = await sidebar(vendorPage);
    expect(after).not.toContain('Inventory');
    expect(after).not.toContain('Stock locations');
    const gone = await vendorPage.goto(`${base}/vendor/${shop.code}/inventory`);
    expect(gone?.status()).toBe(404);
    await t.app.wizamart.modules.enableModule('wizamart', 'inventory', { actor: 'test' });
    await page.close();
    await vendorPage.close();
  });

  it('vendor staff without a permission neither sees nor reaches the page', async () => {
    // A custom role that may view stock but not manage locations.
    const scope = new VendorScope(t.app.wizamart.database.db.withTables<TenancyTables>(), shop.id);
    const role = await scope
      .insertInto('vendor_roles', { name: 'Stock viewer', permissions: JSON.stringify(['inventory.view', 'core.dashboard.view']) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const viewer = await createVendorUser(t.app, shop, { roleId: role.id, email: 'sam@example.test', name: 'Sam Staff' });
    const page = await newPage();
    await signIn(page, 'vendor', viewer.email, TEST_PASSWORD);
    await page.goto(`${base}/vendor/${shop.code}/inventory`);
    const items = await sidebar(page);
    expect(items).toContain('Inventory');
    expect(items).not.toContain('Stock locations');
    expect(items).not.toContain('Team');
    const denied = await page.goto(`${base}/vendor/${shop.code}/inventory/locations`);
    expect(denied?.status()).toBe(403);
    await expect(page.locator('body').textContent()).resolves.toContain('inventory.locations.manage');
    // Another vendor's back office is out of reach too.
    const other = await page.goto(`${base}/vendor/atelier-nord/dashboard`);
    expect(other?.status()).toBe(403);
    await page.screenshot({ path: 'tmp/screenshots/vendor-staff-denied.png' });
    await page.close();
  });

  it('works on a phone: the sidebar opens from the menu button', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/admin/login`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.click('button[type=submit]')]);
    await page.goto(`${base}/admin/vendors`);
    await expect(page.locator('#sidebar').isVisible()).resolves.toBe(true);
    const box = await page.locator('#sidebar').boundingBox();
    // Off-canvas until opened.
    expect(box === null || box.x + box.width <= 1).toBe(true);
    await page.click('.topbar__toggle');
    await page.waitForFunction(() => (document.querySelector('#sidebar')?.getBoundingClientRect().x ?? -1) >= 0);
    await page.screenshot({ path: 'tmp/screenshots/admin-phone-menu.png' });
    await page.close();
  });
});
