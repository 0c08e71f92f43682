import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'billing',
  name: 'Billing',
  description: 'Platform subscriptions and vendor invoices.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['payments'],
  features: ['subscription_plans', 'vendor_invoices'],
  menuItems: {
    admin: [
      { id: 'plans', icon: 'layers', label: 'billing:menu.plans', path: '/billing/plans', permission: 'billing.plans.manage', order: 100 },
      {
        id: 'subscriptions', icon: 'refresh',
        label: 'billing:menu.subscriptions',
        path: '/billing/subscriptions',
        permission: 'billing.subscriptions.view',
        order: 101,
      },
      { id: 'invoices', icon: 'receipt', label: 'billing:menu.invoices', path: '/billing/invoices', permission: 'billing.invoices.view', order: 102 },
    ],
    vendor: [{ id: 'billing', icon: 'currency-euro', label: 'billing:menu.billing', path: '/billing', permission: 'billing.subscriptions.view', order: 810 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'billing.plans.manage', description: 'Create and edit subscription plans', scope: 'admin' },
    { code: 'billing.subscriptions.view', description: 'View subscriptions' },
    { code: 'billing.subscriptions.manage', description: 'Change or cancel a subscription' },
    { code: 'billing.invoices.view', description: 'View and download invoices' },
  ],
  events: [
    { name: 'billing.subscription.created', description: 'A vendor subscribed to a plan' },
    { name: 'billing.subscription.changed', description: "A vendor's plan was changed" },
    { name: 'billing.subscription.cancelled', description: 'A subscription was cancelled' },
    { name: 'billing.invoice.issued', description: 'An invoice was issued to a vendor' },
    { name: 'billing.invoice.paid', description: 'An invoice was paid' },
    { name: 'billing.invoice.overdue', description: 'An invoice passed its due date unpaid' },
  ],
});
