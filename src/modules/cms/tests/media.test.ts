import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { config } from '../config.ts';
import type { CmsMediaTables } from '../models/media.model.ts';
import { mediaExists, recordMediaUsage } from '../services/media-usage.service.ts';
import { loadMediaForDisplay } from '../services/media-display.service.ts';
import { giantPngHeader, multipart, PDF, png, sidewaysJpeg, SVG, zip } from './media-fixtures.ts';

const API = '/api/v1/vendor/cms/media';

interface MediaJson {
  id: number;
  kind: string;
  filename: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  variants: Record<string, { url: string; width: number; height: number }>;
  alt: Record<string, string>;
  usages: string[];
}

interface Owner {
  vendor: TestVendor;
  headers: Record<string, string>;
}

async function newOwner(app: App): Promise<Owner> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role: 'owner' });
  return { vendor, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

async function upload(app: App, owner: Owner, file: { filename: string; type: string; body: Buffer }) {
  const form = multipart(file);
  return app.inject({ method: 'POST', url: API, headers: { ...owner.headers, ...form.headers }, payload: form.payload });
}

async function uploaded(app: App, owner: Owner, file: { filename: string; type: string; body: Buffer }): Promise<MediaJson> {
  const res = await upload(app, owner, file);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MediaJson>();
}

function errorOf(res: { json: () => unknown }) {
  return (res.json() as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
}

describe('media library', () => {
  let t: TestApp;
  let app: App;
  let a: Owner;
  let b: Owner;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    a = await newOwner(app);
    b = await newOwner(app);
  });
  afterAll(async () => t?.close());

  const db = () => app.wizamart.database.db.withTables<CmsMediaTables>();

  it('stores an uploaded PNG with WebP variants of 200, 800 and 1600 px, never enlarged, and serves them at /media', async () => {
    const media = await uploaded(app, a, { filename: 'Été Shop (1).PNG', type: 'image/png', body: await png(2400, 1200) });
    expect(media).toMatchObject({ kind: 'image', filename: 'Été Shop (1).PNG', content_type: 'image/png', width: 2400, height: 1200 });
    expect(media.url).toMatch(new RegExp(`^/media/media/v${a.vendor.id}/[0-9a-f]{16}/ete-shop-1\\.png$`));
    expect(media.variants.thumb).toMatchObject({ width: 200, height: 100 });
    expect(media.variants.medium).toMatchObject({ width: 800, height: 400 });
    expect(media.variants.large).toMatchObject({ width: 1600, height: 800 });

    const file = await app.inject({ method: 'GET', url: media.variants.thumb!.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/webp');
    expect(file.headers['cache-control']).toContain('immutable');
    expect((await sharp(file.rawPayload).metadata()).width).toBe(200);

    const small = await uploaded(app, a, { filename: 'tiny.png', type: 'image/png', body: await png(120, 90, '#27ae60') });
    expect(small.variants.thumb).toMatchObject({ width: 120, height: 90 });
    expect(small.variants.large).toMatchObject({ width: 120, height: 90 });
  });

  it('applies the EXIF rotation and strips the metadata of the original and the variants', async () => {
    const media = await uploaded(app, a, { filename: 'photo.jpg', type: 'image/jpeg', body: await sidewaysJpeg(400, 200) });
    // Stored sideways 400×200 with "rotate 90°": upright it is 200×400.
    expect(media).toMatchObject({ width: 200, height: 400 });
    expect(media.variants.thumb).toMatchObject({ width: 100, height: 200 });
    for (const url of [media.url, media.variants.medium!.url]) {
      const body = (await app.inject({ method: 'GET', url })).rawPayload;
      const meta = await sharp(body).metadata();
      expect(meta.exif, url).toBeUndefined();
      expect(meta.orientation ?? 1, url).toBe(1);
      expect(body.includes(Buffer.from('secret-gps-tool'))).toBe(false);
    }
  });

  it('accepts a PDF, without variants', async () => {
    const media = await uploaded(app, a, { filename: 'menu.pdf', type: 'application/pdf', body: PDF });
    expect(media).toMatchObject({ kind: 'pdf', content_type: 'application/pdf', width: null, height: null, variants: {} });
    const file = await app.inject({ method: 'GET', url: media.url });
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('checks the type by content: a ZIP named .png is 415, and so is an SVG', async () => {
    const fake = await upload(app, a, { filename: 'holiday.png', type: 'image/png', body: zip() });
    expect(fake.statusCode).toBe(415);
    expect(errorOf(fake)).toMatchObject({ code: 'CMS_MEDIA_TYPE_NOT_ALLOWED' });
    expect(errorOf(fake).message).toContain('zip');

    const svg = await upload(app, a, { filename: 'logo.svg', type: 'image/svg+xml', body: SVG });
    expect(svg.statusCode).toBe(415);
    expect(errorOf(svg)).toMatchObject({ code: 'CMS_MEDIA_TYPE_NOT_ALLOWED' });
    const count = await db().selectFrom('cms_media').select((eb) => eb.fn.countAll<string>().as('n')).where('filename', 'in', ['holiday.png', 'logo.svg']).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a file over the size limit with 413 and the limit in the message', async () => {
    const body = Buffer.concat([await png(10, 10), Buffer.alloc(config.maxUploadMb * 1024 * 1024 + 10, 7)]);
    const res = await upload(app, a, { filename: 'huge.png', type: 'image/png', body });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('CMS_MEDIA_TOO_LARGE');
    expect(errorOf(res).message).toContain(`${config.maxUploadMb} MB`);
  });

  it('refuses an image whose header claims a giant canvas before decoding it', async () => {
    const res = await upload(app, a, { filename: 'bomb.png', type: 'image/png', body: giantPngHeader(12_000, 12_000) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'CMS_MEDIA_IMAGE_TOO_BIG' });
    const broken = await upload(app, a, { filename: 'broken.png', type: 'image/png', body: (await png(20, 20)).subarray(0, 40) });
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).code).toBe('CMS_MEDIA_IMAGE_UNREADABLE');
  });

  it('answers 400 CMS_MEDIA_FILE_MISSING without a multipart file', async () => {
    const res = await app.inject({ method: 'POST', url: API, headers: a.headers, payload: { file: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('CMS_MEDIA_FILE_MISSING');
  });

  it('keeps alt texts per language, and removes one set to ""', async () => {
    const media = await uploaded(app, a, { filename: 'alt.png', type: 'image/png', body: await png(50, 50, '#8e44ad') });
    let res = await app.inject({ method: 'PATCH', url: `${API}/${media.id}`, headers: a.headers, payload: { alt: { en: ' A purple square ', de: 'E violett Quadrat', lu: 'E mof Quadrat' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MediaJson>().alt).toEqual({ en: 'A purple square', de: 'E violett Quadrat', lu: 'E mof Quadrat' });
    res = await app.inject({ method: 'PATCH', url: `${API}/${media.id}`, headers: a.headers, payload: { alt: { de: '', fr: 'Un carré violet' } } });
    expect(res.json<MediaJson>().alt).toEqual({ en: 'A purple square', fr: 'Un carré violet', lu: 'E mof Quadrat' });
    res = await app.inject({ method: 'PATCH', url: `${API}/${media.id}`, headers: a.headers, payload: { alt: { en: 'x'.repeat(301) } } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('CMS_MEDIA_ALT_TOO_LONG');

    const display = await loadMediaForDisplay(app.wizamart.database.db, a.vendor.id, [media.id], 'de');
    // No German text any more: English is the fallback.
    expect(display.get(media.id)).toMatchObject({ alt: 'A purple square', width: 50 });
    expect(display.get(media.id)?.srcset).toContain(' 50w');
  });

  it('refuses to delete a file in use (409 naming the users), and deletes it and its objects once unused', async () => {
    const media = await uploaded(app, a, { filename: 'hero.png', type: 'image/png', body: await png(900, 300, '#f39c12') });
    await recordMediaUsage(app.wizamart.database.db, { library: a.vendor.id, owner: 'cms_page:12', mediaIds: [media.id, media.id] });
    await recordMediaUsage(app.wizamart.database.db, { library: a.vendor.id, owner: `cms_theme:${a.vendor.id}`, mediaIds: [media.id] });
    let res = await app.inject({ method: 'DELETE', url: `${API}/${media.id}`, headers: a.headers });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CMS_MEDIA_IN_USE');
    expect(errorOf(res).message).toContain('cms_page:12');
    expect((await app.inject({ method: 'GET', url: `${API}/${media.id}`, headers: a.headers })).json<MediaJson>().usages).toEqual(['cms_page:12', `cms_theme:${a.vendor.id}`]);

    // Replacing a page's usages: the page no longer shows the file.
    await recordMediaUsage(app.wizamart.database.db, { library: a.vendor.id, owner: 'cms_page:12', mediaIds: [] });
    await recordMediaUsage(app.wizamart.database.db, { library: a.vendor.id, owner: `cms_theme:${a.vendor.id}`, mediaIds: [] });
    res = await app.inject({ method: 'DELETE', url: `${API}/${media.id}`, headers: a.headers });
    expect(res.statusCode, res.body).toBe(204);
    expect(await mediaExists(app.wizamart.database.db, a.vendor.id, media.id)).toBe(false);
    expect((await app.inject({ method: 'GET', url: media.url })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: media.variants.thumb!.url })).statusCode).toBe(404);
  });

  it('keeps the stored objects while another record shares them (the same upload twice)', async () => {
    const body = await png(64, 64, '#16a085');
    const first = await uploaded(app, a, { filename: 'twice.png', type: 'image/png', body });
    const second = await uploaded(app, a, { filename: 'twice.png', type: 'image/png', body });
    expect(second.url).toBe(first.url);
    expect((await app.inject({ method: 'DELETE', url: `${API}/${first.id}`, headers: a.headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: second.url })).statusCode).toBe(200);
  });

  it("keeps vendors apart: B gets 404 for A's file and changes nothing; usages only take the vendor's own files", async () => {
    const media = await uploaded(app, a, { filename: 'private.png', type: 'image/png', body: await png(30, 30, '#2c3e50') });
    for (const [method, payload] of [['GET', undefined], ['PATCH', { alt: { en: 'hacked' } }], ['DELETE', undefined]] as const) {
      const res = await app.inject({ method, url: `${API}/${media.id}`, headers: b.headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, method).toBe(404);
      expect(errorOf(res).code).toBe('CMS_MEDIA_NOT_FOUND');
    }
    const list = await app.inject({ method: 'GET', url: API, headers: b.headers });
    expect(list.json<{ items: MediaJson[] }>().items.map((m) => m.id)).not.toContain(media.id);
    const still = await app.inject({ method: 'GET', url: `${API}/${media.id}`, headers: a.headers });
    expect(still.json<MediaJson>().alt).toEqual({});
    expect(await mediaExists(app.wizamart.database.db, b.vendor.id, media.id)).toBe(false);
    await expect(recordMediaUsage(app.wizamart.database.db, { library: b.vendor.id, owner: 'cms_page:99', mediaIds: [media.id] })).rejects.toMatchObject({ code: 'CMS_MEDIA_NOT_FOUND' });
    const usages = await db().selectFrom('cms_media_usage').selectAll().where('owner', '=', 'cms_page:99').execute();
    expect(usages).toEqual([]);
  });

  it('lists newest first, a page at a time, filtered by kind', async () => {
    const owner = await newOwner(app);
    for (const color of ['#111111', '#222222', '#333333']) await uploaded(app, owner, { filename: `${color.slice(1)}.png`, type: 'image/png', body: await png(20, 20, color) });
    await uploaded(app, owner, { filename: 'doc.pdf', type: 'application/pdf', body: PDF });
    const page1 = (await app.inject({ method: 'GET', url: `${API}?per_page=2`, headers: owner.headers })).json<{ items: MediaJson[]; total: number }>();
    expect(page1.total).toBe(4);
    expect(page1.items.map((m) => m.filename)).toEqual(['doc.pdf', '333333.png']);
    const images = (await app.inject({ method: 'GET', url: `${API}?kind=image&page=2&per_page=2`, headers: owner.headers })).json<{ items: MediaJson[]; total: number }>();
    expect(images.total).toBe(3);
    expect(images.items.map((m) => m.filename)).toEqual(['111111.png']);
  });

  it('needs cms.media.manage', async () => {
    const user = await createVendorUser(app, a.vendor, { role: 'staff' });
    const headers = await bearerHeaders(app, 'vendor', user.id, a.vendor.id);
    const res = await app.inject({ method: 'GET', url: API, headers });
    expect(res.statusCode).toBe(403);
  });
});
