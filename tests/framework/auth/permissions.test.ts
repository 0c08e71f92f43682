import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VendorScope } from '../../../src/core/database/vendor-scope.ts';
import type { TenancyTables } from '../../../src/modules/tenancy/models/tenancy.model.ts';
import { bearerHeaders, createVendor, createVendorUser } from '../../helpers/auth.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** RBAC end to end: roles grant permissions, a disabled module's permissions are never granted, and the data layer scopes by vendor. */
describe('permissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = async (headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/vendor/auth/me', headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { role: string; permissions: string[] };
  };

  it('grants an owner every vendor permission, staff only the .view ones, and no admin-only one to either', async () => {
    const vendor = await createVendor(t.app);
    const owner = await createVendorUser(t.app, vendor, { role: 'owner' });
    const staff = await createVendorUser(t.app, vendor, { role: 'staff' });
    const ownerPerms = (await me(await bearerHeaders(t.app, 'vendor', owner.id, vendor.id))).permissions;
    const staffPerms = (await me(await bearerHeaders(t.app, 'vendor', staff.id, vendor.id))).permissions;
    expect(ownerPerms).toContain('tenancy.team.manage');
    expect(ownerPerms).toContain('orders.manage');
    expect(ownerPerms).not.toContain('tenancy.vendors.manage');
    expect(ownerPerms).not.toContain('monitoring.view');
    expect(staffPerms.length).toBeGreaterThan(0);
    expect(staffPerms.every((p) => p.endsWith('.view'))).toBe(true);
    expect(staffPerms).not.toContain('tenancy.team.manage');
  });

  it('never grants a permission of a module disabled on the platform, and grants it again when re-enabled', async () => {
    const vendor = await createVendor(t.app);
    const owner = await createVendorUser(t.app, vendor, { role: 'owner' });
    const headers = await bearerHeaders(t.app, 'vendor', owner.id, vendor.id);
    expect((await me(headers)).permissions.filter((p) => p.startsWith('orders.'))).not.toEqual([]);
    await t.app.wizamart.modules.disableModule('wizamart', 'orders', { actor: 'test' });
    try {
      const after = (await me(headers)).permissions;
      expect(after.filter((p) => p.startsWith('orders.') || p.startsWith('checkout.'))).toEqual([]);
      expect(after).toContain('tenancy.team.manage');
    } finally {
      await t.app.wizamart.modules.enableModule('wizamart', 'checkout', { actor: 'test' });
    }
    expect((await me(headers)).permissions).toContain('orders.manage');
  });

  it('scopes every query of a VendorScope to its vendor, and stamps inserts with it', async () => {
    const a = await createVendor(t.app);
    const b = await createVendor(t.app);
    const db = t.app.wizamart.database.db.withTables<TenancyTables>();
    const scopeA = new VendorScope(db, a.id);
    const scopeB = new VendorScope(db, b.id);
    // A vendor_id smuggled into the values is overwritten, not trusted.
    const inserted = await scopeA
      .insertInto('vendor_roles', { name: 'Packers', permissions: JSON.stringify([]), vendor_id: b.id } as never)
      .returning(['id', 'vendor_id'])
      .executeTakeFirstOrThrow();
    expect(inserted.vendor_id).toBe(a.id);
    expect(await scopeB.selectFrom('vendor_roles').selectAll().where('id', '=', inserted.id).executeTakeFirst()).toBeUndefined();
    const updated = await scopeB.updateTable('vendor_roles').set({ name: 'Stolen' }).where('id', '=', inserted.id).executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await scopeB.deleteFrom('vendor_roles').where('id', '=', inserted.id).executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(0);
    expect((await scopeA.selectFrom('vendor_roles').select('name').where('id', '=', inserted.id).executeTakeFirstOrThrow()).name).toBe('Packers');
  });
});
