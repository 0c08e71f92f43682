import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { createAdminUser, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { config } from '../config.ts';
import type { CmsMediaTables } from '../models/media.model.ts';
import { mediaExists, recordMediaUsage } from '../services/media-usage.service.ts';
import { multipart, png, zip } from './media-fixtures.ts';

interface Vendor {
  vendor: TestVendor;
  session: PageSession;
}

async function newVendor(app: App): Promise<Vendor> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role: 'owner' });
  return { vendor, session: await PageSession.signedIn(app, 'vendor', user.id, vendor.id) };
}

/** Posts the upload form as a browser does: multipart, with the page's CSRF token as a field. */
async function postUpload(app: App, v: Vendor, file: { filename: string; type: string; body: Buffer }, csrf?: string) {
  const page = await v.session.get(`/vendor/${v.vendor.code}/media`);
  const token = csrf ?? /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const form = multipart(file, { _csrf: token });
  const cookie = [...v.session.cookies].map(([k, val]) => `${k}=${val}`).join('; ');
  return app.inject({ method: 'POST', url: `/vendor/${v.vendor.code}/media`, headers: { ...form.headers, cookie, accept: 'text/html' }, payload: form.payload });
}

describe('media library pages', () => {
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

  const mediaOf = (vendorId: number) =>
    app.wizamart.database.db.withTables<CmsMediaTables>().selectFrom('cms_media').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute();

  it('shows an empty library with the upload form, then a grid with the uploaded thumbnail', async () => {
    const empty = await a.session.get(`/vendor/${a.vendor.code}/media`);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('data-testid="media-empty"');
    expect(empty.body).toContain('enctype="multipart/form-data"');
    expect(empty.body).toMatch(/<label class="label" for="media-file">/);

    const res = await postUpload(app, a, { filename: 'shop-front.png', type: 'image/png', body: await png(1000, 500) });
    expect(res.statusCode, res.body).toBe(303);
    const [media] = await mediaOf(a.vendor.id);
    expect(res.headers.location).toBe(`/vendor/${a.vendor.code}/media/${media!.id}?notice=created`);

    const list = await a.session.get(`/vendor/${a.vendor.code}/media`);
    expect(list.body).toContain('data-testid="media-grid"');
    expect(list.body).toContain(`src="/media/${media!.variants.thumb!.key}"`);
    expect(list.body).toContain('shop-front.png');
  });

  it('refuses an upload without the CSRF token and a disguised file with a translated error', async () => {
    const forged = await postUpload(app, a, { filename: 'x.png', type: 'image/png', body: await png(10, 10) }, 'forged');
    expect(forged.statusCode).toBe(403);

    await a.session.get(`/vendor/${a.vendor.code}/media?lang=de`);
    const res = await postUpload(app, a, { filename: 'urlaub.png', type: 'image/png', body: zip() });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('data-testid="form-error"');
    expect(res.body).toContain('zip');

    const huge = await postUpload(app, a, { filename: 'huge.png', type: 'image/png', body: Buffer.concat([await png(10, 10), Buffer.alloc(config.maxUploadMb * 1024 * 1024 + 1)]) });
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain(`${config.maxUploadMb} MB`);
  });

  it('saves alt texts per language, shows where a file is used and refuses to delete it then', async () => {
    const up = await postUpload(app, a, { filename: 'logo.png', type: 'image/png', body: await png(300, 300, '#000000') });
    const id = Number(/media\/(\d+)\?/.exec(up.headers.location as string)?.[1]);
    const detail = await a.session.get(`/vendor/${a.vendor.code}/media/${id}`);
    expect(detail.statusCode).toBe(200);
    for (const l of ['en', 'de', 'fr', 'lu']) expect(detail.body).toContain(`name="alt_${l}"`);

    const saved = await a.session.post(`/vendor/${a.vendor.code}/media/${id}`, { alt_en: 'Black logo', alt_de: 'Schwarzes Logo', alt_fr: '', alt_lu: 'Schwaarze Logo' });
    expect(saved.statusCode).toBe(303);
    const alts = await app.wizamart.database.db.withTables<CmsMediaTables>().selectFrom('cms_media_alt').select(['language', 'alt']).where('media_id', '=', id).orderBy('language').execute();
    expect(alts).toEqual([{ language: 'de', alt: 'Schwarzes Logo' }, { language: 'en', alt: 'Black logo' }, { language: 'lu', alt: 'Schwaarze Logo' }]);

    await recordMediaUsage(app.wizamart.database.db, { library: a.vendor.id, owner: `cms_theme:${a.vendor.id}`, mediaIds: [id] });
    const used = await a.session.get(`/vendor/${a.vendor.code}/media/${id}`);
    expect(used.body).toContain('data-testid="media-usages"');
    expect(used.body).toContain(`/vendor/${a.vendor.code}/themes`);
    const refused = await a.session.post(`/vendor/${a.vendor.code}/media/${id}/delete`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('data-testid="delete-error"');

    await recordMediaUsage(app.wizamart.database.db, { library: a.vendor.id, owner: `cms_theme:${a.vendor.id}`, mediaIds: [] });
    const deleted = await a.session.post(`/vendor/${a.vendor.code}/media/${id}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect((await mediaOf(a.vendor.id)).map((m) => m.id)).not.toContain(id);
  });

  it("gives vendor B 404 on vendor A's files and changes nothing", async () => {
    const [media] = await mediaOf(a.vendor.id);
    const get = await b.session.get(`/vendor/${b.vendor.code}/media/${media!.id}`);
    expect(get.statusCode).toBe(404);
    // B's own library page gives B's session its CSRF token.
    expect((await b.session.get(`/vendor/${b.vendor.code}/media`)).statusCode).toBe(200);
    const del = await b.session.post(`/vendor/${b.vendor.code}/media/${media!.id}/delete`);
    expect(del.statusCode).toBe(404);
    const alt = await b.session.post(`/vendor/${b.vendor.code}/media/${media!.id}`, { alt_en: 'hacked' });
    expect(alt.statusCode).toBe(404);
    expect((await mediaOf(a.vendor.id)).map((m) => m.id)).toContain(media!.id);
    // A's code in the URL with B's session is refused too.
    expect((await b.session.get(`/vendor/${a.vendor.code}/media`)).statusCode).toBe(403);
  });

  it("lets admins keep the platform's own files at /admin/media, apart from every vendor's", async () => {
    const admin = await createAdminUser(app);
    const session = await PageSession.signedIn(app, 'admin', admin.id);
    const page = await session.get('/admin/media');
    expect(page.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const form = multipart({ filename: 'platform-banner.png', type: 'image/png', body: await png(400, 100, '#0d9488') }, { _csrf: token });
    const cookie = [...session.cookies].map(([k, val]) => `${k}=${val}`).join('; ');
    const res = await app.inject({ method: 'POST', url: '/admin/media', headers: { ...form.headers, cookie, accept: 'text/html' }, payload: form.payload });
    expect(res.statusCode, res.body).toBe(303);
    const id = Number(/media\/(\d+)\?/.exec(res.headers.location as string)?.[1]);
    const row = await app.wizamart.database.db.withTables<CmsMediaTables>().selectFrom('cms_media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ vendor_id: null, filename: 'platform-banner.png' });
    expect(row.platform_id).not.toBeNull();
    expect(row.storage_key).toMatch(new RegExp(`^media/p${row.platform_id}/`));
    expect((await session.get(`/admin/media/${id}`)).statusCode).toBe(200);
    // Not a vendor's file.
    expect((await a.session.get(`/vendor/${a.vendor.code}/media/${id}`)).statusCode).toBe(404);
    // And a vendor's file is not the platform's.
    const [vendorFile] = await mediaOf(a.vendor.id);
    expect((await session.get(`/admin/media/${vendorFile!.id}`)).statusCode).toBe(404);
    // A platform's files are its own: another platform's pages cannot use them.
    const db = app.wizamart.database.db;
    expect(await mediaExists(db, { platformId: row.platform_id! }, id)).toBe(true);
    expect(await mediaExists(db, { platformId: row.platform_id! + 1000 }, id)).toBe(false);
    expect(await mediaExists(db, a.vendor.id, id)).toBe(false);
  });
});
