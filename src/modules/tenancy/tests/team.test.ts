import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { bearerHeaders, createVendor, createVendorUser, login, TEST_PASSWORD, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

/**
 * The vendor team over HTTP: invitations (mail, link, acceptance with a new
 * or an existing account), role changes, removal, the last-owner rule,
 * custom roles narrowing what a member may do, and the team pages for
 * owners and for read-only staff. One app; each test makes its own vendor.
 */
let t: TestApp;
let app: App;
const API = '/api/v1/vendor/tenancy';
const NEW_PASSWORD = 'a fresh password 42';

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
});

afterAll(async () => {
  await t.close();
});

function db() {
  return app.wizamart.database.db.withTables<TenancyTables>();
}

/** A vendor with an owner (and their bearer headers). */
async function vendorWithOwner(): Promise<{ vendor: TestVendor; ownerId: number; owner: Record<string, string> }> {
  const vendor = await createVendor(app);
  const owner = await createVendorUser(app, vendor, { role: 'owner', name: 'Olga Owner' });
  return { vendor, ownerId: owner.id, owner: await bearerHeaders(app, 'vendor', owner.id, vendor.id) };
}

/** The link of the newest invitation mail to `email`, and the token in it. */
async function invitationLink(email: string): Promise<{ link: string; token: string; subject: string; html: string | null }> {
  const mail = await db().selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const match = /(https?:\/\/\S+\/vendor\/invitations\/([A-Za-z0-9_-]+))/.exec(mail.text_body);
  expect(match, mail.text_body).not.toBeNull();
  return { link: match![1]!, token: match![2]!, subject: mail.subject, html: mail.html_body };
}

async function me(headers: Record<string, string>) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers });
  return { status: res.statusCode, body: res.json() as { role: string; permissions: string[] } };
}

async function accept(token: string, form: Record<string, string>) {
  const browser = new PageSession(app);
  const page = await browser.get(`/vendor/invitations/${token}`);
  const res = await browser.post(`/vendor/invitations/${token}`, form);
  return { page, res, browser };
}

describe('inviting someone to the team', () => {
  it('mails a link; the invitee chooses a password, joins with the role and can sign in', async () => {
    const { vendor, owner } = await vendorWithOwner();
    const email = `new-${vendor.code}@example.test`;
    const res = await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email: email.toUpperCase(), role: 'manager' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, role: 'manager', builtin_role: 'manager', role_id: null, expired: false });

    const mail = await invitationLink(email);
    expect(mail.link).toMatch(new RegExp(`^http://[^/]+/vendor/invitations/${mail.token}$`));
    expect(mail.subject).toContain(vendor.code);
    expect(mail.html).toContain(mail.link);
    const outbox = await db().selectFrom('mail_outbox').select(['vendor_id', 'template']).where('to_address', '=', email).executeTakeFirstOrThrow();
    expect(outbox).toEqual({ vendor_id: vendor.id, template: 'tenancy.team-invite' });

    const { page, res: accepted, browser } = await accept(mail.token, { name: 'Nina New', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="password_confirm"');
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/vendor/${vendor.code}/dashboard`);
    // Signed in on the way: the team page opens with the new session's cookies.
    expect((await browser.get(`/vendor/${vendor.code}/team`)).statusCode).toBe(200);

    const signIn = await login(app, 'vendor', email, NEW_PASSWORD);
    expect(signIn.status).toBe(200);
    const joined = await me({ authorization: `Bearer ${String(signIn.body.access_token)}` });
    expect(joined.body.role).toBe('manager');
    expect(joined.body.permissions).not.toContain('tenancy.team.manage');

    const team = await app.inject({ method: 'GET', url: `${API}/team`, headers: owner });
    expect((team.json() as { members: Array<{ email: string; name: string }> }).members.map((m) => m.email)).toContain(email);
    // Used once: the link no longer works and the invitation left the pending list.
    const again = await new PageSession(app).get(`/vendor/invitations/${mail.token}`);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('data-testid="invitation-invalid"');
    const pending = await app.inject({ method: 'GET', url: `${API}/invitations`, headers: owner });
    expect((pending.json() as { invitations: unknown[] }).invitations).toEqual([]);
  });

  it('refuses a weak password and two different passwords, and creates nothing', async () => {
    const { vendor, owner } = await vendorWithOwner();
    const email = `weak-${vendor.code}@example.test`;
    await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email, role: 'staff' } });
    const { token } = await invitationLink(email);
    const weak = await accept(token, { name: 'Wendy', password: 'short', password_confirm: 'short' });
    expect(weak.res.statusCode).toBe(400);
    expect(weak.res.body).toContain('data-testid="form-error"');
    const differ = await accept(token, { name: 'Wendy', password: NEW_PASSWORD, password_confirm: `${NEW_PASSWORD}!` });
    expect(differ.res.statusCode).toBe(400);
    const noName = await accept(token, { name: '', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(noName.res.statusCode).toBe(400);
    expect(await db().selectFrom('vendor_users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
  });

  it('lets someone with an account join after confirming their password', async () => {
    const { vendor, owner } = await vendorWithOwner();
    const other = await createVendor(app);
    const existing = await createVendorUser(app, other, { role: 'staff', name: 'Erik Existing' });
    await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email: existing.email, role: 'staff' } });
    const { token } = await invitationLink(existing.email);

    const wrong = await accept(token, { password: 'not the password at all' });
    expect(wrong.page.body).not.toContain('name="password_confirm"');
    expect(wrong.page.body).toContain('Erik Existing');
    expect(wrong.res.statusCode).toBe(401);
    expect(await db().selectFrom('vendor_memberships').select('id').where('vendor_id', '=', vendor.id).where('user_id', '=', existing.id).executeTakeFirst()).toBeUndefined();

    const right = await accept(token, { password: TEST_PASSWORD });
    expect(right.res.statusCode).toBe(303);
    const signIn = await login(app, 'vendor', existing.email, TEST_PASSWORD, { vendor_code: vendor.code });
    expect(signIn.status).toBe(200);
    // Still on the other team too, with one account.
    expect(await db().selectFrom('vendor_memberships').select('vendor_id').where('user_id', '=', existing.id).orderBy('vendor_id').execute()).toHaveLength(2);
  });

  it('refuses a member, and a new invitation to the same address withdraws the pending one', async () => {
    const { vendor, owner } = await vendorWithOwner();
    const member = await createVendorUser(app, vendor, { role: 'staff' });
    const taken = await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email: member.email, role: 'staff' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('TENANCY_TEAM_ALREADY_MEMBER');

    const email = `twice-${vendor.code}@example.test`;
    await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email, role: 'staff' } });
    const first = await invitationLink(email);
    await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email, role: 'manager' } });
    const second = await invitationLink(email);
    expect(second.token).not.toBe(first.token);
    expect((await new PageSession(app).get(`/vendor/invitations/${first.token}`)).statusCode).toBe(400);
    expect((await new PageSession(app).get(`/vendor/invitations/${second.token}`)).statusCode).toBe(200);
    const pending = (await app.inject({ method: 'GET', url: `${API}/invitations`, headers: owner })).json() as { invitations: Array<{ email: string; role: string }> };
    expect(pending.invitations).toEqual([expect.objectContaining({ email, role: 'manager' })]);

    const bad = await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email, role: 'staff', role_id: 1 } });
    expect(bad.statusCode).toBe(400);
  });

  it('resends with a new link and withdraws from the team page', async () => {
    const { vendor, ownerId } = await vendorWithOwner();
    const s = await PageSession.signedIn(app, 'vendor', ownerId, vendor.id);
    const email = `page-${vendor.code}@example.test`;
    await s.get(`/vendor/${vendor.code}/team`);
    const sent = await s.post(`/vendor/${vendor.code}/team/invitations`, { email, role: 'staff' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/vendor/${vendor.code}/team?notice=invited`);
    const first = await invitationLink(email);

    const page = await s.get(`/vendor/${vendor.code}/team`);
    expect(page.body).toContain(email);
    const id = /data-invitation="(\d+)"/.exec(page.body)![1]!;
    const resent = await s.post(`/vendor/${vendor.code}/team/invitations/${id}/resend`);
    expect(resent.statusCode).toBe(303);
    const second = await invitationLink(email);
    expect(second.token).not.toBe(first.token);
    expect((await new PageSession(app).get(`/vendor/invitations/${first.token}`)).statusCode).toBe(400);

    const revoked = await s.post(`/vendor/${vendor.code}/team/invitations/${id}/revoke`);
    expect(revoked.statusCode).toBe(303);
    expect((await new PageSession(app).get(`/vendor/invitations/${second.token}`)).statusCode).toBe(400);
    expect((await s.get(`/vendor/${vendor.code}/team`)).body).not.toContain(`data-invitation="${id}"`);

    const invalid = await s.post(`/vendor/${vendor.code}/team/invitations`, { email: 'not-an-address', role: 'staff' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('data-testid="form-error"');
  });

  it('refuses an expired link', async () => {
    const { vendor, owner } = await vendorWithOwner();
    const email = `late-${vendor.code}@example.test`;
    await app.inject({ method: 'POST', url: `${API}/invitations`, headers: owner, payload: { email, role: 'staff' } });
    const { token } = await invitationLink(email);
    // The page was opened in time, the form is sent too late.
    const browser = new PageSession(app);
    expect((await browser.get(`/vendor/invitations/${token}`)).statusCode).toBe(200);
    await db().updateTable('vendor_invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('email', '=', email).execute();
    const late = await browser.post(`/vendor/invitations/${token}`, { name: 'Late', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('data-testid="invitation-invalid"');
    expect((await new PageSession(app).get(`/vendor/invitations/${token}`)).statusCode).toBe(400);
    expect(await db().selectFrom('vendor_users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const listed = (await app.inject({ method: 'GET', url: `${API}/invitations`, headers: owner })).json() as { invitations: Array<{ expired: boolean }> };
    expect(listed.invitations).toEqual([expect.objectContaining({ expired: true })]);
  });
});

describe('roles of members', () => {
  it("changes a member's role, and what they may do follows", async () => {
    const { vendor, owner } = await vendorWithOwner();
    const staff = await createVendorUser(app, vendor, { role: 'staff' });
    const staffHeaders = await bearerHeaders(app, 'vendor', staff.id, vendor.id);
    expect((await me(staffHeaders)).body.permissions.every((p) => p.endsWith('.view'))).toBe(true);
    const team = (await app.inject({ method: 'GET', url: `${API}/team`, headers: owner })).json() as { members: Array<{ id: number; user_id: number }> };
    const memberId = team.members.find((m) => m.user_id === staff.id)!.id;

    const res = await app.inject({ method: 'PATCH', url: `${API}/team/${memberId}`, headers: owner, payload: { role: 'manager' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: memberId, role: 'manager', builtin_role: 'manager' });
    const after = await me(staffHeaders);
    expect(after.body.role).toBe('manager');
    expect(after.body.permissions).toContain('orders.manage');
    expect(after.body.permissions).not.toContain('tenancy.team.manage');
  });

  it('keeps the last owner: no demotion, no removal, until there is another owner', async () => {
    const { vendor, ownerId, owner } = await vendorWithOwner();
    const members = (await app.inject({ method: 'GET', url: `${API}/team`, headers: owner })).json() as { members: Array<{ id: number; user_id: number }> };
    const self = members.members.find((m) => m.user_id === ownerId)!.id;
    const demote = await app.inject({ method: 'PATCH', url: `${API}/team/${self}`, headers: owner, payload: { role: 'manager' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('TENANCY_TEAM_LAST_OWNER');
    const leave = await app.inject({ method: 'DELETE', url: `${API}/team/${self}`, headers: owner });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.code).toBe('TENANCY_TEAM_LAST_OWNER');

    const page = await PageSession.signedIn(app, 'vendor', ownerId, vendor.id);
    await page.get(`/vendor/${vendor.code}/team`);
    const viaPage = await page.post(`/vendor/${vendor.code}/team/${self}/role`, { role: 'staff' });
    expect(viaPage.statusCode).toBe(409);
    expect(viaPage.body).toContain('data-testid="form-error"');

    // With a second owner, the first may step down.
    const second = await createVendorUser(app, vendor, { role: 'owner' });
    expect((await app.inject({ method: 'PATCH', url: `${API}/team/${self}`, headers: owner, payload: { role: 'manager' } })).statusCode).toBe(200);
    const secondHeaders = await bearerHeaders(app, 'vendor', second.id, vendor.id);
    const secondId = ((await app.inject({ method: 'GET', url: `${API}/team`, headers: secondHeaders })).json() as { members: Array<{ id: number; user_id: number }> }).members.find(
      (m) => m.user_id === second.id,
    )!.id;
    expect((await app.inject({ method: 'DELETE', url: `${API}/team/${secondId}`, headers: secondHeaders })).statusCode).toBe(409);
  });

  it('lets an owner who is not the last one leave the team from the page, signed out on the way', async () => {
    const { vendor } = await vendorWithOwner();
    const leaving = await createVendorUser(app, vendor, { role: 'owner' });
    const memberId = (await db().selectFrom('vendor_memberships').select('id').where('vendor_id', '=', vendor.id).where('user_id', '=', leaving.id).executeTakeFirstOrThrow()).id;
    const s = await PageSession.signedIn(app, 'vendor', leaving.id, vendor.id);
    await s.get(`/vendor/${vendor.code}/team`);
    const res = await s.post(`/vendor/${vendor.code}/team/${memberId}/remove`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/vendor/login');
    expect([...s.cookies.keys()].filter((name) => name.startsWith('wz_vendor_'))).toEqual([]);
    expect(await db().selectFrom('vendor_memberships').select('id').where('id', '=', memberId).executeTakeFirst()).toBeUndefined();
  });

  it('refuses staff every change, and shows them the team without the controls', async () => {
    const { vendor } = await vendorWithOwner();
    const staff = await createVendorUser(app, vendor, { role: 'staff' });
    const other = await createVendorUser(app, vendor, { role: 'staff', name: 'Other Staff' });
    const headers = await bearerHeaders(app, 'vendor', staff.id, vendor.id);
    const team = await app.inject({ method: 'GET', url: `${API}/team`, headers });
    expect(team.statusCode).toBe(200);
    const otherId = (team.json() as { members: Array<{ id: number; user_id: number }> }).members.find((m) => m.user_id === other.id)!.id;

    const attempts = [
      app.inject({ method: 'PATCH', url: `${API}/team/${otherId}`, headers, payload: { role: 'owner' } }),
      app.inject({ method: 'DELETE', url: `${API}/team/${otherId}`, headers }),
      app.inject({ method: 'POST', url: `${API}/invitations`, headers, payload: { email: 'x@example.test', role: 'owner' } }),
      app.inject({ method: 'GET', url: `${API}/invitations`, headers }),
      app.inject({ method: 'POST', url: `${API}/roles`, headers, payload: { name: 'Boss', permissions: [] } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('PERMISSION_DENIED');
    }

    const s = await PageSession.signedIn(app, 'vendor', staff.id, vendor.id);
    const page = await s.get(`/vendor/${vendor.code}/team`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Other Staff');
    expect(page.body).not.toContain('data-action="remove"');
    expect(page.body).not.toContain('data-testid="invite-form"');
    expect(page.body).not.toContain('name="role"');
    expect((await s.post(`/vendor/${vendor.code}/team/${otherId}/remove`)).statusCode).toBe(403);
    expect((await s.get(`/vendor/${vendor.code}/team/roles`)).body).not.toContain('data-testid="role-form"');
    // The owner's page has them.
    const owner = await db().selectFrom('vendor_memberships').select('user_id').where('vendor_id', '=', vendor.id).where('builtin_role', '=', 'owner').executeTakeFirstOrThrow();
    const ownerPage = await (await PageSession.signedIn(app, 'vendor', owner.user_id, vendor.id)).get(`/vendor/${vendor.code}/team`);
    expect(ownerPage.body).toContain('data-action="remove"');
    expect(ownerPage.body).toContain('data-testid="invite-form"');
  });

  it("removes a member from the page: they leave the team and their session ends", async () => {
    const { vendor, ownerId } = await vendorWithOwner();
    const leaving = await createVendorUser(app, vendor, { role: 'manager', name: 'Lea Leaving' });
    const leavingHeaders = await bearerHeaders(app, 'vendor', leaving.id, vendor.id);
    expect((await me(leavingHeaders)).status).toBe(200);
    const memberId = (await db().selectFrom('vendor_memberships').select('id').where('vendor_id', '=', vendor.id).where('user_id', '=', leaving.id).executeTakeFirstOrThrow()).id;

    const s = await PageSession.signedIn(app, 'vendor', ownerId, vendor.id);
    await s.get(`/vendor/${vendor.code}/team`);
    const res = await s.post(`/vendor/${vendor.code}/team/${memberId}/remove`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/vendor/${vendor.code}/team?notice=removed`);
    expect((await me(leavingHeaders)).status).toBe(401);
    const sessions = await db().selectFrom('auth_sessions').select(['revoked_at', 'revoked_reason']).where('user_id', '=', leaving.id).where('audience', '=', 'vendor').execute();
    expect(sessions.every((x) => x.revoked_at !== null && x.revoked_reason === 'removed')).toBe(true);
    expect((await s.get(`/vendor/${vendor.code}/team`)).body).not.toContain('Lea Leaving');
  });
});

describe('custom roles', () => {
  it('narrows a member to the permissions of their custom role, and follows its changes', async () => {
    const { vendor, owner } = await vendorWithOwner();
    const member = await createVendorUser(app, vendor, { role: 'manager' });
    const memberHeaders = await bearerHeaders(app, 'vendor', member.id, vendor.id);
    expect((await me(memberHeaders)).body.permissions).toContain('orders.manage');

    const created = await app.inject({ method: 'POST', url: `${API}/roles`, headers: owner, payload: { name: 'Packer', permissions: ['orders.fulfill', 'orders.view', 'orders.view'] } });
    expect(created.statusCode).toBe(201);
    const role = created.json() as { id: number; permissions: string[] };
    expect(role.permissions).toEqual(['orders.view', 'orders.fulfill']);

    const memberId = ((await app.inject({ method: 'GET', url: `${API}/team`, headers: owner })).json() as { members: Array<{ id: number; user_id: number }> }).members.find(
      (m) => m.user_id === member.id,
    )!.id;
    const changed = await app.inject({ method: 'PATCH', url: `${API}/team/${memberId}`, headers: owner, payload: { role_id: role.id } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'Packer', builtin_role: null, role_id: role.id });
    const narrowed = await me(memberHeaders);
    expect(narrowed.body.role).toBe('Packer');
    expect(narrowed.body.permissions).toEqual(['orders.fulfill', 'orders.view']);

    const updated = await app.inject({ method: 'PATCH', url: `${API}/roles/${role.id}`, headers: owner, payload: { permissions: ['orders.view', 'tenancy.team.view'] } });
    expect(updated.statusCode).toBe(200);
    expect((await me(memberHeaders)).body.permissions).toEqual(['orders.view', 'tenancy.team.view']);

    const inUse = await app.inject({ method: 'DELETE', url: `${API}/roles/${role.id}`, headers: owner });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('TENANCY_ROLE_IN_USE');
    await app.inject({ method: 'PATCH', url: `${API}/team/${memberId}`, headers: owner, payload: { role: 'staff' } });
    expect((await app.inject({ method: 'DELETE', url: `${API}/roles/${role.id}`, headers: owner })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `${API}/roles`, headers: owner })).json()).toMatchObject({ roles: [] });
  });

  it('refuses admin permissions, unknown codes, built-in names and duplicates', async () => {
    const { owner } = await vendorWithOwner();
    const post = (payload: object) => app.inject({ method: 'POST', url: `${API}/roles`, headers: owner, payload });
    const admin = await post({ name: 'Sneaky', permissions: ['tenancy.vendors.manage'] });
    expect(admin.statusCode).toBe(400);
    expect(admin.json().error.code).toBe('TENANCY_ROLE_PERMISSION_UNKNOWN');
    expect((await post({ name: 'Ghost', permissions: ['nope.nothing'] })).statusCode).toBe(400);
    expect((await post({ name: 'Owner', permissions: [] })).json().error.code).toBe('TENANCY_ROLE_NAME_INVALID');
    expect((await post({ name: 'Clerk', permissions: ['orders.view'] })).statusCode).toBe(201);
    const dup = await post({ name: 'clerk', permissions: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('TENANCY_ROLE_NAME_TAKEN');

    const list = (await app.inject({ method: 'GET', url: `${API}/roles`, headers: owner })).json() as {
      builtin: Array<{ role: string; permissions: string[] }>;
      available: Array<{ module: string; permissions: Array<{ code: string }> }>;
    };
    expect(list.builtin.find((b) => b.role === 'owner')!.permissions).toContain('tenancy.team.manage');
    expect(list.builtin.find((b) => b.role === 'manager')!.permissions).not.toContain('tenancy.team.manage');
    const codes = list.available.flatMap((g) => g.permissions.map((p) => p.code));
    expect(codes).toContain('orders.view');
    expect(codes).not.toContain('tenancy.vendors.manage');
  });

  it('creates, edits and deletes roles from the roles page, with checkboxes grouped by module', async () => {
    const { vendor, ownerId } = await vendorWithOwner();
    const s = await PageSession.signedIn(app, 'vendor', ownerId, vendor.id);
    const page = await s.get(`/vendor/${vendor.code}/team/roles`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="orders.fulfill"');
    expect(page.body).toContain('data-builtin="owner"');
    expect(page.body).not.toContain('value="tenancy.vendors.manage"');

    const created = await s.post(`/vendor/${vendor.code}/team/roles`, { name: 'Support', permissions: ['customers.view', 'orders.view'] });
    expect(created.statusCode).toBe(303);
    const role = await db().selectFrom('vendor_roles').selectAll().where('vendor_id', '=', vendor.id).executeTakeFirstOrThrow();
    expect(role.permissions).toEqual(['customers.view', 'orders.view']);

    const edit = await s.get(`/vendor/${vendor.code}/team/roles/${role.id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toMatch(/value="orders\.view" checked/);
    const saved = await s.post(`/vendor/${vendor.code}/team/roles/${role.id}`, { name: 'Support desk', permissions: 'orders.view' });
    expect(saved.statusCode).toBe(303);
    const invalid = await s.post(`/vendor/${vendor.code}/team/roles/${role.id}`, { name: 'staff', permissions: 'orders.view' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('data-testid="form-error"');

    // The team page offers the role in its selects.
    expect((await s.get(`/vendor/${vendor.code}/team`)).body).toContain(`value="custom:${role.id}"`);
    const deleted = await s.post(`/vendor/${vendor.code}/team/roles/${role.id}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(await db().selectFrom('vendor_roles').select('id').where('vendor_id', '=', vendor.id).execute()).toEqual([]);
  });
});
