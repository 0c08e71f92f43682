import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from '../../../../tests/e2e/a11y.ts';
import { launchBrowser } from '../../../../tests/e2e/browser.ts';
import { createVendor, createVendorUser } from '../../../../tests/helpers/auth.ts';
import { createCustomer } from '../../../../tests/helpers/customers.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

/**
 * The back office's customer pages in a real browser: the rule builder
 * with Alpine (rows appear and their fields follow the chosen kind), the
 * customer found in the segment, and no serious accessibility problem on
 * the list, a customer, and the segment pages, on a desktop and a phone.
 */
describe('customer pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let shop: { id: number; code: string };
  let customerId: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    shop = await createVendor(t.app, { name: 'Luxe Boutique' });
    await createVendorUser(t.app, shop, { role: 'owner', email: `owner-${shop.code}@example.test`, name: 'Léa Owner' });
    customerId = (await createCustomer(t.app, { vendorId: shop.id, name: 'Claire Weis', language: 'fr', tags: ['vip'], verified: true })).id;
    await createCustomer(t.app, { vendorId: shop.id, name: 'Tom Klein', language: 'de', tags: ['vip'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${base}/vendor/login`);
    await page.fill('#email', `owner-${shop.code}@example.test`);
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.click('button[type=submit]')]);
    return page;
  }

  it('builds a segment with the rule builder and finds the customer in it', async () => {
    const page = await signedIn();
    await page.goto(`${base}/vendor/${shop.code}/customers/segments/new`);
    // With JavaScript, only the first row shows, and only the field of its kind.
    await expect.poll(() => page.locator('#rule-1-kind').isVisible()).toBe(false);
    expect(await page.locator('#rule-0-days').isVisible()).toBe(true);
    await expect.poll(() => page.locator('#rule-0-tag').isVisible()).toBe(false);
    await page.fill('#segment-name', 'French VIPs');
    await page.selectOption('#rule-0-kind', 'tag_is');
    await expect.poll(() => page.locator('#rule-0-days').isVisible()).toBe(false);
    expect(await page.locator('#rule-0-tag').isVisible()).toBe(true);
    await page.fill('#rule-0-tag', 'vip');
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.selectOption('#rule-1-kind', 'language_is');
    await page.selectOption('#rule-1-language', 'fr');
    await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Create segment' }).click()]);
    const members = page.locator('[data-testid="members-table"] tbody tr');
    expect(await members.allTextContents()).toEqual([expect.stringContaining('Claire Weis')]);
    expect(await page.locator('[data-testid="members-table"]').textContent()).not.toContain('Tom Klein');
    await page.getByRole('link', { name: 'Claire Weis' }).click();
    await page.waitForURL(new RegExp(`/customers/${customerId}$`));
    expect(await page.locator('[data-testid="customer-segments"]').textContent()).toContain('French VIPs');
    expect(pageErrors).toEqual([]);
  });

  it('has no serious accessibility problems on the list, a customer and the segments, on a desktop and a phone', async () => {
    for (const width of [1280, 390]) {
      const page = await signedIn(width);
      for (const path of ['', `/${customerId}`, '/segments', '/segments/new', `?tag=vip&language=fr`]) {
        await page.goto(`${base}/vendor/${shop.code}/customers${path}`);
        const violations = await seriousA11yViolations(page, { include: 'main' });
        expect(violations, `${width}px ${path}: ${describeViolations(violations)}`).toEqual([]);
        // Nothing wider than the screen: tables scroll inside their card.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${width}px ${path}`).toBeLessThanOrEqual(0);
      }
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
