import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerHeaders, createAdminUser, createVendor, createVendorUser, login, TEST_PASSWORD } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** The profile pages: name and language, password change, and the user's own sessions. */
describe('profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function userRow(table: 'admin_users' | 'vendor_users', id: number): Promise<{ name: string; language: string }> {
    const { rows } = await sql<{ name: string; language: string }>`select name, language from ${sql.table(table)} where id = ${id}`.execute(t.app.wizamart.database.db);
    return rows[0]!;
  }

  it('saves an admin\'s name and language and switches the page language at once', async () => {
    const admin = await createAdminUser(t.app, { name: 'Old Name' });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const page = await s.get('/admin/profile');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('value="Old Name"');

    const saved = await s.post('/admin/profile', { name: '  Ada   Lovelace ', language: 'de' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/profile?notice=saved');
    expect(saved.cookies.find((c) => c.name === 'lang')).toMatchObject({ value: 'de', path: '/', httpOnly: true });
    expect(await userRow('admin_users', admin.id)).toEqual({ name: 'Ada Lovelace', language: 'de' });

    const after = await s.get(String(saved.headers.location));
    expect(after.body).toContain('<html lang="de"');
    expect(after.body).toContain('Ihr Profil');
    expect(after.body).toContain('value="Ada Lovelace"');
    expect(after.body).toMatch(/<option value="de" lang="de" selected>/);
  });

  it("saves a vendor user's language as Luxembourgish (lang=\"lb\")", async () => {
    const vendor = await createVendor(t.app);
    const user = await createVendorUser(t.app, vendor, { role: 'staff', name: 'Jang' });
    const s = await PageSession.signedIn(t.app, 'vendor', user.id, vendor.id);
    await s.get(`/vendor/${vendor.code}/profile`);
    const saved = await s.post(`/vendor/${vendor.code}/profile`, { name: 'Jang Schmit', language: 'lu' });
    expect(saved.headers.location).toBe(`/vendor/${vendor.code}/profile?notice=saved`);
    expect(await userRow('vendor_users', user.id)).toEqual({ name: 'Jang Schmit', language: 'lu' });
    const after = await s.get(String(saved.headers.location));
    expect(after.body).toContain('<html lang="lb"');
    expect(after.body).toContain('Äre Profil');
  });

  it('refuses an empty name or an unknown language and keeps what was saved', async () => {
    const admin = await createAdminUser(t.app, { name: 'Kept Name' });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    await s.get('/admin/profile');
    const noName = await s.post('/admin/profile', { name: '   ', language: 'fr' });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('data-testid="details-error"');
    expect(noName.body).toContain('Enter your name');
    const badLanguage = await s.post('/admin/profile', { name: 'New Name', language: 'xx' });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.body).toContain('Choose one of the languages offered');
    expect(await userRow('admin_users', admin.id)).toEqual({ name: 'Kept Name', language: 'en' });
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const admin = await createAdminUser(t.app);
    const other = await bearerHeaders(t.app, 'admin', admin.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: other })).statusCode).toBe(200);
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    await s.get('/admin/profile');

    const mismatch = await s.post('/admin/profile/password', { current_password: TEST_PASSWORD, new_password: 'a new long passphrase', new_password_repeat: 'a new long passphrasf' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('data-testid="password-error"');
    const wrong = await s.post('/admin/profile/password', { current_password: 'not my password', new_password: 'a new long passphrase', new_password_repeat: 'a new long passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The current password is not correct.');
    // Neither refusal touched the sessions.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: other })).statusCode).toBe(200);

    const changed = await s.post('/admin/profile/password', { current_password: TEST_PASSWORD, new_password: 'a new long passphrase', new_password_repeat: 'a new long passphrase' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/admin/profile?notice=password_changed');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: other })).statusCode).toBe(401);
    const still = await s.get('/admin/profile?notice=password_changed');
    expect(still.statusCode).toBe(200);
    expect(still.body).toContain('data-testid="notice"');
    expect((await login(t.app, 'admin', admin.email, 'a new long passphrase')).status).toBe(200);
    expect((await login(t.app, 'admin', admin.email, TEST_PASSWORD)).status).toBe(401);
  });

  it("lists only the user's own sessions and refuses to end someone else's", async () => {
    const auth = t.app.wizamart.auth;
    const me = await createAdminUser(t.app);
    const someoneElse = await createAdminUser(t.app);
    const mine = await auth.issue('admin', me.id, { platform: 'wizamart', userAgent: FIREFOX_ON_WINDOWS, ip: '192.0.2.7' });
    const theirs = await auth.issue('admin', someoneElse.id, { platform: 'wizamart', userAgent: FIREFOX_ON_WINDOWS, ip: '198.51.100.9' });
    const s = await PageSession.signedIn(t.app, 'admin', me.id);

    const page = await s.get('/admin/profile');
    const sessions = [...page.body.matchAll(/data-session="([^"]+)"/g)].map((m) => m[1]);
    expect(sessions).toHaveLength(2);
    expect(sessions).toContain(mine.sessionId);
    expect(sessions).not.toContain(theirs.sessionId);
    expect(page.body).toContain('Firefox on Windows');
    expect(page.body).toContain('192.0.2.7');
    expect(page.body).not.toContain('198.51.100.9');
    expect(page.body.match(/data-testid="this-device"/g)).toHaveLength(1);

    const refused = await s.post(`/admin/profile/sessions/${theirs.sessionId}/sign-out`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('You have no active session with this id.');
    expect(await auth.sessions.findLive(theirs.sessionId)).toBeDefined();

    const ended = await s.post(`/admin/profile/sessions/${mine.sessionId}/sign-out`);
    expect(ended.statusCode).toBe(303);
    expect(await auth.sessions.findLive(mine.sessionId)).toBeUndefined();
    expect((await s.get('/admin/profile')).statusCode).toBe(200);
  });

  it('signs out every other session of the user, and only theirs', async () => {
    const auth = t.app.wizamart.auth;
    const vendor = await createVendor(t.app);
    const user = await createVendorUser(t.app, vendor, { role: 'owner' });
    const colleague = await createVendorUser(t.app, vendor, { role: 'staff' });
    const phone = await auth.issue('vendor', user.id, { platform: 'wizamart', vendorId: vendor.id });
    const laptop = await auth.issue('vendor', user.id, { platform: 'wizamart', vendorId: vendor.id });
    const colleagues = await auth.issue('vendor', colleague.id, { platform: 'wizamart', vendorId: vendor.id });
    const s = await PageSession.signedIn(t.app, 'vendor', user.id, vendor.id);
    const page = await s.get(`/vendor/${vendor.code}/profile`);
    expect(page.body).toContain('data-testid="sign-out-others"');

    const res = await s.post(`/vendor/${vendor.code}/profile/sessions/sign-out-others`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/vendor/${vendor.code}/profile?notice=sessions_ended`);
    expect(await auth.sessions.findLive(phone.sessionId)).toBeUndefined();
    expect(await auth.sessions.findLive(laptop.sessionId)).toBeUndefined();
    expect(await auth.sessions.findLive(colleagues.sessionId)).toBeDefined();
    const after = await s.get(`/vendor/${vendor.code}/profile`);
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain('data-testid="sign-out-others"');
    expect(after.body).toContain('This is the only device signed in to your account.');
  });
});
