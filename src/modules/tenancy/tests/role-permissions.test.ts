import { describe, expect, it } from 'vitest';
import { PermissionCatalog } from '../../../core/permissions.ts';
import { defineModule, type ModuleDefinition } from '../../base.ts';
import type { ModuleManifest } from '../../discovery.ts';
import { ModuleRegistry } from '../../registry.ts';
import { definition as tenancy } from '../definition.ts';
import {
  builtinVendorRoleGrants,
  grantedToAdmin,
  grantedToVendorRole,
  isBuiltinVendorRole,
  SUPER_ADMIN_ONLY_PERMISSIONS,
} from '../services/role-permissions.ts';

/** A catalog of tenancy's real permissions plus a shop module with one permission of each scope. */
function catalog(): PermissionCatalog {
  const shop = defineModule({
    code: 'shop',
    name: 'Shop',
    isCore: true,
    permissions: [
      { code: 'shop.orders.view', description: 'View orders' },
      { code: 'shop.orders.manage', description: 'Edit orders' },
      { code: 'shop.plans.manage', description: 'Edit subscription plans', scope: 'admin' },
      { code: 'shop.reports.view', description: 'View platform reports', scope: 'admin' },
      { code: 'shop.storefront.manage', description: 'Edit the storefront', scope: 'vendor' },
    ],
  });
  return PermissionCatalog.fromRegistry(new ModuleRegistry([manifest(tenancy), manifest(shop)]));
}

function manifest(definition: ModuleDefinition): ModuleManifest {
  return {
    definition,
    dir: '',
    definitionFile: '',
    configFile: undefined,
    routeFiles: [],
    tasksFile: undefined,
    templatesDir: undefined,
    staticDir: undefined,
    localeFiles: {},
    migrationsDir: undefined,
  };
}

const sorted = (codes: Iterable<string>) => [...codes].sort();

describe('admin roles', () => {
  const c = catalog();

  it('a super admin holds every admin-audience permission, on any platform', () => {
    const expected = sorted(c.forAudience('admin').map((p) => p.code));
    expect(sorted(grantedToAdmin(c, { role: 'super_admin', platforms: 'all' }, 'wizamart'))).toEqual(expected);
    expect(sorted(grantedToAdmin(c, { role: 'super_admin', platforms: 'all' }, 'elsewhere'))).toEqual(expected);
    expect(expected).toContain('tenancy.users.manage');
    expect(expected).toContain('shop.orders.view');
    expect(expected).not.toContain('shop.storefront.manage');
    expect(expected).not.toContain('tenancy.team.view');
  });

  it('a platform admin holds the same minus platform creation and admin users, on the platforms they administer', () => {
    const granted = grantedToAdmin(c, { role: 'platform_admin', platforms: ['wizamart', 'other'] }, 'wizamart');
    const superAdmin = grantedToAdmin(c, { role: 'super_admin', platforms: 'all' }, 'wizamart');
    expect(sorted(granted)).toEqual(sorted(superAdmin.filter((code) => !SUPER_ADMIN_ONLY_PERMISSIONS.includes(code))));
    expect(granted).toContain('tenancy.vendors.manage');
    expect(granted).toContain('tenancy.platforms.view');
    expect(granted).toContain('shop.plans.manage');
    for (const code of ['tenancy.platforms.manage', 'tenancy.users.view', 'tenancy.users.manage']) expect(granted).not.toContain(code);
  });

  it('a platform admin holds nothing on a platform they do not administer', () => {
    expect(grantedToAdmin(c, { role: 'platform_admin', platforms: ['other'] }, 'wizamart')).toEqual([]);
    expect(grantedToAdmin(c, { role: 'platform_admin', platforms: [] }, 'wizamart')).toEqual([]);
  });
});

describe('vendor roles', () => {
  const c = catalog();
  const vendorCodes = sorted(c.forAudience('vendor').map((p) => p.code));

  it('an owner holds every vendor-audience permission and no admin-only one', () => {
    const owner = grantedToVendorRole(c, { builtin: 'owner' });
    expect(sorted(owner)).toEqual(vendorCodes);
    expect(owner).toContain('tenancy.team.manage');
    expect(owner).toContain('shop.storefront.manage');
    expect(owner).not.toContain('shop.plans.manage');
    expect(owner).not.toContain('tenancy.vendors.view');
  });

  it("a manager holds the owner's permissions except managing the team", () => {
    const manager = grantedToVendorRole(c, { builtin: 'manager' });
    expect(sorted(manager)).toEqual(vendorCodes.filter((code) => code !== 'tenancy.team.manage'));
    expect(manager).toContain('tenancy.team.view');
  });

  it('staff hold only the vendor-audience view permissions', () => {
    expect(sorted(grantedToVendorRole(c, { builtin: 'staff' }))).toEqual(['shop.orders.view', 'tenancy.team.view']);
  });

  it('a custom role holds its stored permissions that are vendor-audience, and ignores unknown and admin-only codes', () => {
    const granted = grantedToVendorRole(c, {
      custom: ['shop.orders.view', 'shop.storefront.manage', 'shop.plans.manage', 'tenancy.users.manage', 'gone.module.view'],
    });
    expect(sorted(granted)).toEqual(['shop.orders.view', 'shop.storefront.manage']);
    expect(grantedToVendorRole(c, { custom: [] })).toEqual([]);
  });

  it('lists what each built-in role grants, for the team page', () => {
    const grants = builtinVendorRoleGrants(c);
    expect(Object.keys(grants)).toEqual(['owner', 'manager', 'staff']);
    expect(grants.staff).toEqual(grantedToVendorRole(c, { builtin: 'staff' }));
    expect(grants.manager.length).toBe(grants.owner.length - 1);
  });

  it('tells a built-in role name from a custom one', () => {
    expect(isBuiltinVendorRole('owner')).toBe(true);
    expect(isBuiltinVendorRole('Packer')).toBe(false);
  });
});
