import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'orders',
  name: 'Orders',
  description: 'Order management and customer checkout.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['payments'],
  features: ['order_management', 'order_fulfillment'],
  menuItems: {
    admin: [{ id: 'orders', icon: 'shopping-cart', label: 'orders:menu.orders', path: '/orders', permission: 'orders.view', order: 40 }],
    vendor: [{ id: 'orders', icon: 'shopping-cart', label: 'orders:menu.orders', path: '/orders', permission: 'orders.view', order: 40 }],
    storefront: [{ id: 'my-orders', icon: 'package', label: 'orders:menu.my-orders', path: '/account/orders', order: 31 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'orders.view', description: 'View orders' },
    { code: 'orders.manage', description: 'Edit orders and change their status' },
    { code: 'orders.fulfill', description: 'Ship orders and set tracking numbers' },
    { code: 'orders.cancel', description: 'Cancel orders' },
  ],
  events: [
    { name: 'orders.placed', description: 'A customer placed an order' },
    { name: 'orders.paid', description: "An order's payment was captured" },
    { name: 'orders.shipped', description: 'An order was shipped' },
    { name: 'orders.delivered', description: 'An order was delivered' },
    { name: 'orders.cancelled', description: 'An order was cancelled' },
  ],
});
