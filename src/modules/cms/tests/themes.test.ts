import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CmsThemeTables } from '../models/theme.model.ts';
import { loadStorefrontTheme, THEME_CHANGED_CHANNEL } from '../services/theme-context.ts';
import { THEME_PRESET_CODES, THEME_PRESETS, contrastRatio } from '../services/theme-presets.ts';
import { checkThemeLook } from '../services/theme.service.ts';
import { demoThemes } from '../demo-themes.ts';
import { vendorMediaWidget } from '../services/media-widget.ts';
import type { WidgetInput } from '../../widgets.ts';
import type { DemoContext } from '../../../core/demo-data.ts';
import { multipart, PDF, png } from './media-fixtures.ts';

interface Vendor {
  vendor: TestVendor;
  session: PageSession;
  headers: Record<string, string>;
}

async function newVendor(app: App): Promise<Vendor> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role: 'owner' });
  return { vendor, session: await PageSession.signedIn(app, 'vendor', user.id, vendor.id), headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

async function uploadMedia(app: App, v: Vendor, file: { filename: string; type: string; body: Buffer }): Promise<{ id: number; variants: Record<string, { url: string }> }> {
  const form = multipart(file);
  const res = await app.inject({ method: 'POST', url: '/api/v1/vendor/cms/media', headers: { ...v.headers, ...form.headers }, payload: form.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const FORM = {
  code: 'boutique',
  color_primary: '#7a2e4d',
  color_accent: '#b08d57',
  color_background: '#fbf8f4',
  color_text: '#2b2024',
  font_heading: 'didone',
  font_body: 'humanist',
  radius: 'none',
  logo_media_id: '',
  favicon_media_id: '',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('theme rules', () => {
  it('keeps every preset readable: text on background and white on primary at least 4.5:1', () => {
    for (const code of THEME_PRESET_CODES) {
      const preset = THEME_PRESETS[code];
      expect(contrastRatio(preset.colors.text, preset.colors.background), code).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio('#ffffff', preset.colors.primary), code).toBeGreaterThanOrEqual(4.5);
      expect(checkThemeLook({ code })).toMatchObject({ code });
    }
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  });

  it('refuses unreadable colours, invalid colours and unknown presets, fonts and corners', () => {
    expect(codeOf(() => checkThemeLook({ code: 'classic', colors: { text: '#777777', background: '#ffffff' } }))).toBe('CMS_THEME_TEXT_CONTRAST_TOO_LOW');
    expect(codeOf(() => checkThemeLook({ code: 'classic', colors: { primary: '#ffcc00' } }))).toBe('CMS_THEME_BUTTON_CONTRAST_TOO_LOW');
    expect(codeOf(() => checkThemeLook({ colors: { primary: 'red;} body{display:none' } }))).toBe('CMS_THEME_COLOR_INVALID');
    expect(codeOf(() => checkThemeLook({ code: 'neon' }))).toBe('CMS_THEME_PRESET_UNKNOWN');
    expect(codeOf(() => checkThemeLook({ fontBody: 'Comic Sans' }))).toBe('CMS_THEME_FONT_UNKNOWN');
    expect(codeOf(() => checkThemeLook({ radius: '3px' }))).toBe('CMS_THEME_RADIUS_UNKNOWN');
    // #abc is #aabbcc; upper case is stored lower case.
    expect(checkThemeLook({ code: 'minimal', colors: { primary: '#15A', text: '#000' } }).colors).toMatchObject({ primary: '#1155aa', text: '#000000' });
  });
});

describe('vendor themes', () => {
  let t: TestApp;
  let app: App;
  let a: Vendor;
  let b: Vendor;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    a = await newVendor(app);
    b = await newVendor(app);
  });
  afterAll(async () => t?.close());

  const db = () => app.wizamart.database.db.withTables<CmsThemeTables>();
  const themeRow = (vendorId: number) => db().selectFrom('cms_themes').selectAll().where('vendor_id', '=', vendorId).executeTakeFirst();

  it('gives a vendor without a theme the classic one, and caches it', async () => {
    const theme = await loadStorefrontTheme(app.wizamart.database.db, b.vendor.id);
    expect(theme).toMatchObject({ code: 'classic', logo: null, faviconUrl: null });
    expect(theme.cssVariables).toContain('--color-primary:#1d4ed8');
    expect(theme.cssVariables).toMatch(/--font-heading:[^;]+;--radius:4px$/);
    // Variables go into a <style> rule: nothing that could end it.
    expect(theme.cssVariables).not.toMatch(/[<>{}"]/);
  });

  it('shows the editor with presets, colour pickers, fonts and the preview frame', async () => {
    const res = await a.session.get(`/vendor/${a.vendor.code}/themes`);
    expect(res.statusCode).toBe(200);
    for (const code of THEME_PRESET_CODES) expect(res.body).toContain(`name="code" value="${code}"`);
    expect(res.body).toContain('type="color" id="theme-color_primary" name="color_primary" value="#1d4ed8"');
    expect(res.body).toContain('name="font_heading"');
    expect(res.body).toContain('data-testid="theme-preview-frame"');
    expect(res.body).toContain(`src="/vendor/${a.vendor.code}/themes/preview?code=classic&amp;color_primary=%231d4ed8`);
  });

  it('saves a theme with logo and favicon, which the storefront then shows, and records them as used', async () => {
    const logo = await uploadMedia(app, a, { filename: 'logo.png', type: 'image/png', body: await png(1200, 300, '#7a2e4d') });
    const icon = await uploadMedia(app, a, { filename: 'icon.png', type: 'image/png', body: await png(64, 64, '#b08d57') });
    await app.inject({ method: 'PATCH', url: `/api/v1/vendor/cms/media/${logo.id}`, headers: a.headers, payload: { alt: { en: 'Luxe logo', fr: 'Logo Luxe' } } });

    const before = await loadStorefrontTheme(app.wizamart.database.db, a.vendor.id);
    expect(before.code).toBe('classic');

    await a.session.get(`/vendor/${a.vendor.code}/themes`);
    const res = await a.session.post(`/vendor/${a.vendor.code}/themes`, { ...FORM, color_primary: '#7A2E4D', logo_media_id: String(logo.id), favicon_media_id: String(icon.id) });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/vendor/${a.vendor.code}/themes?notice=saved`);
    expect(await themeRow(a.vendor.id)).toMatchObject({ code: 'boutique', color_primary: '#7a2e4d', font_heading: 'didone', radius: 'none', logo_media_id: logo.id, favicon_media_id: icon.id });

    // The save dropped the cached classic theme.
    const theme = await loadStorefrontTheme(app.wizamart.database.db, a.vendor.id, 'fr');
    expect(theme.code).toBe('boutique');
    expect(theme.cssVariables).toContain('--color-primary:#7a2e4d;--color-accent:#b08d57;--color-background:#fbf8f4;--color-text:#2b2024');
    expect(theme.cssVariables).toContain('--radius:0px');
    expect(theme.logo).toEqual({ url: logo.variants.medium!.url, alt: 'Logo Luxe' });
    expect((await loadStorefrontTheme(app.wizamart.database.db, a.vendor.id, 'de')).logo?.alt).toBe('Luxe logo');
    expect(theme.faviconUrl).toBe(icon.variants.thumb!.url);

    const usage = await db().selectFrom('cms_media_usage').select(['media_id', 'owner']).where('owner', '=', `cms_theme:${a.vendor.id}`).orderBy('media_id').execute();
    expect(usage).toEqual([{ media_id: logo.id, owner: `cms_theme:${a.vendor.id}` }, { media_id: icon.id, owner: `cms_theme:${a.vendor.id}` }]);
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/vendor/cms/media/${logo.id}`, headers: a.headers });
    expect(del.statusCode).toBe(409);

    // Removing the favicon frees it.
    await a.session.post(`/vendor/${a.vendor.code}/themes`, { ...FORM, logo_media_id: String(logo.id), favicon_media_id: '' });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/vendor/cms/media/${icon.id}`, headers: a.headers })).statusCode).toBe(204);
    expect((await loadStorefrontTheme(app.wizamart.database.db, a.vendor.id)).faviconUrl).toBeNull();
  });

  it('refuses an unreadable theme with the translated reason and keeps the saved one', async () => {
    const saved = await themeRow(a.vendor.id);
    await a.session.get(`/vendor/${a.vendor.code}/themes?lang=de`);
    const res = await a.session.post(`/vendor/${a.vendor.code}/themes`, { ...FORM, color_text: '#cccccc' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="form-error"');
    expect(res.body).toContain('Kontrast');
    // The form shows what was typed.
    expect(res.body).toContain('value="#cccccc"');
    expect(await themeRow(a.vendor.id)).toEqual(saved);
  });

  it('"use this style" takes the preset colours and fonts and keeps the logo', async () => {
    const res = await a.session.post(`/vendor/${a.vendor.code}/themes`, { ...FORM, code: 'bold', color_primary: '#000000', apply_preset: '1', logo_media_id: String((await themeRow(a.vendor.id))!.logo_media_id) });
    expect(res.statusCode).toBe(303);
    const row = await themeRow(a.vendor.id);
    expect(row).toMatchObject({ code: 'bold', color_primary: THEME_PRESETS.bold.colors.primary, font_heading: 'geometric', radius: 'large' });
    expect(row?.logo_media_id).not.toBeNull();
  });

  it("refuses another vendor's file or a PDF as logo, changing nothing", async () => {
    const foreign = await uploadMedia(app, b, { filename: 'b-logo.png', type: 'image/png', body: await png(100, 100, '#123456') });
    const pdf = await uploadMedia(app, a, { filename: 'menu.pdf', type: 'application/pdf', body: PDF });
    const saved = await themeRow(a.vendor.id);
    const res = await a.session.post(`/vendor/${a.vendor.code}/themes`, { ...FORM, logo_media_id: String(foreign.id) });
    expect(res.statusCode).toBe(404);
    const asPdf = await a.session.post(`/vendor/${a.vendor.code}/themes`, { ...FORM, favicon_media_id: String(pdf.id) });
    expect(asPdf.statusCode).toBe(400);
    expect(await themeRow(a.vendor.id)).toEqual(saved);
    const usage = await db().selectFrom('cms_media_usage').select('owner').where('media_id', '=', foreign.id).execute();
    expect(usage).toEqual([]);
  });

  it('previews unsaved values on the storefront markup, warning about what a save would refuse', async () => {
    const logoId = (await themeRow(a.vendor.id))!.logo_media_id!;
    const q = new URLSearchParams({ ...FORM, color_primary: '#0b5b0b', logo_media_id: String(logoId) });
    const res = await a.session.get(`/vendor/${a.vendor.code}/themes/preview?${q.toString()}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('--color-primary:#0b5b0b');
    expect(res.body).toContain('class="layout-site layout-site--store theme-preview"');
    expect(res.body).toContain('data-testid="preview-logo"');
    expect(res.body).not.toContain('data-testid="preview-warning"');
    // Not saved.
    expect((await themeRow(a.vendor.id))?.color_primary).not.toBe('#0b5b0b');

    const low = await a.session.get(`/vendor/${a.vendor.code}/themes/preview?${new URLSearchParams({ ...FORM, color_primary: '#ffdd00', color_text: 'nonsense' }).toString()}`);
    expect(low.statusCode).toBe(200);
    expect(low.body).toContain('data-testid="preview-warning"');
    // An invalid value falls back to the preset's.
    expect(low.body).toContain(`--color-text:${THEME_PRESETS.boutique.colors.text}`);

    // Vendor B cannot show A's logo in its preview.
    const foreign = await b.session.get(`/vendor/${b.vendor.code}/themes/preview?${q.toString()}`);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.body).not.toContain('data-testid="preview-logo"');
  });

  it('drops a cached theme when another instance announces a change', async () => {
    const database = app.wizamart.database;
    const cached = await loadStorefrontTheme(database.db, a.vendor.id);
    // Another instance saved: the row changed, and it notified.
    await db().updateTable('cms_themes').set({ color_accent: '#0f766e' }).where('vendor_id', '=', a.vendor.id).execute();
    expect((await loadStorefrontTheme(database.db, a.vendor.id)).cssVariables).toBe(cached.cssVariables);
    await database.notifier.notify(THEME_CHANGED_CHANNEL, String(a.vendor.id));
    await expect.poll(async () => (await loadStorefrontTheme(database.db, a.vendor.id)).cssVariables, { timeout: 5000 }).toContain('--color-accent:#0f766e');
  });

  it('reads and sets the theme through the API with the same rules', async () => {
    const owner = await newVendor(app);
    let res = await app.inject({ method: 'GET', url: '/api/v1/vendor/cms/theme', headers: owner.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'classic', updated_at: null, logo_media_id: null });

    res = await app.inject({ method: 'PUT', url: '/api/v1/vendor/cms/theme', headers: owner.headers, payload: { code: 'bold', colors: { accent: '#0E7490' }, font_body: 'system' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'bold', colors: { primary: THEME_PRESETS.bold.colors.primary, accent: '#0e7490' }, font_body: 'system', font_heading: 'geometric', radius: 'large' });
    expect(res.json<{ css_variables: string }>().css_variables).toContain('--radius:16px');
    expect((await loadStorefrontTheme(app.wizamart.database.db, owner.vendor.id)).code).toBe('bold');

    res = await app.inject({ method: 'PUT', url: '/api/v1/vendor/cms/theme', headers: owner.headers, payload: { code: 'bold', colors: { primary: '#fde047' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('CMS_THEME_BUTTON_CONTRAST_TOO_LOW');
    const foreign = (await db().selectFrom('cms_media').select('id').where('vendor_id', '=', a.vendor.id).executeTakeFirstOrThrow()).id;
    res = await app.inject({ method: 'PUT', url: '/api/v1/vendor/cms/theme', headers: owner.headers, payload: { logo_media_id: foreign } });
    expect(res.statusCode).toBe(404);
    expect((await themeRow(owner.vendor.id))?.logo_media_id).toBeNull();
  });

  it("shows the vendor's files, storage and theme on a dashboard card", async () => {
    const t = (key: string) => key;
    const content = await vendorMediaWidget.load({
      db: app.wizamart.database.db,
      platform: { code: 'wizamart' },
      principal: { vendor: { id: a.vendor.id, code: a.vendor.code } },
      vendorId: a.vendor.id,
      t,
      language: 'en',
      url: (path: string) => path,
    } as unknown as WidgetInput);
    const files = await db().selectFrom('cms_media').select((eb) => eb.fn.countAll<string>().as('n')).where('vendor_id', '=', a.vendor.id).executeTakeFirstOrThrow();
    expect(content?.stats?.[0]).toEqual({ label: 'cms:media.widget.files', value: Number(files.n), href: `/vendor/${a.vendor.code}/media` });
    expect(String(content?.stats?.[1]?.value)).toMatch(/kB|MB/);
    const code = (await themeRow(a.vendor.id))!.code;
    expect(content?.stats?.[2]).toMatchObject({ value: `cms:themes.presets.${code}.label`, href: `/vendor/${a.vendor.code}/themes` });
  });

  it('needs cms.themes.manage', async () => {
    const user = await createVendorUser(app, a.vendor, { role: 'staff' });
    const session = await PageSession.signedIn(app, 'vendor', user.id, a.vendor.id);
    expect((await session.get(`/vendor/${a.vendor.code}/themes`)).statusCode).toBe(403);
    expect((await session.get(`/vendor/${a.vendor.code}/themes/preview`)).statusCode).toBe(403);
  });

  it('gives the demo shops their themes and a generated logo, once', async () => {
    const luxe = await createVendor(app, { code: 'luxe-boutique' });
    const atelier = await createVendor(app, { code: 'atelier-moselle' });
    const ctx = { db: app.wizamart.database.db, storage: app.wizamart.storage, platform: 'wizamart', actor: 'demo', credentials: { vendors: [] } } as unknown as DemoContext;
    const first = await demoThemes(ctx);
    expect(first.filter((r) => r.kind === 'theme').map((r) => r.key)).toEqual(['luxe-boutique', 'atelier-moselle']);
    expect(await demoThemes(ctx)).toEqual([]);

    const theme = await loadStorefrontTheme(app.wizamart.database.db, luxe.id, 'de');
    expect(theme.code).toBe('boutique');
    expect(theme.logo?.alt).toBe('Logo von Luxe Boutique');
    expect(theme.faviconUrl).not.toBeNull();
    const logo = await app.inject({ method: 'GET', url: theme.logo!.url });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/webp');
    expect((await loadStorefrontTheme(app.wizamart.database.db, atelier.id)).code).toBe('minimal');

    // The storefront renders with it: colours, logo (with its alt text) and favicon.
    const home = await app.inject({ method: 'GET', url: `/_vendor/luxe-boutique/?lang=de`, headers: { accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('--color-primary:#7a2e4d');
    expect(home.body).toContain(`src="${theme.logo!.url}" alt="Logo von Luxe Boutique"`);
    expect(home.body).toContain(`<link rel="icon" href="${theme.faviconUrl}">`);
  });
});
