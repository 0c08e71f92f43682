import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../exceptions/base.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { AdminUserService } from '../services/admin-user.service.ts';
import { bearerHeaders, createAdminUser, login, TEST_PASSWORD, type TestUser } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

const API = '/api/v1/admin/tenancy';
const NEW_PASSWORD = 'a brand new passphrase';

async function outboxTo(t: TestApp, address: string) {
  return t.app.wizamart.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id', 'desc').execute();
}

/** The token of the "set your password" link in a mail body. */
function tokenIn(body: string, path: string): string {
  const match = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([^\\s"&<]+)`).exec(body);
  expect(match, `no ${path} link in:\n${body}`).toBeTruthy();
  return decodeURIComponent(match![1]!);
}

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('admin users API', () => {
  let t: TestApp;
  let superAdmin: TestUser;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', other: 'all' } });
    superAdmin = await createAdminUser(t.app, { superAdmin: true, name: 'Sonja Super' });
    headers = await bearerHeaders(t.app, 'admin', superAdmin.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates an admin without a password and mails an invitation whose link sets it, so they can sign in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/users`,
      headers,
      payload: { email: 'Nora.Neu@Example.test', name: 'Nora Neu', platforms: ['wizamart'], language: 'de' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ email: 'nora.neu@example.test', role: 'platform_admin', super_admin: false, platforms: ['wizamart'], language: 'de', status: 'active', invitation_pending: true, last_login_at: null });

    // No password yet: nothing signs them in before the invitation is used.
    expect((await login(t.app, 'admin', 'nora.neu@example.test', NEW_PASSWORD)).status).toBe(401);

    const [mail] = await outboxTo(t, 'nora.neu@example.test');
    expect(mail?.template).toBe('tenancy.admin-invite');
    expect(mail?.subject).toContain('Einladung');
    expect(mail?.text_body).toContain('Sonja Super');
    const token = tokenIn(mail!.text_body, '/admin/reset-password');
    expect(tokenIn(mail!.html_body ?? '', '/admin/reset-password')).toBe(token);

    // The framework's reset page accepts the invitation's token.
    const page = await t.app.inject({ method: 'GET', url: `/admin/reset-password?token=${encodeURIComponent(token)}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const confirm = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/password-reset/confirm', payload: { token, password: NEW_PASSWORD } });
    expect(confirm.statusCode).toBe(204);

    const signedIn = await login(t.app, 'admin', 'nora.neu@example.test', NEW_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.access_token).toEqual(expect.any(String));
    const after = await t.app.inject({ method: 'GET', url: `${API}/users/${created.id}`, headers });
    expect(after.json()).toMatchObject({ invitation_pending: false, last_login_at: expect.any(String) });
  });

  it('refuses an e-mail address that is taken, in any letter case', async () => {
    const existing = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] });
    const res = await t.app.inject({ method: 'POST', url: `${API}/users`, headers, payload: { email: existing.email.toUpperCase(), name: 'Twin', super_admin: true } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TENANCY_USER_EMAIL_TAKEN');
    expect(await outboxTo(t, existing.email)).toHaveLength(0);
  });

  it('wants at least one existing platform for a platform admin', async () => {
    const none = await t.app.inject({ method: 'POST', url: `${API}/users`, headers, payload: { email: 'no-platform@example.test', name: 'Nobody' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('TENANCY_ADMIN_PLATFORMS_REQUIRED');
    const unknown = await t.app.inject({ method: 'POST', url: `${API}/users`, headers, payload: { email: 'unknown-platform@example.test', name: 'Nobody', platforms: ['atlantis'] } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PLATFORM_NOT_FOUND');
  });

  it('lists admins with their role and platforms, searching name and e-mail', async () => {
    await createAdminUser(t.app, { superAdmin: false, platforms: ['other', 'wizamart'], name: 'Quentin Quest', email: 'quentin@example.test' });
    const res = await t.app.inject({ method: 'GET', url: `${API}/users?q=quest`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, users: [{ name: 'Quentin Quest', role: 'platform_admin', platforms: ['other', 'wizamart'] }] });
    const byMail = await t.app.inject({ method: 'GET', url: `${API}/users?q=QUENTIN@`, headers });
    expect(byMail.json().total).toBe(1);
    const literal = await t.app.inject({ method: 'GET', url: `${API}/users?q=%25`, headers });
    expect(literal.json().total).toBe(0);
  });

  it('gives platform admins 403 on every admin users route', async () => {
    const platformAdmin = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] });
    const theirs = await bearerHeaders(t.app, 'admin', platformAdmin.id);
    // Valid bodies: Fastify validates a body before the permission guard runs.
    for (const [method, url, payload] of [
      ['GET', `${API}/users`, undefined],
      ['POST', `${API}/users`, { email: 'climber@example.test', name: 'Climber', super_admin: true }],
      ['GET', `${API}/users/${superAdmin.id}`, undefined],
      ['PATCH', `${API}/users/${superAdmin.id}`, { name: 'Renamed' }],
      ['POST', `${API}/users/${superAdmin.id}/disable`, undefined],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: theirs, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('PERMISSION_DENIED');
    }
    expect(await outboxTo(t, 'climber@example.test')).toHaveLength(0);
  });

  it('refuses to let an admin disable or demote themselves', async () => {
    const disable = await t.app.inject({ method: 'POST', url: `${API}/users/${superAdmin.id}/disable`, headers });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.code).toBe('TENANCY_ADMIN_SELF_CHANGE');
    const demote = await t.app.inject({ method: 'PATCH', url: `${API}/users/${superAdmin.id}`, headers, payload: { super_admin: false, platforms: ['wizamart'] } });
    expect(demote.statusCode).toBe(403);
    expect(demote.json().error.code).toBe('TENANCY_ADMIN_SELF_CHANGE');
    // Renaming oneself is fine.
    const rename = await t.app.inject({ method: 'PATCH', url: `${API}/users/${superAdmin.id}`, headers, payload: { name: 'Sonja Super' } });
    expect(rename.statusCode).toBe(200);
    expect(rename.json()).toMatchObject({ role: 'super_admin', status: 'active' });
  });

  it('demotes a super admin to the platforms given and promotes them back', async () => {
    const other = await createAdminUser(t.app, { superAdmin: true });
    const demoted = await t.app.inject({ method: 'PATCH', url: `${API}/users/${other.id}`, headers, payload: { super_admin: false, platforms: ['other'] } });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json()).toMatchObject({ role: 'platform_admin', platforms: ['other'] });
    // Their next request already runs with the new role: nothing of wizamart's tenancy admin for them.
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: await bearerHeaders(t.app, 'admin', other.id) });
    expect(me.json()).toMatchObject({ role: 'platform_admin', platforms: ['other'] });
    const promoted = await t.app.inject({ method: 'PATCH', url: `${API}/users/${other.id}`, headers, payload: { super_admin: true } });
    expect(promoted.json()).toMatchObject({ role: 'super_admin', platforms: [] });
    const noPlatforms = await t.app.inject({ method: 'PATCH', url: `${API}/users/${other.id}`, headers, payload: { super_admin: false } });
    expect(noPlatforms.statusCode).toBe(400);
    expect(noPlatforms.json().error.code).toBe('TENANCY_ADMIN_PLATFORMS_REQUIRED');
  });

  it('ends the sessions of a disabled admin: their bearer token gets 401, and sign-in is refused until enabled', async () => {
    const target = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] });
    const theirs = await bearerHeaders(t.app, 'admin', target.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: theirs })).statusCode).toBe(200);

    const disabled = await t.app.inject({ method: 'POST', url: `${API}/users/${target.id}/disable`, headers });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/admin/auth/me', headers: theirs });
    expect(refused.statusCode).toBe(401);
    const sessions = await t.app.wizamart.database.db.selectFrom('auth_sessions').select(['revoked_reason']).where('audience', '=', 'admin').where('user_id', '=', target.id).execute();
    expect(sessions.map((s) => s.revoked_reason)).toEqual(['disabled']);
    expect((await login(t.app, 'admin', target.email, TEST_PASSWORD)).status).toBe(401);

    const enabled = await t.app.inject({ method: 'POST', url: `${API}/users/${target.id}/enable`, headers });
    expect(enabled.json().status).toBe('active');
    expect((await login(t.app, 'admin', target.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('answers 404 for an admin that does not exist', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/users/999999`, headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TENANCY_USER_NOT_FOUND');
  });
});

describe('the last active super admin', () => {
  let t: TestApp;
  let admins: AdminUserService;

  beforeAll(async () => {
    t = await createTestApp();
    admins = new AdminUserService(t.app.wizamart.database.db, t.app.wizamart.auth);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('can be neither disabled nor demoted, whoever asks; a disabled super admin does not count', async () => {
    const db = t.app.wizamart.database.db.withTables<TenancyTables>();
    expect(await db.selectFrom('admin_users').select('id').where('is_super_admin', '=', true).execute()).toHaveLength(0);
    const last = await createAdminUser(t.app, { superAdmin: true });
    const dormant = await createAdminUser(t.app, { superAdmin: true });
    await admins.disable(dormant.id, {});

    // The system (CLI) has no account of its own, so only the last-super-admin rule stands in the way.
    expect(await errorCodeOf(admins.disable(last.id, {}))).toBe('TENANCY_LAST_SUPER_ADMIN');
    expect(await errorCodeOf(admins.update(last.id, { superAdmin: false, platforms: ['wizamart'] }, {}))).toBe('TENANCY_LAST_SUPER_ADMIN');
    // Demoting or disabling the dormant one is fine: it is not active.
    expect((await admins.update(dormant.id, { superAdmin: false, platforms: ['wizamart'] }, {})).role).toBe('platform_admin');

    // With a second active super admin, the first may go.
    await admins.enable(dormant.id);
    await admins.update(dormant.id, { superAdmin: true }, {});
    expect((await admins.disable(last.id, { userId: dormant.id })).status).toBe('disabled');
    expect(await errorCodeOf(admins.disable(dormant.id, {}))).toBe('TENANCY_LAST_SUPER_ADMIN');
  });
});

describe('admin users pages', () => {
  let t: TestApp;
  let superAdmin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    superAdmin = await createAdminUser(t.app, { superAdmin: true, name: 'Paula Pages' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists admins with their role and status, and invites one through the form', async () => {
    const s = await PageSession.signedIn(t.app, 'admin', superAdmin.id);
    const list = await s.get('/admin/users');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Paula Pages');
    expect(list.body).toContain('Super admin');

    const form = await s.get('/admin/users/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="platforms" value="wizamart"');
    const created = await s.post('/admin/users', { email: 'petra@example.test', name: 'Petra Platform', language: 'fr', role: 'platform_admin', platforms: ['wizamart'] });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toMatch(/^\/admin\/users\/\d+\?notice=invited$/);
    const [mail] = await outboxTo(t, 'petra@example.test');
    expect(mail?.subject).toContain('Invitation');

    const edit = await s.get(String(created.headers.location));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('data-testid="notice"');
    expect(edit.body).toContain('Invited');
  });

  it('shows a refused form again with the reason and what was typed', async () => {
    const s = await PageSession.signedIn(t.app, 'admin', superAdmin.id);
    await s.get('/admin/users/new');
    const res = await s.post('/admin/users', { email: superAdmin.email, name: 'Copy Cat', language: 'en', role: 'super_admin' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('data-testid="form-error"');
    expect(res.body).toContain('already exists');
    expect(res.body).toContain('value="Copy Cat"');
  });

  it('edits and disables another admin, but offers no way to disable oneself', async () => {
    const other = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'], name: 'Olga Other' });
    const s = await PageSession.signedIn(t.app, 'admin', superAdmin.id);
    await s.get(`/admin/users/${other.id}`);
    const saved = await s.post(`/admin/users/${other.id}`, { name: 'Olga Renamed', language: 'lu', role: 'platform_admin', platforms: ['wizamart'] });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/admin/users/${other.id}?notice=saved`);
    const disabled = await s.post(`/admin/users/${other.id}/disable`);
    expect(disabled.headers.location).toBe(`/admin/users/${other.id}?notice=saved`);
    const page = await s.get(`/admin/users/${other.id}`);
    expect(page.body).toContain('Olga Renamed');
    expect(page.body).toContain(`/admin/users/${other.id}/enable`);

    const own = await s.get(`/admin/users/${superAdmin.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(`/admin/users/${superAdmin.id}/disable`);
    const forced = await s.post(`/admin/users/${superAdmin.id}/disable`);
    expect(forced.statusCode).toBe(403);
    expect(forced.body).toContain('You cannot disable your own account');
  });

  it('is closed to platform admins', async () => {
    const platformAdmin = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] });
    const s = await PageSession.signedIn(t.app, 'admin', platformAdmin.id);
    expect((await s.get('/admin/users')).statusCode).toBe(403);
    expect((await s.get('/admin/users/new')).statusCode).toBe(403);
  });
});
