import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'payments',
  name: 'Payments',
  description: 'Payment gateway integrations (Stripe, PayPal, etc.).',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
  features: ['stripe_payments', 'paypal_payments', 'refunds'],
  menuItems: {
    admin: [
      {
        id: 'payment-gateways', icon: 'credit-card',
        label: 'payments:menu.payment-gateways',
        path: '/payment-gateways',
        permission: 'payments.gateways.manage',
        order: 110,
      },
    ],
    vendor: [
      { id: 'payments', icon: 'credit-card', label: 'payments:menu.payments', path: '/payments', permission: 'payments.view', order: 41 },
      {
        id: 'payment-gateways', icon: 'credit-card',
        label: 'payments:menu.payment-gateways',
        path: '/settings/payments',
        permission: 'payments.gateways.manage',
        order: 911,
      },
    ],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'payments.view', description: 'View payments and their status' },
    { code: 'payments.refund', description: 'Refund payments' },
    { code: 'payments.gateways.manage', description: 'Connect and configure payment gateways' },
  ],
  events: [
    { name: 'payments.authorized', description: 'A payment was authorised by the gateway' },
    { name: 'payments.captured', description: 'An authorised payment was captured' },
    { name: 'payments.failed', description: 'A payment was declined or failed' },
    { name: 'payments.refunded', description: 'A payment was refunded, in full or in part' },
  ],
});
