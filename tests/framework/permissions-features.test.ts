import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/app.ts';
import { createModuleTree, definitionSource } from '../helpers/module-tree.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('permissions and features', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: ['orders'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('collects every permission the modules declare, with its module', () => {
    const orders = t.app.wizamart.permissions.get('orders.manage');
    expect(orders).toMatchObject({ module: 'orders' });
    expect(t.app.wizamart.permissions.all().length).toBeGreaterThan(20);
  });

  it('never grants a permission of a module disabled on the platform', async () => {
    const enabled = new Set(await t.app.wizamart.modules.getEnabledModuleCodes('wizamart'));
    const granted = t.app.wizamart.permissions.grantable(['orders.manage', 'billing.invoices.view', 'made.up'], enabled);
    expect([...granted]).toEqual(['orders.manage']);
  });

  it('makes a feature available only where its module is enabled', async () => {
    const { features } = t.app.wizamart;
    expect(features.moduleOf('custom_reports')).toBe('analytics');
    expect(await features.isAvailable('wizamart', 'order_management')).toBe(true);
    expect(await features.isAvailable('wizamart', 'custom_reports')).toBe(false);
    await t.app.wizamart.modules.enableModule('wizamart', 'analytics');
    expect(await features.isAvailable('wizamart', 'custom_reports')).toBe(true);
    expect(await features.available('wizamart')).toEqual(expect.arrayContaining(['basic_reports', 'order_management']));
  });

  it('refuses at start-up a permission declared by two modules', async () => {
    const perms = "permissions: [{ code: 'shared.manage', description: 'x' }],";
    const tree = createModuleTree({
      'one/definition.ts': definitionSource({ code: 'one', extra: perms }),
      'two/definition.ts': definitionSource({ code: 'two', extra: perms }),
    });
    try {
      await expect(loadRegistry(tree.root)).rejects.toThrow(/\[two\] permission "shared.manage" is already declared by module "one"/);
    } finally {
      tree.remove();
    }
  });
});
