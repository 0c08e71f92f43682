import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'checkout',
  name: 'Checkout',
  description: 'Cart-to-order conversion and the checkout flow.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['cart', 'orders', 'payments'],
  features: ['checkout', 'guest_checkout'],
  // The storefront reaches checkout from the cart; it is no navigation entry.
  menuItems: {
    vendor: [
      {
        id: 'checkout-settings', icon: 'credit-card',
        label: 'checkout:menu.checkout-settings',
        path: '/settings/checkout',
        permission: 'checkout.settings.manage',
        order: 910,
      },
    ],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [{ code: 'checkout.settings.manage', description: 'Configure the checkout (guest checkout, terms)' }],
  events: [
    { name: 'checkout.started', description: 'A customer started checking out a cart' },
    { name: 'checkout.completed', description: 'A checkout ended with a placed order' },
    { name: 'checkout.failed', description: 'A checkout was abandoned, expired or its payment failed' },
  ],
});
