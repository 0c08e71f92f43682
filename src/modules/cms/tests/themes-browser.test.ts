/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendor, createVendorUser, TEST_PASSWORD } from '../../../../tests/helpers/auth.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { launchBrowser } from '../../../../tests/e2e/browser.ts';
import type { CmsThemeTables } from '../models/theme.model.ts';
import { png } from './media-fixtures.ts';

/** Where to keep screenshots while working on the pages: `CMS_MEDIA_SCREENSHOTS=tmp/cms-media npx vitest run …`. */
const SHOTS = process.env.CMS_MEDIA_SCREENSHOTS;

/**
 * The media library and the theme editor in a real browser: a vendor
 * uploads a logo through the form, gives it an alt text, picks a preset,
 * sees a colour change in the preview before saving, and saves.
 */
describe('media library and theme editor in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];
  let shop: { id: number; code: string };
  let owner: { email: string };

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    shop = await createVendor(t.app, { code: 'luxe-shop', name: 'Luxe Shop' });
    owner = await createVendorUser(t.app, shop, { role: 'owner', email: 'media-owner@example.test' });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedInPage(width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${base}/vendor/login`);
    await page.fill('#email', owner.email);
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.click('button[type=submit]')]);
    return page;
  }

  it('uploads a file with the form and sets its alt text', async () => {
    const page = await signedInPage();
    await page.goto(`${base}/vendor/${shop.code}/media`);
    await expect(page.locator('[data-testid=media-empty]').isVisible()).resolves.toBe(true);
    await page.setInputFiles('#media-file', { name: 'logo.png', mimeType: 'image/png', buffer: await png(900, 300, '#7a2e4d') });
    await Promise.all([page.waitForURL(/notice=created/), page.click('[data-testid=upload-form] button[type=submit]')]);
    await page.fill('#alt-en', 'Luxe Shop logo');
    await Promise.all([page.waitForURL(/notice=saved/), page.click('form[action$="' + new URL(page.url()).pathname + '"] button[type=submit]')]);
    await expect(page.inputValue('#alt-en')).resolves.toBe('Luxe Shop logo');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/media-detail.png`, fullPage: true });
    await page.goto(`${base}/vendor/${shop.code}/media`);
    await expect(page.locator('[data-testid=media-grid] img').count()).resolves.toBe(1);
    // The thumbnail really loads.
    await expect(page.locator('[data-testid=media-grid] img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(200);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/media-list.png`, fullPage: true });
    const phone = await signedInPage(390);
    await phone.goto(`${base}/vendor/${shop.code}/media`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/media-phone.png`, fullPage: true });
    await phone.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('previews a colour live before saving, and saves the theme with the logo', async () => {
    const page = await signedInPage();
    await page.goto(`${base}/vendor/${shop.code}/themes`);
    const frame = page.frameLocator('iframe[name=theme-preview]');
    await expect(frame.locator('[data-testid=theme-preview]').count()).resolves.toBe(1);

    await page.click('label.theme-preset:has(input[value=boutique])');
    await expect(page.inputValue('#theme-color_primary')).resolves.toBe('#7a2e4d');
    // A new primary colour shows in the preview at once, unsaved.
    await page.locator('#theme-color_primary').evaluate((input: HTMLInputElement) => {
      input.value = '#0b5b0b';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const primary = () => page.frameLocator('iframe[name=theme-preview]').locator('html').evaluate((html) => getComputedStyle(html).getPropertyValue('--color-primary').trim());
    await expect.poll(primary).toBe('#0b5b0b');
    const db = t.app.wizamart.database.db.withTables<CmsThemeTables>();
    expect(await db.selectFrom('cms_themes').selectAll().where('vendor_id', '=', shop.id).executeTakeFirst()).toBeUndefined();

    // A readable colour is confirmed; an unreadable one is flagged before saving.
    await expect(page.locator('[data-testid=contrast]').textContent()).resolves.toMatch(/\d/);
    await page.locator('.theme-media-picker').first().locator('label.theme-media-option').nth(1).click();
    await expect.poll(() => frame.locator('[data-testid=preview-logo]').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/themes.png`, fullPage: true });

    await Promise.all([page.waitForURL(/notice=saved/), page.click('.theme-editor__actions button.btn--primary')]);
    const row = await db.selectFrom('cms_themes').selectAll().where('vendor_id', '=', shop.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ code: 'boutique', color_primary: '#0b5b0b', font_heading: 'didone' });
    expect(row.logo_media_id).not.toBeNull();

    // On a phone the editor and its preview fit the screen.
    const phone = await signedInPage(390);
    await phone.goto(`${base}/vendor/${shop.code}/themes`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/themes-phone.png`, fullPage: true });
    await phone.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
