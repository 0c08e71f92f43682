/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThemeService } from '../../src/modules/cms/services/theme.service.ts';
import { StoreSettingsService } from '../../src/modules/core/services/store-settings.service.ts';
import { LANGUAGE_INFO, LANGUAGES } from '../../src/modules/locales.ts';
import { createVendor, createVendorUser, type TestUser, type TestVendor } from '../helpers/auth.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { describeViolations, seriousA11yViolations } from './a11y.ts';
import { launchBrowser } from './browser.ts';

const SHOTS = 'tmp/shots';

/**
 * The storefront in a real browser, as shop owners and their customers use
 * it: a vendor publishes a content page that shows on its own storefront
 * only; a customer registers, signs in and keeps an address book; the
 * vendor finds the new customer in a segment. The shop's home page passes
 * axe (no serious or critical violations) and works from the keyboard.
 */
describe('storefront in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];
  let luxe: TestVendor;
  let atelier: TestVendor;
  let owner: TestUser;
  const customer = { email: 'marie.muller@example.test', password: 'Sunny-Moselle-2026', name: 'Marie Muller' };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    luxe = await createVendor(t.app, { code: 'luxe', name: 'Luxe Boutique' });
    atelier = await createVendor(t.app, { code: 'atelier', name: 'Atelier Moselle' });
    owner = await createVendorUser(t.app, luxe, { role: 'owner', email: 'lea@example.test', name: 'Léa Owner' });
    // The shop's settings (core) feed the storefront's footer and language switcher.
    const weekday = { open: '09:30', close: '18:30' };
    await new StoreSettingsService(t.app.wizamart, luxe.id).update({
      contactEmail: 'hello@luxe.test',
      phone: '+352 26 12 34 56',
      address: { line1: '12, Grand-Rue', postalCode: 'L-1660', city: 'Luxembourg', country: 'LU' },
      vatNumber: 'LU12345613',
      languages: ['en', 'fr', 'lu'],
      defaultLanguage: 'en',
      openingHours: { mon: { closed: true }, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: { open: '09:00', close: '17:00' }, sun: { closed: true } },
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shop = (vendor: Pick<TestVendor, 'code'>, path = '/') => `${base}/_vendor/${vendor.code}${path}`;

  async function newPage(width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${String(e)}`));
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** Submits the form a button belongs to and waits for the next page. */
  async function submit(page: Page, button: string, url: string | RegExp | ((u: URL) => boolean)): Promise<void> {
    await Promise.all([page.waitForURL(url), page.click(button)]);
  }

  async function vendorSignIn(page: Page, user: TestUser): Promise<void> {
    await page.goto(`${base}/vendor/login`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await submit(page, 'button[type=submit]', (u) => !u.pathname.endsWith('/login'));
  }

  const text = (page: Page, selector = 'main') => page.locator(selector).first().innerText();

  it('a vendor edits and publishes a content page: it shows on its storefront, not on another one', async () => {
    const page = await newPage();
    await vendorSignIn(page, owner);
    await page.goto(`${base}/vendor/${luxe.code}/content-pages/new`);
    await page.fill('#slug', 'our-story');
    await page.fill('#title_en', 'Our story');
    await page.fill('#body_en', '<p>Handmade in the Grund since 1987.</p>');
    await submit(page, 'button[name=intent][value=save]', (u) => /\/content-pages\/\d+$/.test(u.pathname));

    // A draft is not on the storefront.
    const draft = await page.goto(shop(luxe, '/pages/our-story'));
    expect(draft?.status()).toBe(404);

    // Edit it from the list, then publish it.
    await page.goto(`${base}/vendor/${luxe.code}/content-pages`);
    await submit(page, 'main a.table__primary:has-text("Our story")', (u) => /\/content-pages\/\d+$/.test(u.pathname));
    await page.fill('#title_en', 'Our story, in leather');
    await page.fill('#body_en', '<p>Handmade in the Grund since 1987.</p><h2>Repairs</h2><p>We repair what we sell, for life.</p><script>alert(1)</script>');
    await submit(page, 'button[name=intent][value=publish]', (u) => /notice=saved/.test(u.search));
    await expect(page.locator('[data-testid=status-badge]').innerText()).resolves.toMatch(/published/i);

    const published = await page.goto(shop(luxe, '/pages/our-story'));
    expect(published?.status()).toBe(200);
    await expect(page.locator('main h1').first().innerText()).resolves.toBe('Our story, in leather');
    await expect(text(page)).resolves.toContain('We repair what we sell, for life.');
    // Sanitised on save, and titled with the shop's name.
    await expect(page.locator('main script').count()).resolves.toBe(0);
    await expect(page.title()).resolves.toContain('Luxe Boutique');
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await shot(page, 'storefront-cms-page');

    // Another vendor's storefront does not have it.
    const elsewhere = await page.goto(shop(atelier, '/pages/our-story'));
    expect(elsewhere?.status()).toBe(404);
    await expect(text(page, 'body')).resolves.not.toContain('We repair what we sell');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the storefront home passes axe and is usable from the keyboard', async () => {
    const page = await newPage();
    const res = await page.goto(shop(luxe), { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // The footer shows the shop's settings; the language switcher offers only its languages.
    const footer = await text(page, 'footer');
    for (const part of ['12, Grand-Rue', 'L-1660 Luxembourg', 'hello@luxe.test', 'Opening hours', '09:30', 'Closed', 'LU12345613']) expect(footer).toContain(part);
    await expect(page.locator('.language-switcher a').evaluateAll((links) => links.map((a) => a.getAttribute('hreflang')))).resolves.toEqual(['en', 'fr', 'lb']);
    await shot(page, 'storefront-home');
    // Switching the language stays on the shop.
    await page.click('.language-switcher summary');
    await submit(page, '.language-switcher a[hreflang=fr]', (u) => u.search === '?lang=fr');
    expect(new URL(page.url()).pathname).toBe('/_vendor/luxe/');
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('fr');
    await expect(text(page, '#site-nav')).resolves.toContain('Accueil');
    await page.context().clearCookies();
    await page.goto(shop(luxe, '/?lang=en'));

    // Tab: first the skip link, then the header (the shop's name), then the navigation.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain('skip-link');
    await expect(page.locator('.skip-link').isVisible()).resolves.toBe(true);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          return el?.closest('#site-nav') ? 'nav' : el?.closest('.site-header') ? 'header' : (el?.tagName ?? 'none');
        }),
      );
    }
    expect(order[0]).toBe('header');
    expect(order.slice(1)).toContain('nav');
    // Every focused element shows a focus ring.
    await expect(page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.not.toBe('none');
    // The skip link moves the focus to the content.
    await page.goto(shop(luxe), { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');

    const phone = await newPage(390);
    await phone.goto(shop(luxe), { waitUntil: 'networkidle' });
    // Nothing wider than the screen; the navigation opens from the menu button.
    await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await expect(phone.locator('#site-nav').isVisible()).resolves.toBe(false);
    await phone.click('.site-header__toggle');
    await expect(phone.locator('#site-nav').isVisible()).resolves.toBe(true);
    await shot(phone, 'storefront-home-phone');
    expect(pageErrors).toEqual([]);
    await phone.close();
    await page.close();
  });

  it("renders a shop in its theme's colours and fonts, still accessible", async () => {
    await new ThemeService(t.app.wizamart, atelier.id).save({ code: 'boutique', colors: { primary: '#7a2e4d', background: '#fbf8f4' } });
    const page = await newPage();
    await page.goto(shop(atelier), { waitUntil: 'networkidle' });
    const look = await page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      primary: getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim(),
    }));
    expect(look.primary).toBe('#7a2e4d');
    expect(look.background).toBe('rgb(251, 248, 244)');
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await shot(page, 'storefront-home-boutique-theme');
    // The other shop keeps its own look.
    await page.goto(shop(luxe), { waitUntil: 'networkidle' });
    await expect(page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim())).resolves.not.toBe('#7a2e4d');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the platform site (no shop) lists the shops in the same layout, without shop parts', async () => {
    const page = await newPage();
    const res = await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    const main = await text(page);
    expect(main).toContain('Luxe Boutique');
    expect(main).toContain('Atelier Moselle');
    await expect(page.locator('[data-testid=account-link]').count()).resolves.toBe(0);
    await expect(text(page, 'footer')).resolves.not.toContain('Opening hours');
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await shot(page, 'platform-landing');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a customer registers, signs in, adds and edits an address', async () => {
    const page = await newPage();
    await page.goto(shop(luxe));
    await submit(page, '[data-testid=account-link]', (u) => u.pathname.endsWith('/account/login'));
    await submit(page, 'main a[href$="/account/register"]', (u) => u.pathname.endsWith('/account/register'));
    await page.fill('#name', customer.name);
    await page.fill('#email', customer.email);
    await page.fill('#password', customer.password);
    await page.fill('#password_confirm', customer.password);
    await submit(page, 'main form button[type=submit]', (u) => u.pathname === '/_vendor/luxe/account');
    await expect(page.locator('[data-testid=notice]').innerText()).resolves.toContain('Welcome');

    // Sign out, then back in through the sign-in form.
    await submit(page, 'form[action$="/account/logout"] button[type=submit]', (u) => u.pathname.endsWith('/account/login'));
    await expect(page.locator('[data-testid=account-link]').innerText()).resolves.toContain('Sign in');
    await page.fill('#email', customer.email);
    await page.fill('#password', customer.password);
    await shot(page, 'storefront-login');
    await submit(page, 'main form button[type=submit]', (u) => !u.pathname.endsWith('/login'));
    await page.goto(shop(luxe, '/account'));
    expect(new URL(page.url()).pathname).toBe('/_vendor/luxe/account');
    await expect(page.locator('[data-testid=account-link]').innerText()).resolves.toContain('My account');
    await expect(text(page)).resolves.toContain(customer.email);
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await shot(page, 'storefront-account');

    // The session is this shop's only.
    await page.goto(shop(atelier, '/account'));
    expect(new URL(page.url()).pathname).toBe('/_vendor/atelier/account/login');

    await page.goto(shop(luxe, '/account/addresses'));
    await submit(page, 'main a[href$="/account/addresses/new"]', (u) => u.pathname.endsWith('/account/addresses/new'));
    await page.fill('#name', customer.name);
    await page.fill('#line1', '12, rue de la Gare');
    await page.fill('#postal_code', '4001');
    await page.fill('#city', 'Esch-sur-Alzette');
    await page.selectOption('#country', 'LU');
    await submit(page, '.account-main form button[type=submit]', (u) => u.pathname.endsWith('/account/addresses'));
    await expect(text(page)).resolves.toContain('12, rue de la Gare');

    await submit(page, 'main .address-card a[href*="/account/addresses/"]', (u) => /\/account\/addresses\/\d+$/.test(u.pathname));
    await page.fill('#line1', '14, rue de la Gare');
    await page.fill('#city', 'Esch-Uelzecht');
    await submit(page, '.account-main form button[type=submit]', (u) => u.pathname.endsWith('/account/addresses'));
    const list = await text(page);
    expect(list).toContain('14, rue de la Gare');
    expect(list).toContain('Esch-Uelzecht');
    expect(list).not.toContain('12, rue de la Gare');
    await shot(page, 'storefront-addresses');

    const phone = await newPage(390);
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(shop(luxe, '/account/addresses'));
    await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await shot(phone, 'storefront-addresses-phone');
    await phone.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the vendor finds the new customer in a segment of recent sign-ups', async () => {
    const page = await newPage();
    await vendorSignIn(page, owner);
    await page.goto(`${base}/vendor/${luxe.code}/customers/segments/new`);
    await page.fill('#segment-name', 'New this month');
    await page.selectOption('#rule-0-kind', 'signed_up_within_days');
    await page.fill('#rule-0-days', '30');
    await submit(page, '[data-testid=segment-form] button[type=submit]', (u) => /\/customers\/segments\/\d+$/.test(u.pathname));
    await expect(page.locator('[data-testid=members-table]').innerText()).resolves.toContain(customer.email);
    await shot(page, 'vendor-segment');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

/** The layout itself, without the modules that feed it: nothing may be missing or unsafe. */
describe('storefront layout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  function render(extra: Record<string, unknown>): string {
    const tr = t.app.views.translations.translator('en');
    const prefix = '/_vendor/luxe';
    return t.app.views.env.renderString('{% extends layout %}{% block title %}Home{% endblock %}{% block content %}<h1>Welcome</h1>{% endblock %}', {
      t: tr,
      lang: 'en',
      htmlLang: 'en',
      languages: LANGUAGES.map((code) => ({ ...LANGUAGE_INFO[code], active: code === 'en', url: `${prefix}/?lang=${code}` })), // as views.ts builds them: with the development prefix
      platform: { code: 'wizamart', name: 'Wizamart' },
      frontend: 'storefront',
      layout: 'layouts/site.njk',
      menu: [{ id: 'account', key: 'customers/account', label: 'Account', path: `${prefix}/account`, active: false }],
      path: '/',
      principal: undefined,
      vendor: { id: 1, code: 'luxe', name: 'Luxe Boutique', status: 'active' },
      urlPrefix: prefix,
      url: (p: string) => `${prefix}${p}`,
      csrfToken: '',
      notice: undefined,
      site: {},
      ...extra,
    });
  }

  const store = {
    name: 'Luxe Boutique Sàrl',
    email: 'hello@luxe.test',
    phone: '+352 26 12 34',
    address: { line1: '12, Grand-Rue', line2: null, postalCode: 'L-1660', city: 'Luxembourg', country: 'LU' },
    vatNumber: 'LU12345678',
    currency: 'EUR',
    languages: ['fr', 'lu'],
    defaultLanguage: 'fr',
    openingHours: [
      { day: 'mon', label: 'Monday', closed: false, open: '09:00', close: '18:00' },
      { day: 'sun', label: 'Sunday', closed: true },
    ],
  };

  it('renders with no module contributions at all', () => {
    const html = render({ site: {} });
    expect(html).toContain('<main id="main"');
    expect(html).toContain('class="skip-link" href="#main"');
    expect(html).toContain('Luxe Boutique');
    expect(html).toContain('/static/css/site.css');
    expect(html).toContain('href="/_vendor/luxe/account/login"');
    expect(html).not.toContain('<style>');
    // Without a vendor (the platform site) there is no account link and no shop footer.
    const platform = render({ vendor: undefined, urlPrefix: '', menu: [], frontend: 'platform' });
    expect(platform).toContain('Wizamart');
    expect(platform).not.toContain('account/login');
    expect(platform).not.toContain('Opening hours');
  });

  it('shows the shop: theme, logo, favicon, contact, hours, VAT, pages and only its languages', () => {
    const html = render({
      site: {
        core: { store },
        cms: {
          theme: { code: 'classic', cssVariables: '--color-primary:#0b5;--font-body:"Inter", sans-serif', logo: { url: '/media/logo.png', alt: 'Luxe' }, faviconUrl: '/media/fav.png' },
          pages: [{ slug: 'terms', title: 'Terms & conditions', url: '/_vendor/luxe/pages/terms' }],
        },
      },
      principal: { audience: 'customer', name: 'Marie' },
    });
    expect(html).toContain('<style>:root{ --color-primary:#0b5;--font-body:"Inter", sans-serif }</style>');
    expect(html).toContain('<link rel="icon" href="/media/fav.png">');
    expect(html).toContain('src="/media/logo.png" alt="Luxe"');
    expect(html).toContain('<title>Home · Luxe Boutique Sàrl</title>');
    expect(html).toContain('L-1660 Luxembourg');
    expect(html).toContain('href="tel:+3522612');
    expect(html).toContain('09:00');
    expect(html).toContain('Closed');
    expect(html).toContain('LU12345678');
    expect(html).toContain('Terms &amp; conditions');
    expect(html).toContain('My account');
    // Only the shop's languages (and the current one) are offered.
    expect(html).toContain('hreflang="fr"');
    expect(html).toContain('hreflang="lb"');
    expect(html).not.toContain('hreflang="de"');
    // The language links keep the development prefix.
    expect(html).toContain('href="/_vendor/luxe/?lang=fr"');
  });

  it('cannot be broken out of by the theme variables', () => {
    const html = render({ site: { cms: { theme: { cssVariables: '--color-primary:red}</style><script>alert(1)</script>', logo: null, faviconUrl: null } } } });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toMatch(/red\}/);
  });
});
