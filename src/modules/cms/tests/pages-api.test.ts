import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { adminHeaders, bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CmsPagesTables } from '../models/page.model.ts';

const API = '/api/v1/vendor/cms/pages';
const ADMIN_API = '/api/v1/admin/cms/pages';

interface Page {
  id: number;
  slug: string;
  status: string;
  published_at: string | null;
  show_in_footer: boolean;
  titles: Record<string, string>;
  translations: Record<string, { title: string; body_html: string; seo_title: string | null; seo_description: string | null }>;
  sections: unknown[];
  is_platform_default: boolean;
}

interface Owner {
  vendor: TestVendor;
  headers: Record<string, string>;
}

async function newOwner(app: App, role: 'owner' | 'staff' = 'owner'): Promise<Owner> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role });
  return { vendor, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

function errorCode(res: { json: () => unknown }): string | undefined {
  return (res.json() as { error?: { code: string } }).error?.code;
}

function pageRows(app: App, vendorId: number) {
  return app.wizamart.database.db.withTables<CmsPagesTables>().selectFrom('cms_pages').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute();
}

describe('content pages API', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  async function create(owner: Owner, payload: Record<string, unknown>): Promise<Page> {
    const res = await app.inject({ method: 'POST', url: API, headers: owner.headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Page>();
  }

  it('creates, reads, updates, publishes, unpublishes and deletes a page', async () => {
    const owner = await newOwner(app);
    const page = await create(owner, {
      slug: '  Our-Story ',
      translations: { en: { title: ' Our   story ', body: '<p>Since 1999</p><script>alert(1)</script>' }, de: { title: 'Unsere Geschichte', body: '' }, fr: { title: '', body: '' } },
    });
    expect(page).toMatchObject({ slug: 'our-story', status: 'draft', published_at: null, is_platform_default: false, titles: { en: 'Our story', de: 'Unsere Geschichte' } });
    expect(page.translations.en?.body_html).toBe('<p>Since 1999</p>');
    expect(Object.keys(page.translations).sort()).toEqual(['de', 'en']);

    const patched = await app.inject({
      method: 'PATCH',
      url: `${API}/${page.id}`,
      headers: owner.headers,
      payload: { show_in_footer: true, translations: { de: { title: '', body: '' }, fr: { title: 'Notre histoire', seo_description: 'Depuis 1999' } } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // Languages merge: de removed (sent empty), fr added, en kept.
    expect(Object.keys(patched.json<Page>().translations).sort()).toEqual(['en', 'fr']);
    expect(patched.json<Page>()).toMatchObject({ show_in_footer: true, translations: { fr: { title: 'Notre histoire', seo_description: 'Depuis 1999' } } });

    const published = await app.inject({ method: 'POST', url: `${API}/${page.id}/publish`, headers: owner.headers });
    expect(published.json<Page>()).toMatchObject({ status: 'published' });
    expect(published.json<Page>().published_at).not.toBeNull();
    const unpublished = await app.inject({ method: 'POST', url: `${API}/${page.id}/unpublish`, headers: owner.headers });
    expect(unpublished.json<Page>().status).toBe('draft');

    const list = await app.inject({ method: 'GET', url: API, headers: owner.headers });
    expect(list.json<{ pages: Page[] }>().pages.map((p) => p.slug)).toEqual(['our-story']);

    expect((await app.inject({ method: 'DELETE', url: `${API}/${page.id}`, headers: owner.headers })).statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `${API}/${page.id}`, headers: owner.headers });
    expect([gone.statusCode, errorCode(gone)]).toEqual([404, 'CMS_PAGE_NOT_FOUND']);
    expect(await pageRows(app, owner.vendor.id)).toEqual([]);
  });

  it('refuses bad slugs, titles and sections with the module’s error codes and writes nothing', async () => {
    const owner = await newOwner(app);
    const en = { en: { title: 'Page' } };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ slug: 'has space', translations: en }, 400, 'CMS_PAGE_SLUG_INVALID'],
      [{ slug: 'under_score', translations: en }, 400, 'CMS_PAGE_SLUG_INVALID'],
      [{ slug: '-lead', translations: en }, 400, 'CMS_PAGE_SLUG_INVALID'],
      [{ slug: 'double--hyphen', translations: en }, 400, 'CMS_PAGE_SLUG_INVALID'],
      [{ slug: 'a'.repeat(65), translations: en }, 400, 'CMS_PAGE_SLUG_INVALID'],
      [{ slug: 'account', translations: en }, 400, 'CMS_PAGE_SLUG_RESERVED'],
      [{ slug: 'Admin', translations: en }, 400, 'CMS_PAGE_SLUG_RESERVED'],
      [{ slug: 'media', translations: en }, 400, 'CMS_PAGE_SLUG_RESERVED'],
      [{ slug: 'ok', translations: {} }, 400, 'CMS_PAGE_TITLE_REQUIRED'],
      [{ slug: 'ok', translations: { de: { title: ' ', body: '<p>Text</p>' } } }, 400, 'CMS_PAGE_TITLE_REQUIRED'],
      [{ slug: 'ok', translations: { en: { title: 't'.repeat(201) } } }, 400, 'CMS_PAGE_TITLE_TOO_LONG'],
      [{ slug: 'ok', translations: { en: { title: 'T', seo_description: 'd'.repeat(321) } } }, 400, 'CMS_PAGE_SEO_DESCRIPTION_TOO_LONG'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'carousel' }] }, 400, 'CMS_PAGE_SECTIONS_INVALID'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'hero', heading: { en: 'Hi' }, colour: 'red' }] }, 400, 'CMS_PAGE_SECTIONS_INVALID'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'rich_text', html: { xx: 'Hi' } }] }, 400, 'CMS_PAGE_SECTIONS_INVALID'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'product_grid' }] }, 400, 'CMS_PAGE_SECTION_TYPE_UNAVAILABLE'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'hero', heading: { en: 'Hi' }, button_link: 'javascript:alert(1)' }] }, 400, 'CMS_PAGE_SECTION_LINK_INVALID'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'hero', heading: { en: 'Hi' }, button_link: '//evil.example' }] }, 400, 'CMS_PAGE_SECTION_LINK_INVALID'],
      [{ slug: 'ok', translations: en, sections: [{ type: 'image_text', image_id: 999999, text: { en: '<p>x</p>' } }] }, 400, 'CMS_PAGE_SECTION_MEDIA_INVALID'],
      [{ slug: 'ok', status: 'archived', translations: en }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await app.inject({ method: 'POST', url: API, headers: owner.headers, payload });
      expect([res.statusCode, errorCode(res)], JSON.stringify(payload).slice(0, 120)).toEqual([status, code]);
    }
    expect(await pageRows(app, owner.vendor.id)).toEqual([]);

    await create(owner, { slug: 'faq', translations: en });
    const taken = await app.inject({ method: 'POST', url: API, headers: owner.headers, payload: { slug: 'FAQ', translations: en } });
    expect([taken.statusCode, errorCode(taken)]).toEqual([409, 'CMS_PAGE_SLUG_TAKEN']);
    const other = await create(owner, { slug: 'help', translations: en });
    const renamed = await app.inject({ method: 'PATCH', url: `${API}/${other.id}`, headers: owner.headers, payload: { slug: 'faq' } });
    expect([renamed.statusCode, errorCode(renamed)]).toEqual([409, 'CMS_PAGE_SLUG_TAKEN']);
    expect((await pageRows(app, owner.vendor.id)).map((r) => r.slug)).toEqual(['faq', 'help']);
  });

  it('the same address may exist once per vendor and once among the platform defaults', async () => {
    const a = await newOwner(app);
    const b = await newOwner(app);
    const admin = await adminHeaders(app);
    await create(a, { slug: 'shared-slug', translations: { en: { title: 'A' } } });
    await create(b, { slug: 'shared-slug', translations: { en: { title: 'B' } } });
    const def = await app.inject({ method: 'POST', url: ADMIN_API, headers: admin, payload: { slug: 'shared-slug', translations: { en: { title: 'Default' } } } });
    expect(def.statusCode, def.body).toBe(201);
    expect(def.json<Page>().is_platform_default).toBe(true);
    const again = await app.inject({ method: 'POST', url: ADMIN_API, headers: admin, payload: { slug: 'shared-slug', translations: { en: { title: 'Default 2' } } } });
    expect([again.statusCode, errorCode(again)]).toEqual([409, 'CMS_PAGE_SLUG_TAKEN']);
    // The database refuses a second default with that address too.
    const db = app.wizamart.database.db.withTables<CmsPagesTables>();
    const platform = await db.selectFrom('platforms').select('id').where('code', '=', 'wizamart').executeTakeFirstOrThrow();
    await expect(db.insertInto('cms_pages').values({ platform_id: platform.id, vendor_id: null, slug: 'shared-slug', sections: '[]' }).execute()).rejects.toThrow(/cms_pages_platform_default_slug_key/);
  });

  it('a vendor overrides a published platform default with its own copy, and sees the defaults with their override', async () => {
    const owner = await newOwner(app);
    const admin = await adminHeaders(app);
    const def = await app.inject({
      method: 'POST',
      url: ADMIN_API,
      headers: admin,
      payload: { slug: 'returns-policy', status: 'published', show_in_footer: true, translations: { en: { title: 'Returns', body: '<p>30 days</p>' }, fr: { title: 'Retours' } } },
    });
    expect(def.statusCode, def.body).toBe(201);
    const draftDefault = await app.inject({ method: 'POST', url: ADMIN_API, headers: admin, payload: { slug: 'draft-default', translations: { en: { title: 'Not yet' } } } });
    expect(draftDefault.statusCode).toBe(201);

    const before = await app.inject({ method: 'GET', url: API, headers: owner.headers });
    const defaults = before.json<{ defaults: Array<{ slug: string; override: unknown }> }>().defaults;
    expect(defaults.find((d) => d.slug === 'returns-policy')).toMatchObject({ override: null });
    // Drafts of the platform are not offered to vendors.
    expect(defaults.find((d) => d.slug === 'draft-default')).toBeUndefined();

    const copy = await app.inject({ method: 'POST', url: `${API}/overrides/returns-policy`, headers: owner.headers });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json<Page>()).toMatchObject({ slug: 'returns-policy', status: 'draft', show_in_footer: true, titles: { en: 'Returns', fr: 'Retours' } });
    const after = await app.inject({ method: 'GET', url: API, headers: owner.headers });
    expect(after.json<{ defaults: Array<{ slug: string; override: unknown }> }>().defaults.find((d) => d.slug === 'returns-policy')).toMatchObject({
      override: { id: copy.json<Page>().id, status: 'draft' },
    });
    const twice = await app.inject({ method: 'POST', url: `${API}/overrides/returns-policy`, headers: owner.headers });
    expect([twice.statusCode, errorCode(twice)]).toEqual([409, 'CMS_PAGE_SLUG_TAKEN']);
    const none = await app.inject({ method: 'POST', url: `${API}/overrides/draft-default`, headers: owner.headers });
    expect([none.statusCode, errorCode(none)]).toEqual([404, 'CMS_PAGE_NOT_OVERRIDABLE']);
  });

  it('staff may read pages but not change them', async () => {
    const owner = await newOwner(app);
    const page = await create(owner, { slug: 'staff-view', translations: { en: { title: 'T' } } });
    const user = await createVendorUser(app, owner.vendor, { role: 'staff' });
    const staff = await bearerHeaders(app, 'vendor', user.id, owner.vendor.id);
    expect((await app.inject({ method: 'GET', url: `${API}/${page.id}`, headers: staff })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'PATCH', url: `${API}/${page.id}`, headers: staff, payload: { slug: 'taken-over' } });
    expect(refused.statusCode).toBe(403);
  });

  it("vendor A gets 404 on every one of B's pages, and B's rows stay as they were", async () => {
    const a = await newOwner(app);
    const b = await newOwner(app);
    const bPage = await create(b, { slug: 'b-page', status: 'published', translations: { en: { title: 'B' } } });
    const before = await pageRows(app, b.vendor.id);
    const attempts = [
      app.inject({ method: 'GET', url: `${API}/${bPage.id}`, headers: a.headers }),
      app.inject({ method: 'PATCH', url: `${API}/${bPage.id}`, headers: a.headers, payload: { slug: 'hijacked', translations: { en: { title: 'A' } } } }),
      app.inject({ method: 'POST', url: `${API}/${bPage.id}/unpublish`, headers: a.headers }),
      app.inject({ method: 'DELETE', url: `${API}/${bPage.id}`, headers: a.headers }),
    ];
    for (const res of await Promise.all(attempts)) expect([res.statusCode, errorCode(res)]).toEqual([404, 'CMS_PAGE_NOT_FOUND']);
    expect(await pageRows(app, b.vendor.id)).toEqual(before);
    const list = await app.inject({ method: 'GET', url: API, headers: a.headers });
    expect(list.json<{ pages: Page[] }>().pages).toEqual([]);
  });
});
