import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANCY_CHANGED_CHANNEL } from '../../../src/core/tenants.ts';
import type { TenancyTables } from '../../../src/modules/tenancy/models/tenancy.model.ts';
import { createVendor } from '../../helpers/auth.ts';
import { createTestApp, seedPlatform, type TestApp } from '../../helpers/test-app.ts';

/**
 * Which tenant a request is for: a vendor's custom domain, a vendor
 * subdomain of a platform domain, a platform domain, localhost, the
 * development prefixes and header; an unknown host is a 404 page.
 */
describe('platform context', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', moselle: [] } });
    const db = t.app.wizamart.database.db.withTables<TenancyTables>();
    const ids = await db.selectFrom('platforms').select(['id', 'code']).execute();
    const id = (code: string) => ids.find((p) => p.code === code)!.id;
    await db.insertInto('platform_domains').values([
      { domain: 'wizamart.lu', platform_id: id('wizamart'), is_primary: true },
      { domain: 'moselle.shop', platform_id: id('moselle'), is_primary: true },
    ]).execute();
    await createVendor(t.app, { platform: 'wizamart', code: 'luxe', subdomain: 'luxe', customDomain: 'www.luxe.lu' });
    await createVendor(t.app, { platform: 'moselle', code: 'vigne', subdomain: 'luxe' });
  });
  afterAll(async () => {
    await t?.close();
  });

  // A route of the framework that tells which tenant it saw: the health check
  // answers anywhere, so tests read the resolution through a tiny probe route.
  const probe = async (headers: Record<string, string>, url = '/api/v1/admin/auth/login') => {
    const res = await t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: { email: 'x@example.test', password: 'y' } });
    return res;
  };

  it('resolves a vendor custom domain, a vendor subdomain and a platform domain', async () => {
    const resolve = t.app.wizamart.tenants!;
    const db = t.app.wizamart.database.db;
    expect(await resolve.resolveHost({ db, host: 'www.luxe.lu' })).toMatchObject({ platform: { code: 'wizamart' }, vendor: { code: 'luxe' } });
    expect(await resolve.resolveHost({ db, host: 'luxe.wizamart.lu' })).toMatchObject({ platform: { code: 'wizamart' }, vendor: { code: 'luxe' } });
    // The same subdomain on another platform's domain is that platform's vendor.
    expect(await resolve.resolveHost({ db, host: 'luxe.moselle.shop' })).toMatchObject({ platform: { code: 'moselle' }, vendor: { code: 'vigne' } });
    expect(await resolve.resolveHost({ db, host: 'moselle.shop' })).toMatchObject({ platform: { code: 'moselle' } });
  });

  it('serves each host its own platform: a moselle host cannot reach wizamart-only modules', async () => {
    // dev-tools is enabled on wizamart and not on moselle.
    const onWizamart = await t.app.inject({ method: 'GET', url: '/admin/dev-tools/components', headers: { host: 'wizamart.lu', accept: 'text/html' } });
    expect(onWizamart.statusCode).toBe(303); // exists there: asks to sign in
    const onMoselle = await t.app.inject({ method: 'GET', url: '/admin/dev-tools/components', headers: { host: 'moselle.shop', accept: 'text/html' } });
    expect(onMoselle.statusCode).toBe(404);
    expect(onMoselle.body).toContain('dev-tools');
  });

  it('answers an unknown host with a 404 page, never another tenant', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/login', headers: { host: 'evil.example.com', accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('evil.example.com');
    expect(res.body).not.toContain('Wizamart Luxembourg');
    const api = await probe({ host: 'nobody.wizamart.lu' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('UNKNOWN_HOST');
  });

  it('still answers health checks on any host (load balancers use the IP)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { host: '10.0.0.7:3000' } });
    expect(res.statusCode).toBe(200);
  });

  it('takes the platform from a development path prefix, and keeps it in links', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/_platform/moselle/admin/login', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('action="/_platform/moselle/admin/login"');
    expect(res.body).toContain(' · moselle');
    const vendor = await t.app.inject({ method: 'GET', url: '/_vendor/vigne/admin/login', headers: { accept: 'text/html' } });
    expect(vendor.body).toContain('action="/_vendor/vigne/admin/login"');
    const unknown = await t.app.inject({ method: 'GET', url: '/_platform/nope/admin/login', headers: { accept: 'text/html' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('takes the platform from X-Wizamart-Platform outside production, and refuses an unknown one', async () => {
    const known = await t.app.inject({ method: 'GET', url: '/admin/login', headers: { 'x-wizamart-platform': 'moselle', accept: 'text/html' } });
    expect(known.body).toContain(' · moselle');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/admin/modules', headers: { 'x-wizamart-platform': 'atlantis' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PLATFORM_NOT_FOUND');
  });

  it('notices a new domain at once (the cache is dropped on a tenancy change)', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/health/ready', headers: { host: 'new.example.org' } });
    expect(before.statusCode).not.toBe(404);
    const page = async () => (await t.app.inject({ method: 'GET', url: '/admin/login', headers: { host: 'new.example.org', accept: 'text/html' } })).statusCode;
    expect(await page()).toBe(404);
    await seedPlatform(t.app, 'north', []);
    const db = t.app.wizamart.database.db.withTables<TenancyTables>();
    const north = await db.selectFrom('platforms').select('id').where('code', '=', 'north').executeTakeFirstOrThrow();
    await db.insertInto('platform_domains').values({ domain: 'new.example.org', platform_id: north.id, is_primary: true }).execute();
    await t.app.wizamart.database.notifier.notify(TENANCY_CHANGED_CHANNEL, 'test');
    await expect.poll(page, { timeout: 5000 }).toBe(200);
  });
});
