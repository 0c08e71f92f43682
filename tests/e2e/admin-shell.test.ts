/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCookie } from '../helpers/auth.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { launchBrowser } from './browser.ts';

/**
 * The admin shell in a real browser: the module-driven sidebar, the
 * language switch, Alpine behaviour, and a module switched off while the
 * page is open.
 */
describe('admin shell in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Signed in as a super admin (the sign-in form itself is covered by back-office.test.ts).
    const [name, value] = (await adminCookie(t.app)).cookie!.split('=') as [string, string];
    await page.context().addCookies([{ name, value, url: base }]);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the component library with the dev-tools menu and no script errors', async () => {
    await page.goto(`${base}/admin/dev-tools/components`, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Component library');
    const sidebar = page.locator('nav a');
    await expect(sidebar.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Icons')]));
    expect(pageErrors).toEqual([]);
  });

  it('filters icons as the user types (Alpine)', async () => {
    await page.goto(`${base}/admin/dev-tools/icons`, { waitUntil: 'networkidle' });
    const visibleNames = () =>
      page.locator('.icon-tile').evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-name')),
      );
    const all = await visibleNames();
    expect(all.length).toBeGreaterThan(20);
    await page.fill('#icon-search', 'cart');
    await page.waitForFunction(
      (n) => Array.from(document.querySelectorAll<HTMLElement>(".icon-tile")).filter((e) => e.offsetParent !== null).length < n,
      all.length,
    );
    const names = await visibleNames();
    expect(names).toContain('shopping-cart');
    expect(names).not.toContain('dashboard');
  });

  it('switches language and keeps the choice', async () => {
    await page.goto(`${base}/admin/dev-tools/components?lang=de`, { waitUntil: 'networkidle' });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.goto(`${base}/admin/dev-tools/icons`, { waitUntil: 'networkidle' });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
  });

  it('refuses the page once dev-tools is disabled on the platform', async () => {
    await t.app.wizamart.modules.disableModule('wizamart', 'dev-tools');
    const response = await page.goto(`${base}/admin/dev-tools/components`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('body').textContent()).resolves.toMatch(/dev-tools/);
  });
});
