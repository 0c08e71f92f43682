import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, seedPlatform, type TestApp } from '../helpers/test-app.ts';

describe('module service', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ platforms: { wizamart: [], other: [] } });
  });
  afterEach(async () => {
    await t.close();
  });
  const service = () => t.app.wizamart.modules;

  it('treats core modules as always enabled and optional ones as off until enabled', async () => {
    expect(await service().isModuleEnabled('wizamart', 'tenancy')).toBe(true);
    expect(await service().isModuleEnabled('wizamart', 'billing')).toBe(false);
    const states = await service().getPlatformModules('wizamart');
    expect(states.filter((m) => m.enabled).map((m) => m.code).sort()).toEqual(['cms', 'core', 'customers', 'tenancy']);
  });

  it('enabling checkout also enables cart, orders and payments', async () => {
    const result = await service().enableModule('wizamart', 'checkout', { actor: 'tester' });
    expect([...result.changed].sort()).toEqual(['cart', 'checkout', 'orders', 'payments']);
    expect(result.plan.find((s) => s.module === 'payments')?.reason).toMatch(/^required by (orders|checkout)$/);
    for (const code of result.changed) expect(await service().isModuleEnabled('wizamart', code)).toBe(true);
    expect(await service().isModuleEnabled('other', 'checkout')).toBe(false);
  });

  it('disabling payments also disables billing, orders and checkout, and only those', async () => {
    await service().enableModule('wizamart', 'checkout');
    await service().enableModule('wizamart', 'billing');
    await service().enableModule('wizamart', 'analytics');
    const result = await service().disableModule('wizamart', 'payments', { actor: 'tester' });
    expect([...result.changed].sort()).toEqual(['billing', 'checkout', 'orders', 'payments']);
    expect(await service().isModuleEnabled('wizamart', 'cart')).toBe(true);
    expect(await service().isModuleEnabled('wizamart', 'analytics')).toBe(true);
    expect(result.plan.find((s) => s.module === 'checkout')?.reason).toMatch(/^requires (orders|payments)$/);
  });

  it('a dry run reports the plan and changes nothing', async () => {
    const result = await service().enableModule('wizamart', 'billing', { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.changed).toEqual(['payments', 'billing']);
    expect(await service().isModuleEnabled('wizamart', 'billing')).toBe(false);
    const audit = await t.database.db.selectFrom('module_audit_log').selectAll().execute();
    expect(audit).toHaveLength(0);
  });

  it('refuses to disable a core module with a clear error', async () => {
    await expect(service().disableModule('wizamart', 'cms')).rejects.toMatchObject({
      code: 'MODULE_CORE_CANNOT_DISABLE',
      status: 409,
    });
  });

  it('refuses unknown modules and platforms', async () => {
    await expect(service().enableModule('wizamart', 'nope')).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
    await expect(service().enableModule('atlantis', 'cart')).rejects.toMatchObject({ code: 'PLATFORM_NOT_FOUND' });
  });

  it('writes who, when, the plan and the result to the audit log', async () => {
    await service().enableModule('wizamart', 'orders', { actor: 'alice@example.com' });
    const rows = await t.database.db.selectFrom('module_audit_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ module_code: 'orders', action: 'enable', actor: 'alice@example.com' });
    expect(row.created_at).toBeInstanceOf(Date);
    expect(row.plan).toEqual([
      { module: 'payments', from: false, to: true, reason: 'required by orders' },
      { module: 'orders', from: false, to: true, reason: 'requested' },
    ]);
    expect(row.result).toEqual({ changed: ['payments', 'orders'] });
  });

  it('changing nothing changes nothing and is not audited', async () => {
    await service().enableModule('wizamart', 'cart');
    const again = await service().enableModule('wizamart', 'cart');
    expect(again.changed).toEqual([]);
    expect(await t.database.db.selectFrom('module_audit_log').selectAll().execute()).toHaveLength(1);
  });

  it('keeps a module state row when disabled, so enabling again restores it', async () => {
    await service().enableModule('wizamart', 'billing');
    await service().disableModule('wizamart', 'billing');
    const rows = await t.database.db.selectFrom('platform_modules').selectAll().where('module_code', '=', 'billing').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.enabled).toBe(false);
    await service().enableModule('wizamart', 'billing');
    expect(await service().isModuleEnabled('wizamart', 'billing')).toBe(true);
  });

  it('seeds platforms through the same service', async () => {
    await seedPlatform(t.app, 'third', ['marketplace']);
    expect(await service().getEnabledModuleCodes('third')).toEqual(expect.arrayContaining(['inventory', 'marketplace']));
  });
});
