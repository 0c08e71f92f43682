import { defineModule } from '../base.ts';
import { adminIdentity } from './services/admin-identity.ts';
import { vendorIdentity } from './services/vendor-identity.ts';
import { tenantResolver } from './services/tenant-resolver.ts';
import { moduleChangesWidget, teamWidget, tenantsWidget } from './widgets.ts';

export const definition = defineModule({
  code: 'tenancy',
  name: 'Tenancy',
  description: 'Platform, company, vendor and admin user management: the multi-tenant infrastructure.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
  features: ['team_management', 'custom_domains'],
  menuItems: {
    admin: [
      { id: 'platforms', icon: 'globe', label: 'tenancy:menu.platforms', path: '/platforms', permission: 'tenancy.platforms.view', order: 20 },
      { id: 'companies', icon: 'building', label: 'tenancy:menu.companies', path: '/companies', permission: 'tenancy.companies.view', order: 21 },
      { id: 'vendors', icon: 'store', label: 'tenancy:menu.vendors', path: '/vendors', permission: 'tenancy.vendors.view', order: 22 },
      { id: 'vendor-users', icon: 'users', label: 'tenancy:menu.vendor-users', path: '/vendor-users', permission: 'tenancy.vendors.view', order: 23 },
      { id: 'users', icon: 'shield-check', label: 'tenancy:menu.users', path: '/users', permission: 'tenancy.users.view', order: 24 },
      { id: 'modules', icon: 'layers', label: 'tenancy:menu.modules', path: '/modules', permission: 'tenancy.modules.view', order: 25 },
    ],
    vendor: [{ id: 'team', icon: 'users', label: 'tenancy:menu.team', path: '/team', permission: 'tenancy.team.view', order: 800 }],
  },
  permissions: [
    { code: 'tenancy.platforms.view', description: 'View platforms', scope: 'admin' },
    { code: 'tenancy.platforms.manage', description: 'Create and edit platforms and their domains', scope: 'admin' },
    { code: 'tenancy.companies.view', description: 'View companies', scope: 'admin' },
    { code: 'tenancy.companies.manage', description: 'Create and edit companies', scope: 'admin' },
    { code: 'tenancy.vendors.view', description: 'View vendors and their users', scope: 'admin' },
    { code: 'tenancy.vendors.manage', description: 'Create, edit and suspend vendors; manage their users', scope: 'admin' },
    { code: 'tenancy.users.view', description: 'View admin users', scope: 'admin' },
    { code: 'tenancy.users.manage', description: 'Create, edit and disable admin users', scope: 'admin' },
    { code: 'tenancy.modules.view', description: "View a platform's modules and their audit log", scope: 'admin' },
    { code: 'tenancy.modules.manage', description: 'Enable and disable modules; hide and reorder menu items', scope: 'admin' },
    { code: 'tenancy.team.view', description: "View the vendor's team", scope: 'vendor' },
    { code: 'tenancy.team.manage', description: "Invite, change the role of and remove members of the vendor's team; define roles", scope: 'vendor' },
  ],
  events: [
    { name: 'tenancy.platform.created', description: 'A platform was created' },
    { name: 'tenancy.company.created', description: 'A company was created' },
    { name: 'tenancy.vendor.created', description: 'A vendor was created' },
    { name: 'tenancy.vendor.updated', description: "A vendor's details were changed" },
    { name: 'tenancy.vendor.deactivated', description: 'A vendor was deactivated' },
    { name: 'tenancy.team.member_added', description: "A user joined a vendor's team" },
    { name: 'tenancy.team.member_removed', description: "A user left a vendor's team" },
  ],
  widgets: { admin: [tenantsWidget, moduleChangesWidget], vendor: [teamWidget] },
  // Framework extension points: who admins and vendor staff are, and which tenant a host names.
  provides: {
    identities: { admin: adminIdentity, vendor: vendorIdentity },
    tenants: tenantResolver,
  },
});
