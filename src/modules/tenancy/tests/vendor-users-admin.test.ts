import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenancyTables } from '../models/tenancy.model.ts';
import {
  bearerHeaders,
  createAdminUser,
  createVendor,
  createVendorUser,
  login,
  TEST_PASSWORD,
  type TestUser,
  type TestVendor,
} from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

const API = '/api/v1/admin/tenancy';

/**
 * Two platforms. `wizamart` has the vendor north, `other` the vendor south.
 * Alice is on north's team, Bob on south's, Carol on both. Wanda
 * administers wizamart only; Sam is a super admin.
 */
describe('vendor users in the admin back office', () => {
  let t: TestApp;
  let north: TestVendor;
  let south: TestVendor;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let wanda: Record<string, string>;
  let sam: Record<string, string>;
  let wandaId: number;

  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', other: 'all' } });
    north = await createVendor(t.app, { platform: 'wizamart', code: 'north', name: 'North Shop' });
    south = await createVendor(t.app, { platform: 'other', code: 'south', name: 'South Shop' });
    alice = await createVendorUser(t.app, north, { role: 'owner', name: 'Alice Adams', email: 'alice@example.test' });
    bob = await createVendorUser(t.app, south, { role: 'owner', name: 'Bob Brown', email: 'bob@example.test' });
    carol = await createVendorUser(t.app, north, { role: 'staff', name: 'Carol Clark', email: 'carol@example.test' });
    await createVendorUser(t.app, south, { role: 'manager', email: carol.email });
    wandaId = (await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] })).id;
    wanda = await bearerHeaders(t.app, 'admin', wandaId);
    sam = await bearerHeaders(t.app, 'admin', (await createAdminUser(t.app, { superAdmin: true })).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `${API}${url}`, headers });
  const post = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `${API}${url}`, headers });

  it('shows a platform admin only the people on teams of their platforms, and only those teams', async () => {
    const res = await get('/vendor-users', wanda);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.users.map((u: { email: string }) => u.email)).toEqual(['alice@example.test', 'carol@example.test']);
    const carolsTeams = body.users[1].memberships.map((m: { vendor: { code: string }; role: string }) => `${m.vendor.code}:${m.role}`);
    expect(carolsTeams).toEqual(['north:staff']);
  });

  it('shows a super admin everyone, filtered by vendor, platform and search', async () => {
    const all = await get('/vendor-users', sam);
    expect(all.json().users.map((u: { email: string }) => u.email)).toEqual(['alice@example.test', 'bob@example.test', 'carol@example.test']);
    const carol = all.json().users[2];
    expect(carol.memberships.map((m: { vendor: { code: string }; platform: { code: string } }) => `${m.vendor.code}@${m.platform.code}`)).toEqual(['north@wizamart', 'south@other']);
    expect((await get('/vendor-users?vendor=south', sam)).json().users.map((u: { name: string }) => u.name)).toEqual(['Bob Brown', 'Carol Clark']);
    expect((await get('/vendor-users?platform=wizamart', sam)).json().total).toBe(2);
    expect((await get('/vendor-users?q=BROWN', sam)).json().users.map((u: { name: string }) => u.name)).toEqual(['Bob Brown']);
    // The vendor filter does not widen a platform admin's view.
    expect((await get('/vendor-users?vendor=south', wanda)).json().total).toBe(0);
    const foreign = await get('/vendor-users?platform=other', wanda);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('AUTH_WRONG_PLATFORM');
  });

  it('answers 404 to a platform admin guessing the id of someone outside their platforms, as for an unknown id', async () => {
    for (const id of [bob.id, 999_999]) {
      for (const res of [await get(`/vendor-users/${id}`, wanda), await post(`/vendor-users/${id}/disable`, wanda), await post(`/vendor-users/${id}/password-reset`, wanda)]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('TENANCY_USER_NOT_FOUND');
      }
    }
    const db = t.app.wizamart.database.db.withTables<TenancyTables>();
    expect((await db.selectFrom('vendor_users').select('status').where('id', '=', bob.id).executeTakeFirstOrThrow()).status).toBe('active');
    expect(await db.selectFrom('mail_outbox').select('id').where('to_address', '=', bob.email).execute()).toHaveLength(0);
    expect((await get(`/vendor-users/${bob.id}`, sam)).statusCode).toBe(200);
  });

  it('leaves someone who also works on another platform to a super admin', async () => {
    const res = await post(`/vendor-users/${carol.id}/disable`, wanda);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('TENANCY_VENDOR_USER_OTHER_PLATFORMS');
    const detail = await get(`/vendor-users/${carol.id}`, wanda);
    expect(detail.json()).toMatchObject({ status: 'active', on_other_platforms: true, memberships: [{ vendor: { code: 'north' } }] });
    expect(detail.json().memberships).toHaveLength(1);
    expect((await get(`/vendor-users/${alice.id}`, wanda)).json().on_other_platforms).toBe(false);
    // A super admin reaches every platform, so may.
    const bySuperAdmin = await post(`/vendor-users/${carol.id}/disable`, sam);
    expect(bySuperAdmin.json()).toMatchObject({ status: 'disabled', on_other_platforms: false });
    await post(`/vendor-users/${carol.id}/enable`, sam);
  });

  it('disabling a vendor user ends their sessions and refuses their sign-in until enabled', async () => {
    const staff = await createVendorUser(t.app, north, { role: 'manager', name: 'Dora Disabled' });
    const theirs = await bearerHeaders(t.app, 'vendor', staff.id, north.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers: theirs })).statusCode).toBe(200);

    const disabled = await post(`/vendor-users/${staff.id}/disable`, wanda);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers: theirs })).statusCode).toBe(401);
    expect((await login(t.app, 'vendor', staff.email, TEST_PASSWORD)).status).toBe(401);
    const reset = await post(`/vendor-users/${staff.id}/password-reset`, wanda);
    expect(reset.statusCode).toBe(409);
    expect(reset.json().error.code).toBe('TENANCY_USER_DISABLED');

    expect((await post(`/vendor-users/${staff.id}/enable`, wanda)).json().status).toBe('active');
    expect((await login(t.app, 'vendor', staff.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('mails a vendor user a password reset link that works', async () => {
    const res = await post(`/vendor-users/${alice.id}/password-reset`, wanda);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sent_to: alice.email });
    const mail = await t.app.wizamart.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', alice.email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const token = decodeURIComponent(/\/vendor\/reset-password\?token=(\S+)/.exec(mail.text_body)?.[1] ?? '');
    const confirm = await t.app.inject({ method: 'POST', url: '/api/v1/vendor/auth/password-reset/confirm', payload: { token, password: 'alice has a new one' } });
    expect(confirm.statusCode).toBe(204);
    expect((await login(t.app, 'vendor', alice.email, 'alice has a new one')).status).toBe(200);
  });

  it('keeps vendor users to admins holding the vendors permissions of the platform', async () => {
    const elsewhere = await createAdminUser(t.app, { superAdmin: false, platforms: ['other'] });
    // Wizamart is not theirs, so on its host they hold nothing.
    const res = await get('/vendor-users', await bearerHeaders(t.app, 'admin', elsewhere.id));
    expect(res.statusCode).toBe(403);
  });

  describe('pages', () => {
    it('list and detail render with teams and roles, and someone out of reach is a 404 page', async () => {
      const s = await PageSession.signedIn(t.app, 'admin', wandaId);
      const list = await s.get('/admin/vendor-users');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Alice Adams');
      expect(list.body).toContain('North Shop');
      expect(list.body).toContain('Owner');
      expect(list.body).not.toContain('Bob Brown');
      expect(list.body).not.toContain('South Shop');

      const searched = await s.get('/admin/vendor-users?q=nobody-matches-this');
      expect(searched.statusCode).toBe(200);
      expect(searched.body).toContain('Nobody matches');

      const detail = await s.get(`/admin/vendor-users/${carol.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain('data-testid="memberships"');
      expect(detail.body).toContain('Staff');
      expect(detail.body).not.toContain('South Shop');
      expect(detail.body).toContain('data-testid="other-platforms"');
      expect(detail.body).not.toContain(`/admin/vendor-users/${carol.id}/disable`);

      expect((await s.get(`/admin/vendor-users/${bob.id}`)).statusCode).toBe(404);
    });

    it('a disable form post redirects with a notice, and the reset form says where the link went', async () => {
      const staff = await createVendorUser(t.app, north, { role: 'staff', name: 'Paul Page' });
      const s = await PageSession.signedIn(t.app, 'admin', wandaId);
      await s.get(`/admin/vendor-users/${staff.id}`);

      const disabled = await s.post(`/admin/vendor-users/${staff.id}/disable`);
      expect(disabled.statusCode).toBe(303);
      expect(disabled.headers.location).toBe(`/admin/vendor-users/${staff.id}?notice=saved`);
      const after = await s.get(String(disabled.headers.location));
      expect(after.body).toContain('data-testid="notice"');
      expect(after.body).toContain(`/admin/vendor-users/${staff.id}/enable`);

      const refused = await s.post(`/admin/vendor-users/${staff.id}/password-reset`);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('data-testid="form-error"');

      await s.post(`/admin/vendor-users/${staff.id}/enable`);
      const sent = await s.post(`/admin/vendor-users/${staff.id}/password-reset`);
      expect(sent.statusCode).toBe(303);
      const page = await s.get(String(sent.headers.location));
      expect(page.body).toContain('data-testid="reset-sent"');
      expect(page.body).toContain(staff.email);
    });

    it('refuses a form post without the CSRF token', async () => {
      const s = await PageSession.signedIn(t.app, 'admin', wandaId);
      await s.get(`/admin/vendor-users/${alice.id}`);
      const res = await s.post(`/admin/vendor-users/${alice.id}/disable`, { _csrf: 'forged' });
      expect(res.statusCode).toBe(403);
      const db = t.app.wizamart.database.db.withTables<TenancyTables>();
      expect((await db.selectFrom('vendor_users').select('status').where('id', '=', alice.id).executeTakeFirstOrThrow()).status).toBe('active');
    });
  });
});
