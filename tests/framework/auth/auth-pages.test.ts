import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCookie, refreshCookie } from '../../../src/middleware/auth.ts';
import { createAdminUser, createVendor, createVendorUser, login, TEST_PASSWORD } from '../../helpers/auth.ts';
import { PageSession } from '../../helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** Sign-in pages of the back offices: cookies, CSRF, redirects, sign-out and password reset by mail. */
describe('sign-in pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends a signed-out visitor to the sign-in page and back afterwards', async () => {
    const admin = await createAdminUser(t.app);
    const s = new PageSession(t.app);
    const page = await s.get('/admin/dev-tools/icons?x=1');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2Fdev-tools%2Ficons%3Fx%3D1');
    const form = await s.get(String(page.headers.location));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    const signedIn = await s.post('/admin/login', { email: admin.email, password: TEST_PASSWORD, next: '/admin/dev-tools/icons?x=1' });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/admin/dev-tools/icons?x=1');
    const cookie = signedIn.cookies.find((c) => c.name === accessCookie('admin'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const icons = await s.get('/admin/dev-tools/icons');
    expect(icons.statusCode).toBe(200);
    expect(icons.body).toContain('data-testid="sign-out"');
  });

  it('makes the account’s language the page language after signing in', async () => {
    const admin = await createAdminUser(t.app);
    await t.app.wizamart.database.db.updateTable('admin_users' as never).set({ language: 'fr' } as never).where('id' as never, '=', admin.id as never).execute();
    const s = new PageSession(t.app);
    const signedIn = await s.post('/admin/login', { email: admin.email, password: TEST_PASSWORD });
    expect(signedIn.cookies.find((c) => c.name === 'lang')).toMatchObject({ value: 'fr', path: '/', httpOnly: true });
    const dashboard = await s.get('/admin/dashboard');
    expect(dashboard.body).toContain('<html lang="fr"');
  });

  it('never follows a `next` to another site', async () => {
    const admin = await createAdminUser(t.app);
    const s = new PageSession(t.app);
    await s.get('/admin/login');
    const res = await s.post('/admin/login', { email: admin.email, password: TEST_PASSWORD, next: '//evil.example.com/x' });
    expect(res.headers.location).toBe('/admin/dashboard');
  });

  it('refuses a form post without the CSRF token', async () => {
    const admin = await createAdminUser(t.app);
    const s = new PageSession(t.app);
    await s.get('/admin/login');
    const res = await s.post('/admin/login', { email: admin.email, password: TEST_PASSWORD, _csrf: 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('The form has expired');
  });

  it('shows one message for a wrong password and an unknown account', async () => {
    const admin = await createAdminUser(t.app);
    const s = new PageSession(t.app);
    await s.get('/admin/login');
    const wrong = await s.post('/admin/login', { email: admin.email, password: 'wrong wrong wrong' });
    const unknown = await s.post('/admin/login', { email: 'nobody@example.test', password: 'wrong wrong wrong' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = (body: string) => /data-testid="form-error">[\s\S]*?<p class="alert__text">([^<]*)</.exec(body)?.[1];
    expect(message(wrong.body)).toBe('The e-mail address or password is incorrect.');
    expect(message(unknown.body)).toBe(message(wrong.body));
  });

  it('refreshes an expired access cookie with the refresh cookie on the next page', async () => {
    const admin = await createAdminUser(t.app);
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    s.cookies.delete(accessCookie('admin'));
    const before = s.cookies.get(refreshCookie('admin'));
    const page = await s.get('/admin/dev-tools/icons');
    expect(page.statusCode).toBe(200);
    expect(s.cookies.get(accessCookie('admin'))).toBeTruthy();
    expect(s.cookies.get(refreshCookie('admin'))).not.toBe(before);
  });

  it('signs out: the cookies are gone and the session is over', async () => {
    const admin = await createAdminUser(t.app);
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const oldAccess = s.cookies.get(accessCookie('admin'))!;
    await s.get('/admin/dev-tools/icons');
    const out = await s.post('/admin/logout');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/login?notice=signed_out');
    expect(s.cookies.has(accessCookie('admin'))).toBe(false);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: { authorization: `Bearer ${oldAccess}` } });
    expect(again.statusCode).toBe(401);
  });

  it('resets a forgotten password through the mail in the outbox', async () => {
    const admin = await createAdminUser(t.app);
    const s = new PageSession(t.app);
    await s.get('/admin/forgot-password');
    const sent = await s.post('/admin/forgot-password', { email: admin.email });
    expect(sent.body).toContain('data-testid="reset-sent"');
    const ghost = await s.post('/admin/forgot-password', { email: 'ghost@example.test' });
    expect(ghost.body).toContain('data-testid="reset-sent"');
    const { entries } = await t.app.wizamart.mailer.list({ limit: 10, offset: 0, to: admin.email });
    expect(entries).toHaveLength(1);
    expect((await t.app.wizamart.mailer.list({ limit: 10, offset: 0, to: 'ghost@example.test' })).total).toBe(0);
    const link = /http:\/\/[^\s]+\/admin\/reset-password\?token=([\w-]+)/.exec(entries[0]!.text_body);
    expect(link).not.toBeNull();
    const form = await s.get(`/admin/reset-password?token=${link![1]}`);
    expect(form.statusCode).toBe(200);
    const weak = await s.post('/admin/reset-password', { token: link![1]!, password: 'short', password_confirm: 'short' });
    expect(weak.statusCode).toBe(400);
    const done = await s.post('/admin/reset-password', { token: link![1]!, password: 'a brand new password', password_confirm: 'a brand new password' });
    expect(done.statusCode).toBe(303);
    expect((await login(t.app, 'admin', admin.email, 'a brand new password')).status).toBe(200);
    expect((await login(t.app, 'admin', admin.email, TEST_PASSWORD)).status).toBe(401);
    // The link works once.
    const reused = await s.get(`/admin/reset-password?token=${link![1]}`);
    expect(reused.statusCode).toBe(400);
  });

  it('lets a vendor owner sign in to their shop and keeps them out of another', async () => {
    const mine = await createVendor(t.app);
    const theirs = await createVendor(t.app);
    const owner = await createVendorUser(t.app, mine, { role: 'owner' });
    const s = new PageSession(t.app);
    await s.get('/vendor/login');
    const res = await s.post('/vendor/login', { email: owner.email, password: TEST_PASSWORD });
    expect(res.headers.location).toBe(`/vendor/${mine.code}/dashboard`);
    const other = await s.get(`/vendor/${theirs.code}/team`);
    expect(other.statusCode).toBe(403);
  });

  it('asks which shop when the account belongs to several', async () => {
    const a = await createVendor(t.app, { name: 'Alpha' });
    const b = await createVendor(t.app, { name: 'Beta' });
    const user = await createVendorUser(t.app, a, { role: 'owner' });
    await createVendorUser(t.app, b, { email: user.email, role: 'staff' });
    const s = new PageSession(t.app);
    await s.get('/vendor/login');
    const choose = await s.post('/vendor/login', { email: user.email, password: TEST_PASSWORD });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain(`value="${b.code}"`);
    const res = await s.post('/vendor/login', { email: user.email, password: TEST_PASSWORD, vendor_code: b.code });
    expect(res.headers.location).toBe(`/vendor/${b.code}/dashboard`);
  });
});
