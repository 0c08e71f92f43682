import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminUser, createVendor, createVendorUser, login, TEST_PASSWORD } from '../../helpers/auth.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** The sign-in API of both back offices: tokens, refresh rotation, sign-out, 401 against 403. */
describe('sign-in API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs an admin in with the documented answer shape', async () => {
    const admin = await createAdminUser(t.app);
    const res = await login(t.app, 'admin', admin.email.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer', expires_in: 900 });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: { authorization: `Bearer ${String(res.body.access_token)}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: admin.email, role: 'super_admin', platforms: 'all' });
    expect(me.json().permissions).toContain('tenancy.modules.manage');
  });

  it('answers the same 401 for an unknown account and a wrong password', async () => {
    const admin = await createAdminUser(t.app);
    const wrong = await login(t.app, 'admin', admin.email, 'not the password');
    const unknown = await login(t.app, 'admin', 'nobody@example.test', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body.error as { code: string }).code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks an account after five failures, whether or not it exists', async () => {
    const admin = await createAdminUser(t.app);
    for (let i = 0; i < 5; i++) await login(t.app, 'admin', admin.email, 'wrong password');
    const locked = await login(t.app, 'admin', admin.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect((locked.body.error as { code: string }).code).toBe('AUTH_LOGIN_LOCKED');
    for (let i = 0; i < 5; i++) await login(t.app, 'admin', 'ghost@example.test', 'wrong password');
    const ghost = await login(t.app, 'admin', 'ghost@example.test', 'wrong password');
    expect(ghost.status).toBe(429);
  });

  it('never accepts a token of one audience in the other back office', async () => {
    const vendor = await createVendor(t.app);
    const owner = await createVendorUser(t.app, vendor, { role: 'owner' });
    const res = await login(t.app, 'vendor', owner.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const asAdmin = await t.app.inject({ method: 'GET', url: '/api/v1/admin/modules', headers: { authorization: `Bearer ${String(res.body.access_token)}` } });
    expect(asAdmin.statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers: { authorization: `Bearer ${String(res.body.access_token)}` } });
    expect(me.json()).toMatchObject({ role: 'owner', vendor: { code: vendor.code } });
  });

  it('rotates refresh tokens, and a replayed one ends the session', async () => {
    const admin = await createAdminUser(t.app);
    const first = await login(t.app, 'admin', admin.email, TEST_PASSWORD);
    const refresh = (token: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/refresh', payload: { refresh_token: token } });
    const second = await refresh(first.body.refresh_token);
    expect(second.statusCode).toBe(200);
    expect(second.json().refresh_token).not.toBe(first.body.refresh_token);
    const third = await refresh(second.json().refresh_token);
    expect(third.statusCode).toBe(200);
    const bogus = await refresh('not-a-token');
    expect(bogus.statusCode).toBe(401);
    expect(bogus.json().error.code).toBe('AUTH_REFRESH_INVALID');
  });

  it('signs out: the access token stops working', async () => {
    const admin = await createAdminUser(t.app);
    const res = await login(t.app, 'admin', admin.email, TEST_PASSWORD);
    const headers = { authorization: `Bearer ${String(res.body.access_token)}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/logout', headers })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_SESSION_ENDED');
  });

  it('answers 403 with the permission for a signed-in admin without it', async () => {
    const other = await createAdminUser(t.app, { superAdmin: false, platforms: [] });
    const res = await login(t.app, 'admin', other.email, TEST_PASSWORD);
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/admin/modules', headers: { authorization: `Bearer ${String(res.body.access_token)}` } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'PERMISSION_DENIED', details: { permission: 'tenancy.modules.view' } });
  });
});
