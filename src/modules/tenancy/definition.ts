import { defineModule } from '../base.ts';

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
      { id: 'users', icon: 'users', label: 'tenancy:menu.users', path: '/users', permission: 'tenancy.users.view', order: 23 },
    ],
    vendor: [{ id: 'team', icon: 'users', label: 'tenancy:menu.team', path: '/team', permission: 'tenancy.team.manage', order: 800 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'tenancy.platforms.view', description: 'View platforms' },
    { code: 'tenancy.platforms.manage', description: 'Create and edit platforms' },
    { code: 'tenancy.companies.view', description: 'View companies' },
    { code: 'tenancy.companies.manage', description: 'Create and edit companies' },
    { code: 'tenancy.vendors.view', description: 'View vendors' },
    { code: 'tenancy.vendors.manage', description: 'Create, edit and deactivate vendors' },
    { code: 'tenancy.users.view', description: 'View admin users' },
    { code: 'tenancy.users.manage', description: 'Create, edit and deactivate admin users' },
    { code: 'tenancy.team.manage', description: "Invite and remove members of the vendor's team" },
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
});
