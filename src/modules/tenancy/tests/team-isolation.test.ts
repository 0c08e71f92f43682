import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

/**
 * Tenant isolation of the team: vendor A's owner, holding every team
 * permission, aims every route of the team API and pages at vendor B's
 * member, role and invitation ids. Each answers 404 exactly as an id that
 * does not exist, and B's rows are the same afterwards. A's session on B's
 * pages is 403. A removed member's token stops working.
 */
let t: TestApp;
let app: App;
const API = '/api/v1/vendor/tenancy';
/** An id no row has: what "does not exist" answers, to compare B's ids with. */
const MISSING = 2_000_000_000;

interface Tenant {
  vendor: TestVendor;
  ownerId: number;
  owner: Record<string, string>;
  memberId: number;
  ownerMemberId: number;
  roleId: number;
  invitationId: number;
}

let a: Tenant;
let b: Tenant;

async function tenant(): Promise<Tenant> {
  const vendor = await createVendor(app);
  const owner = await createVendorUser(app, vendor, { role: 'owner' });
  const headers = await bearerHeaders(app, 'vendor', owner.id, vendor.id);
  const role = await app.inject({ method: 'POST', url: `${API}/roles`, headers, payload: { name: 'Packer', permissions: ['orders.view'] } });
  const roleId = (role.json() as { id: number }).id;
  const staff = await createVendorUser(app, vendor, { roleId });
  const invitation = await app.inject({ method: 'POST', url: `${API}/invitations`, headers, payload: { email: `invitee-${vendor.code}@example.test`, role_id: roleId } });
  const members = (await app.inject({ method: 'GET', url: `${API}/team`, headers })).json() as { members: Array<{ id: number; user_id: number }> };
  return {
    vendor,
    ownerId: owner.id,
    owner: headers,
    memberId: members.members.find((m) => m.user_id === staff.id)!.id,
    ownerMemberId: members.members.find((m) => m.user_id === owner.id)!.id,
    roleId,
    invitationId: (invitation.json() as { id: number }).id,
  };
}

/** Every row of a vendor's team tables, to compare before and after. */
async function snapshot(vendorId: number) {
  const db = app.wizamart.database.db.withTables<TenancyTables>();
  const [memberships, roles, invitations] = await Promise.all([
    db.selectFrom('vendor_memberships').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute(),
    db.selectFrom('vendor_roles').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute(),
    db.selectFrom('vendor_invitations').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute(),
  ]);
  return { memberships, roles, invitations };
}

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  a = await tenant();
  b = await tenant();
});

afterAll(async () => {
  await t.close();
});

describe('team isolation between vendors', () => {
  it("answers 404 to every API route aimed at another vendor's ids, as to ids that do not exist, and changes nothing", async () => {
    const before = await snapshot(b.vendor.id);
    const mailsBefore = await app.wizamart.database.db.selectFrom('mail_outbox').select('id').execute();
    const requests = (ids: { member: number; role: number; invitation: number }) =>
      [
        { method: 'PATCH', url: `${API}/team/${ids.member}`, payload: { role: 'owner' } },
        { method: 'DELETE', url: `${API}/team/${ids.member}` },
        // A's own member given B's custom role.
        { method: 'PATCH', url: `${API}/team/${a.memberId}`, payload: { role_id: ids.role } },
        { method: 'POST', url: `${API}/invitations`, payload: { email: `guess-${ids.role}@example.test`, role_id: ids.role } },
        { method: 'DELETE', url: `${API}/invitations/${ids.invitation}` },
        { method: 'POST', url: `${API}/invitations/${ids.invitation}/resend` },
        { method: 'PATCH', url: `${API}/roles/${ids.role}`, payload: { name: 'Hijacked', permissions: ['orders.manage'] } },
        { method: 'DELETE', url: `${API}/roles/${ids.role}` },
      ] as const;
    const send = (r: { method: string; url: string; payload?: object }) =>
      app.inject({ method: r.method as 'GET', url: r.url, headers: a.owner, ...(r.payload ? { payload: r.payload } : {}) });

    for (const [others, missing] of zip(requests({ member: b.memberId, role: b.roleId, invitation: b.invitationId }), requests({ member: MISSING, role: MISSING, invitation: MISSING }))) {
      const [theirs, none] = [await send(others), await send(missing)];
      expect(theirs.statusCode, `${others.method} ${others.url}`).toBe(404);
      expect(none.statusCode, `${missing.method} ${missing.url}`).toBe(404);
      expect((theirs.json() as { error: { code: string } }).error.code).toBe((none.json() as { error: { code: string } }).error.code);
    }
    // B's owner too: the last owner rule must not be what stopped A.
    expect((await send({ method: 'DELETE', url: `${API}/team/${b.ownerMemberId}` })).statusCode).toBe(404);

    expect(await snapshot(b.vendor.id)).toEqual(before);
    // No invitation mail went out on B's behalf.
    expect(await app.wizamart.database.db.selectFrom('mail_outbox').select('id').execute()).toEqual(mailsBefore);
    // A's member kept their role.
    const aMember = (await app.inject({ method: 'GET', url: `${API}/team`, headers: a.owner })).json() as { members: Array<{ id: number; role_id: number | null }> };
    expect(aMember.members.find((m) => m.id === a.memberId)!.role_id).toBe(a.roleId);
  });

  it("lists only the caller's vendor", async () => {
    const team = (await app.inject({ method: 'GET', url: `${API}/team`, headers: a.owner })).json() as { members: Array<{ id: number }> };
    expect(team.members.map((m) => m.id).sort()).toEqual([a.memberId, a.ownerMemberId].sort());
    const invitations = (await app.inject({ method: 'GET', url: `${API}/invitations`, headers: a.owner })).json() as { invitations: Array<{ id: number }> };
    expect(invitations.invitations.map((i) => i.id)).toEqual([a.invitationId]);
    const roles = (await app.inject({ method: 'GET', url: `${API}/roles`, headers: a.owner })).json() as { roles: Array<{ id: number }> };
    expect(roles.roles.map((r) => r.id)).toEqual([a.roleId]);
    // The same role name in two vendors is no conflict.
    expect(b.roleId).not.toBe(a.roleId);
  });

  it("answers 404 to every page form aimed at another vendor's ids, and changes nothing", async () => {
    const before = await snapshot(b.vendor.id);
    const s = await PageSession.signedIn(app, 'vendor', a.ownerId, a.vendor.id);
    const base = `/vendor/${a.vendor.code}/team`;
    await s.get(base);
    const posts: Array<[string, Record<string, string>]> = [
      [`${base}/${b.memberId}/role`, { role: 'owner' }],
      [`${base}/${b.memberId}/remove`, {}],
      [`${base}/${a.memberId}/role`, { role: `custom:${b.roleId}` }],
      [`${base}/invitations`, { email: 'guess@example.test', role: `custom:${b.roleId}` }],
      [`${base}/invitations/${b.invitationId}/resend`, {}],
      [`${base}/invitations/${b.invitationId}/revoke`, {}],
      [`${base}/roles/${b.roleId}`, { name: 'Hijacked', permissions: 'orders.manage' }],
      [`${base}/roles/${b.roleId}/delete`, {}],
    ];
    for (const [url, form] of posts) {
      const res = await s.post(url, form);
      expect(res.statusCode, url).toBe(404);
    }
    expect((await s.get(`${base}/roles/${b.roleId}`)).statusCode).toBe(404);
    expect((await s.get(`${base}/roles/${MISSING}`)).statusCode).toBe(404);
    expect(await snapshot(b.vendor.id)).toEqual(before);
  });

  it("refuses A's session on B's team pages (403)", async () => {
    const s = await PageSession.signedIn(app, 'vendor', a.ownerId, a.vendor.id);
    await s.get(`/vendor/${a.vendor.code}/team`);
    const before = await snapshot(b.vendor.id);
    for (const url of [`/vendor/${b.vendor.code}/team`, `/vendor/${b.vendor.code}/team/roles`, `/vendor/${b.vendor.code}/team/roles/${b.roleId}`]) {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain(`invitee-${b.vendor.code}`);
    }
    const post = await s.post(`/vendor/${b.vendor.code}/team/invitations`, { email: 'sneaky@example.test', role: 'owner' });
    expect(post.statusCode).toBe(403);
    expect(await snapshot(b.vendor.id)).toEqual(before);
  });

  it("ends a removed member's bearer token (401), on this vendor only", async () => {
    const vendor = await createVendor(app);
    const owner = await createVendorUser(app, vendor, { role: 'owner' });
    const ownerHeaders = await bearerHeaders(app, 'vendor', owner.id, vendor.id);
    const other = await createVendor(app);
    const leaving = await createVendorUser(app, vendor, { role: 'manager' });
    await createVendorUser(app, other, { role: 'staff', email: leaving.email });
    const here = await bearerHeaders(app, 'vendor', leaving.id, vendor.id);
    const there = await bearerHeaders(app, 'vendor', leaving.id, other.id);
    const members = (await app.inject({ method: 'GET', url: `${API}/team`, headers: ownerHeaders })).json() as { members: Array<{ id: number; user_id: number }> };

    const removed = await app.inject({ method: 'DELETE', url: `${API}/team/${members.members.find((m) => m.user_id === leaving.id)!.id}`, headers: ownerHeaders });
    expect(removed.statusCode).toBe(204);
    const refused = await app.inject({ method: 'GET', url: `${API}/team`, headers: here });
    expect(refused.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers: here })).statusCode).toBe(401);
    // Their session for the other vendor goes on.
    expect((await app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers: there })).statusCode).toBe(200);
  });
});

function zip<A, B>(left: readonly A[], right: readonly B[]): Array<[A, B]> {
  return left.map((item, i) => [item, right[i]!]);
}
