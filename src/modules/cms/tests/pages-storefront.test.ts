import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { adminHeaders, bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CmsMediaTables } from '../models/media.model.ts';

const API = '/api/v1/vendor/cms/pages';
const ADMIN_API = '/api/v1/admin/cms/pages';

interface Owner {
  vendor: TestVendor;
  headers: Record<string, string>;
}

describe('content pages on the storefront', () => {
  let t: TestApp;
  let app: App;

  // Warnings and errors the app logs: a page must be answered once, without a "reply was already sent".
  const logged: Array<{ level: number; msg: string; err?: { message?: string } }> = [];

  beforeAll(async () => {
    t = await createTestApp({ settings: { logLevel: 'warn' }, logStream: { write: (line: string) => void logged.push(JSON.parse(line)) } });
    app = t.app;
  });
  afterAll(async () => t?.close());

  async function newOwner(options: { name?: string; language?: string } = {}): Promise<Owner> {
    const vendor = await createVendor(app, options.name ? { name: options.name } : {});
    if (options.language) await app.wizamart.database.db.withTables<{ vendors: { id: number; default_language: string } }>().updateTable('vendors').set({ default_language: options.language }).where('id', '=', vendor.id).execute();
    const user = await createVendorUser(app, vendor, { role: 'owner' });
    return { vendor, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
  }

  async function createPage(headers: Record<string, string>, payload: Record<string, unknown>, url = API): Promise<number> {
    const res = await app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  }

  const visit = (vendor: TestVendor, path: string) => app.inject({ method: 'GET', url: `/_vendor/${vendor.code}${path}`, headers: { accept: 'text/html' } });

  it('answers the home page and a content page once, logging nothing', async () => {
    const a = await newOwner();
    await createPage(a.headers, { slug: 'home', status: 'published', translations: { en: { title: 'Welcome home' } } });
    await createPage(a.headers, { slug: 'story', status: 'published', translations: { en: { title: 'Our story' } } });
    logged.length = 0;
    for (const path of ['/', '/pages/story']) {
      const res = await visit(a.vendor, path);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await visit(a.vendor, '/')).body).toContain('Welcome home');
    expect(logged.map((l) => l.err?.message ?? l.msg)).toEqual([]);
  });

  it('a published page shows on its shop and not on another shop; drafts and unknown pages are 404', async () => {
    const a = await newOwner();
    const b = await newOwner();
    await createPage(a.headers, {
      slug: 'our-atelier',
      status: 'published',
      translations: { en: { title: 'Our atelier', body: '<p>Hand-made in <strong>Esch</strong>.</p><img src="x" onerror="alert(1)">', seo_title: 'The atelier of A', seo_description: 'Where we make things.' } },
    });
    await createPage(a.headers, { slug: 'secret', translations: { en: { title: 'Not yet' } } });

    const page = await visit(a.vendor, '/pages/our-atelier');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<h1 class="store-page__title">Our atelier</h1>');
    expect(page.body).toContain('Hand-made in <strong>Esch</strong>.');
    expect(page.body).not.toContain('onerror');
    expect(page.body).toMatch(/<title>The atelier of A · /);
    expect(page.body).toContain('<meta name="description" content="Where we make things.">');

    expect((await visit(b.vendor, '/pages/our-atelier')).statusCode).toBe(404);
    expect((await visit(a.vendor, '/pages/secret')).statusCode).toBe(404);
    expect((await visit(a.vendor, '/pages/nothing-here')).statusCode).toBe(404);
    // Without a shop in the address there are no pages.
    expect((await app.inject({ method: 'GET', url: '/pages/our-atelier', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it("a vendor's published override replaces the platform default, and deleting it brings the default back", async () => {
    const admin = await adminHeaders(app);
    const owner = await newOwner();
    const other = await newOwner();
    await createPage(admin, { slug: 'delivery', status: 'published', show_in_footer: true, translations: { en: { title: 'Delivery (platform)', body: '<p>Platform text</p>' } } }, ADMIN_API);

    const before = await visit(owner.vendor, '/pages/delivery');
    expect(before.body).toContain('Delivery (platform)');
    // The default is in the footer of every shop.
    expect(before.body).toContain(`href="/_vendor/${owner.vendor.code}/pages/delivery"`);

    const copy = await app.inject({ method: 'POST', url: `${API}/overrides/delivery`, headers: owner.headers });
    const id = copy.json<{ id: number }>().id;
    await app.inject({ method: 'PATCH', url: `${API}/${id}`, headers: owner.headers, payload: { translations: { en: { title: 'Delivery by bike', body: '<p>Our own text</p>' } } } });
    // A draft override leaves the default showing.
    expect((await visit(owner.vendor, '/pages/delivery')).body).toContain('Delivery (platform)');

    await app.inject({ method: 'POST', url: `${API}/${id}/publish`, headers: owner.headers });
    const overridden = await visit(owner.vendor, '/pages/delivery');
    expect(overridden.body).toContain('Delivery by bike');
    expect(overridden.body).not.toContain('Platform text');
    // The other shop still shows the default.
    expect((await visit(other.vendor, '/pages/delivery')).body).toContain('Delivery (platform)');

    expect((await app.inject({ method: 'DELETE', url: `${API}/${id}`, headers: owner.headers })).statusCode).toBe(204);
    expect((await visit(owner.vendor, '/pages/delivery')).body).toContain('Delivery (platform)');

    // Taking the default offline removes it from every shop at once.
    const defaults = await app.inject({ method: 'GET', url: ADMIN_API, headers: admin });
    const defaultId = defaults.json<{ pages: Array<{ id: number; slug: string }> }>().pages.find((p) => p.slug === 'delivery')!.id;
    await app.inject({ method: 'POST', url: `${ADMIN_API}/${defaultId}/unpublish`, headers: admin });
    expect((await visit(other.vendor, '/pages/delivery')).statusCode).toBe(404);
  });

  it('shows the visitor’s language, else the shop’s language, else English, else any', async () => {
    const owner = await newOwner({ language: 'fr' });
    await createPage(owner.headers, {
      slug: 'hours',
      status: 'published',
      translations: { en: { title: 'Opening hours' }, fr: { title: 'Horaires' }, de: { title: 'Öffnungszeiten' } },
    });
    await createPage(owner.headers, { slug: 'only-lu', status: 'published', translations: { lu: { title: 'Nëmmen op Lëtzebuergesch' } } });
    const title = async (path: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec((await visit(owner.vendor, path)).body)?.[1];
    expect(await title('/pages/hours?lang=de')).toBe('Öffnungszeiten');
    // Luxembourgish is missing: the shop's language (fr) comes before English.
    expect(await title('/pages/hours?lang=lu')).toBe('Horaires');
    expect(await title('/pages/only-lu?lang=en')).toBe('Nëmmen op Lëtzebuergesch');
    const html = (await visit(owner.vendor, '/pages/only-lu?lang=en')).body;
    expect(html).toContain('lang="lb"');
  });

  it('renders sections with images and their alt text, and records which files the page uses', async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const db = app.wizamart.database.db.withTables<CmsMediaTables>();
    const image = await db
      .insertInto('cms_media')
      .values({ vendor_id: owner.vendor.id, platform_id: null, kind: 'image', filename: 'shop.jpg', content_type: 'image/jpeg', size: 1000, width: 1200, height: 800, storage_key: `media/v${owner.vendor.id}/ab/shop.jpg`, variants: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('cms_media_alt').values([{ media_id: image.id, language: 'en', alt: 'Our shop window' }, { media_id: image.id, language: 'de', alt: 'Unser Schaufenster' }]).execute();

    const sections = [
      { type: 'hero', heading: { en: 'Welcome in' }, subheading: { en: 'Since 1999' }, button_label: { en: 'Read more' }, button_link: '/pages/about' },
      { type: 'rich_text', html: { en: '<p>Rich <a href="javascript:alert(1)">text</a></p><script>x()</script>' } },
      { type: 'image_text', image_id: image.id, text: { en: '<p>Look inside</p>' }, image_position: 'right' },
    ];
    const refused = await app.inject({ method: 'POST', url: API, headers: other.headers, payload: { slug: 'stolen', translations: { en: { title: 'T' } }, sections: [sections[2]] } });
    expect([refused.statusCode, refused.json<{ error: { code: string } }>().error.code]).toEqual([400, 'CMS_PAGE_SECTION_MEDIA_INVALID']);

    const id = await createPage(owner.headers, { slug: 'home', status: 'published', translations: { en: { title: 'Home' }, de: { title: 'Start' } }, sections });
    const stored = await app.inject({ method: 'GET', url: `${API}/${id}`, headers: owner.headers });
    expect(JSON.stringify(stored.json<{ sections: unknown[] }>().sections)).not.toMatch(/script|javascript:/);
    expect(await db.selectFrom('cms_media_usage').select(['media_id', 'owner']).where('owner', '=', `cms_page:${id}`).execute()).toEqual([{ media_id: image.id, owner: `cms_page:${id}` }]);

    const home = await visit(owner.vendor, '/?lang=de');
    expect(home.statusCode, home.body).toBe(200);
    // The hero opens the page: its heading is the page's h1.
    expect(home.body).toMatch(/<h1 id="section-1-title" class="section-hero__title">Welcome in<\/h1>/);
    expect(home.body).toContain(`href="/_vendor/${owner.vendor.code}/pages/about"`);
    expect(home.body).toContain('section-image-text--reverse');
    expect(home.body).toContain(`src="/media/media/v${owner.vendor.id}/ab/shop.jpg"`);
    // The alt text follows the page's language; section texts missing in it fall back (here to English).
    expect(home.body).toContain('alt="Unser Schaufenster"');
    expect((await visit(owner.vendor, '/?lang=fr')).body).toContain('alt="Our shop window"');
    expect(home.body).not.toContain('javascript:');

    expect((await app.inject({ method: 'DELETE', url: `${API}/${id}`, headers: owner.headers })).statusCode).toBe(204);
    expect(await db.selectFrom('cms_media_usage').select('owner').where('owner', '=', `cms_page:${id}`).execute()).toEqual([]);
    // Without its home page the shop shows the default home.
    expect((await visit(owner.vendor, '/')).body).toContain('data-testid="default-home"');
  });

  it('the default home shows the shop name and its published pages', async () => {
    const owner = await newOwner({ name: 'Maison Test' });
    await createPage(owner.headers, { slug: 'story', status: 'published', translations: { en: { title: 'Our story' } } });
    await createPage(owner.headers, { slug: 'draft-page', translations: { en: { title: 'Hidden draft' } } });
    const home = await visit(owner.vendor, '/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1 id="home-title" class="section-hero__title">Maison Test</h1>');
    expect(home.body).toContain(`href="/_vendor/${owner.vendor.code}/pages/story"`);
    expect(home.body).not.toContain('Hidden draft');
  });

  // Counts queries through the embedded PGlite, which every query passes; the caching it pins is the same on PostgreSQL.
  it.skipIf(Boolean(process.env.DATABASE_URL))('a warm page view reads no page from the database; a save makes the next view read it again', async () => {
    const owner = await newOwner();
    const id = await createPage(owner.headers, { slug: 'cached', status: 'published', show_in_footer: true, translations: { en: { title: 'Cached v1' } } });
    const pglite = t.database.pglite!;
    const original = pglite.query.bind(pglite);
    const seen: string[] = [];
    pglite.query = ((query: string, ...rest: unknown[]) => {
      if (/cms_page/.test(query)) seen.push(query);
      return (original as (...args: unknown[]) => unknown)(query, ...rest);
    }) as typeof pglite.query;
    try {
      const cold = await visit(owner.vendor, '/pages/cached');
      expect(cold.body).toContain('Cached v1');
      // The page (with its languages) and the shop's page list: one query each.
      expect(seen).toHaveLength(2);
      seen.length = 0;
      const warm = await visit(owner.vendor, '/pages/cached');
      expect(warm.body).toContain('Cached v1');
      expect(seen).toHaveLength(0);

      await app.inject({ method: 'PATCH', url: `${API}/${id}`, headers: owner.headers, payload: { translations: { en: { title: 'Cached v2' } } } });
      seen.length = 0;
      const fresh = await visit(owner.vendor, '/pages/cached');
      expect(fresh.body).toContain('Cached v2');
      expect(seen.length).toBeGreaterThan(0);
    } finally {
      pglite.query = original;
    }
  });

  it('without a shop, / is the platform landing page listing its active shops', async () => {
    const open = await newOwner({ name: 'Zz Open Shop' });
    const closed = await createVendor(app, { name: 'Zz Closed Shop' });
    await app.wizamart.database.db.withTables<{ vendors: { id: number; status: string } }>().updateTable('vendors').set({ status: 'suspended' }).where('id', '=', closed.id).execute();
    // The landing page is cached per platform; tenancy changes drop it (as tenancy announces them).
    await app.wizamart.database.notifier.notify('wizamart_tenancy_changed', 'test');
    const res = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('data-testid="platform-landing"');
    expect(res.body).toContain(`href="/_vendor/${open.vendor.code}/"`);
    expect(res.body).toContain('Zz Open Shop');
    expect(res.body).not.toContain('Zz Closed Shop');
  });
});
