import { defineModule } from '../base.ts';
import { adminCustomersWidget, vendorCustomersWidget } from './widgets.ts';
import { customerIdentity } from './services/customer-identity.ts';

export const definition = defineModule({
  code: 'customers',
  name: 'Customers',
  description: 'Customer database, profiles and segmentation.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
  features: ['customer_profiles', 'customer_segments'],
  // Storefront customers sign in through the framework's auth (a separate audience, per shop).
  provides: { identities: { customer: customerIdentity } },
  menuItems: {
    admin: [{ id: 'customers', icon: 'users', label: 'customers:menu.customers', path: '/customers', permission: 'customers.view', order: 50 }],
    vendor: [
      { id: 'customers', icon: 'users', label: 'customers:menu.customers', path: '/customers', permission: 'customers.view', order: 50 },
      {
        id: 'customer-segments', icon: 'filter',
        label: 'customers:menu.customer-segments',
        path: '/customers/segments',
        permission: 'customers.segments.manage',
        order: 51,
      },
    ],
    storefront: [{ id: 'account', icon: 'user', label: 'customers:menu.account', path: '/account', order: 30 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'customers.view', description: 'View customers and their profiles' },
    { code: 'customers.manage', description: 'Create, edit and delete customers' },
    { code: 'customers.segments.manage', description: 'Create and edit customer segments' },
    { code: 'customers.export', description: 'Export customers as CSV', scope: 'vendor' },
  ],
  widgets: { vendor: [vendorCustomersWidget], admin: [adminCustomersWidget] },
  events: [
    { name: 'customers.registered', description: 'A customer created an account' },
    { name: 'customers.updated', description: "A customer's profile was changed" },
    { name: 'customers.deleted', description: "A customer's data was erased" },
  ],
});
