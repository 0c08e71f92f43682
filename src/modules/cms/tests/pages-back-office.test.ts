import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { createAdminUser, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CmsPagesTables } from '../models/page.model.ts';

interface Owner {
  vendor: TestVendor;
  session: PageSession;
  base: string;
}

/** A form field's value as the browser sends it back. */
function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const emptyLanguages = { title_de: '', body_de: '', title_fr: '', body_fr: '', title_lu: '', body_lu: '' };

describe('content page screens of the back offices', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  async function newOwner(role: 'owner' | 'staff' = 'owner'): Promise<Owner> {
    const vendor = await createVendor(app);
    const user = await createVendorUser(app, vendor, { role });
    return { vendor, session: await PageSession.signedIn(app, 'vendor', user.id, vendor.id), base: `/vendor/${vendor.code}/content-pages` };
  }

  const rows = (vendorId: number) => app.wizamart.database.db.withTables<CmsPagesTables>().selectFrom('cms_pages').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute();

  it('a vendor writes a page, publishes it with the Publish button, unpublishes and deletes it', async () => {
    const { vendor, session, base } = await newOwner();
    const empty = await session.get(base);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('data-testid="pages-empty"');

    const form = await session.get(`${base}/new`);
    expect(form.statusCode).toBe(200);
    for (const name of ['title_en', 'body_en', 'seo_title_en', 'seo_description_en', 'title_lu', 'slug', 'status', 'sections']) expect(form.body).toContain(`name="${name}"`);
    expect(form.body).toContain('value="publish"');

    const created = await session.post(`${base}/new`, {
      slug: 'Opening-Hours',
      status: 'draft',
      sort_order: '5',
      show_in_footer: '1',
      title_en: 'Opening hours',
      body_en: '<p>Tue–Sat</p><script>steal()</script>',
      seo_description_en: 'When we are open',
      ...emptyLanguages,
      title_de: 'Öffnungszeiten',
      sections: '[]',
      intent: 'publish',
    });
    expect(created.statusCode, created.body).toBe(303);
    const [row] = await rows(vendor.id);
    expect(row).toMatchObject({ slug: 'opening-hours', status: 'published', sort_order: 5, show_in_footer: true });
    expect(created.headers.location).toBe(`${base}/${row!.id}?notice=created`);

    const edit = await session.get(`${base}/${row!.id}`);
    expect(edit.body).toContain('data-testid="status-badge"');
    expect(edit.body).toContain('&lt;p&gt;Tue–Sat&lt;/p&gt;');
    expect(edit.body).not.toContain('steal()');
    expect(edit.body).toContain('value="unpublish"');
    // A published page links to where customers see it.
    expect(edit.body).toMatch(new RegExp(`href="/_vendor/${vendor.code}/pages/opening-hours"[^>]*data-testid="live-link"`));

    const list = await session.get(base);
    expect(list.body).toContain('data-page="opening-hours"');
    expect(list.body).toContain('Opening hours');

    const unpublished = await session.post(`${base}/${row!.id}/unpublish`);
    expect(unpublished.statusCode).toBe(303);
    expect((await rows(vendor.id))[0]?.status).toBe('draft');
    expect((await session.get(`${base}/${row!.id}`)).body).not.toContain('data-testid="live-link"');

    // Saving keeps the sections as they are when the editor (JavaScript) did not run.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/vendor/cms/pages/${row!.id}`,
      headers: { authorization: `Bearer ${(await app.wizamart.auth.issue('vendor', (await createVendorUser(app, vendor)).id, { platform: 'wizamart', vendorId: vendor.id })).accessToken}` },
      payload: { sections: [{ type: 'rich_text', html: { en: '<p>Section</p>' } }] },
    });
    const current = await session.get(`${base}/${row!.id}`);
    const sectionsValue = decode(/name="sections" value="([^"]*)"/.exec(current.body)?.[1] ?? '');
    const saved = await session.post(`${base}/${row!.id}`, { slug: 'opening-hours', status: 'draft', sort_order: '5', title_en: 'Opening hours (new)', ...emptyLanguages, sections: sectionsValue, intent: 'save' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect((await rows(vendor.id))[0]).toMatchObject({ sections: [{ type: 'rich_text', html: { en: '<p>Section</p>' } }], show_in_footer: false });

    const deleted = await session.post(`${base}/${row!.id}/delete`);
    expect(deleted.headers.location).toBe(`${base}?notice=deleted`);
    expect(await rows(vendor.id)).toEqual([]);
  });

  it('a refused form is shown again with what was typed and the translated error', async () => {
    const { vendor, session, base } = await newOwner();
    await session.get(`${base}/new`);
    const res = await session.post(`${base}/new?lang=de`, { slug: 'admin', title_en: 'Kept title', body_en: '<p>Kept</p>', ...emptyLanguages, sections: '[]', intent: 'save' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="form-error"');
    expect(res.body).toContain('Die Adresse „admin“ ist vom Shop reserviert');
    expect(res.body).toContain('value="Kept title"');
    const broken = await session.post(`${base}/new`, { slug: 'ok-page', title_en: 'T', ...emptyLanguages, sections: '{not json', intent: 'save' });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('data-testid="form-error"');
    expect(await rows(vendor.id)).toEqual([]);
  });

  it('a vendor sees the platform defaults and overrides one from the list', async () => {
    const admin = await createAdminUser(app);
    const adminSession = await PageSession.signedIn(app, 'admin', admin.id);
    const adminList = await adminSession.get('/admin/content-pages');
    expect(adminList.statusCode).toBe(200);
    const made = await adminSession.post('/admin/content-pages/new', { slug: 'legal-notice', title_en: 'Legal notice', body_en: '<p>Platform</p>', ...emptyLanguages, sections: '[]', intent: 'publish' });
    expect(made.statusCode, made.body).toBe(303);

    const { vendor, session, base } = await newOwner();
    const list = await session.get(base);
    expect(list.body).toContain('data-default="legal-notice"');
    const override = await session.post(`${base}/overrides/legal-notice`);
    expect(override.statusCode).toBe(303);
    const [copy] = await rows(vendor.id);
    expect(copy).toMatchObject({ slug: 'legal-notice', status: 'draft' });
    const edit = await session.get(override.headers.location as string);
    expect(edit.body).toContain('Legal notice');
    const after = await session.get(base);
    expect(after.body).not.toContain('data-default="legal-notice"');
    expect(after.body).toContain('data-page="legal-notice"');
  });

  it("another vendor's page ids are 404 on every screen and change nothing; staff cannot post", async () => {
    const a = await newOwner();
    const b = await newOwner();
    await b.session.get(`${b.base}/new`);
    await b.session.post(`${b.base}/new`, { slug: 'b-only', title_en: 'B only', ...emptyLanguages, sections: '[]', intent: 'publish' });
    const [bPage] = await rows(b.vendor.id);
    await a.session.get(a.base);
    for (const res of [
      await a.session.get(`${a.base}/${bPage!.id}`),
      await a.session.post(`${a.base}/${bPage!.id}`, { slug: 'mine', title_en: 'Mine', ...emptyLanguages, sections: '[]', intent: 'save' }),
      await a.session.post(`${a.base}/${bPage!.id}/unpublish`),
      await a.session.post(`${a.base}/${bPage!.id}/delete`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    expect(await rows(b.vendor.id)).toEqual([bPage]);

    const staffUser = await createVendorUser(app, a.vendor, { role: 'staff' });
    const staff = await PageSession.signedIn(app, 'vendor', staffUser.id, a.vendor.id);
    const list = await staff.get(a.base);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(`href="${a.base}/new"`);
    expect((await staff.get(`${a.base}/new`)).statusCode).toBe(403);
  });

  it('the dashboard cards count a vendor’s published pages and drafts, and link to the pages', async () => {
    const { vendor, session, base } = await newOwner();
    await session.get(`${base}/new`);
    await session.post(`${base}/new`, { slug: 'one', title_en: 'One', ...emptyLanguages, sections: '[]', intent: 'publish' });
    await session.post(`${base}/new`, { slug: 'two', title_en: 'Two', ...emptyLanguages, sections: '[]', intent: 'save' });
    const { definition } = await import('../definition.ts');
    const widget = definition.widgets?.vendor?.find((w) => w.id === 'pages');
    const platform = await app.wizamart.database.db.selectFrom('platforms').select(['id', 'code']).where('code', '=', 'wizamart').executeTakeFirstOrThrow();
    const content = await widget!.load({
      db: app.wizamart.database.db,
      platform,
      principal: { vendor: { id: vendor.id, code: vendor.code, name: vendor.code, platform: 'wizamart' } } as never,
      vendorId: vendor.id,
      t: ((key: string) => key) as never,
      language: 'en',
      url: (path) => path,
      settings: app.wizamart.settings,
    });
    expect(content?.stats?.map((s) => [s.label, s.value, s.href])).toEqual([
      ['cms:widgets.pages.published', 1, base],
      ['cms:widgets.pages.drafts', 1, base],
    ]);
    const adminWidget = definition.widgets?.admin?.find((w) => w.id === 'default-pages');
    const adminContent = await adminWidget!.load({ db: app.wizamart.database.db, platform, principal: {} as never, vendorId: null, t: ((key: string) => key) as never, language: 'en', url: (path) => path, settings: app.wizamart.settings });
    expect(adminContent?.link?.href).toBe('/admin/content-pages');
  });
});
