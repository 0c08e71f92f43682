import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'marketplace',
  name: 'Marketplace',
  description: 'Letzshop integration: product export, order import and fulfilment sync.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['inventory'],
  features: ['letzshop_product_export', 'letzshop_order_import', 'letzshop_fulfillment_sync'],
  menuItems: {
    admin: [{ id: 'letzshop', icon: 'refresh', label: 'marketplace:menu.letzshop', path: '/letzshop', permission: 'marketplace.view', order: 60 }],
    vendor: [{ id: 'letzshop', icon: 'refresh', label: 'marketplace:menu.letzshop', path: '/letzshop', permission: 'marketplace.view', order: 60 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'marketplace.view', description: 'View Letzshop imports, exports and their status' },
    { code: 'marketplace.settings.manage', description: 'Set the Letzshop API key and sync settings' },
    { code: 'marketplace.orders.import', description: 'Import orders from Letzshop' },
    { code: 'marketplace.products.export', description: 'Export products to Letzshop' },
  ],
  events: [
    { name: 'marketplace.import.completed', description: 'A Letzshop order import finished' },
    { name: 'marketplace.import.failed', description: 'A Letzshop order import failed' },
    { name: 'marketplace.export.completed', description: 'A Letzshop product export finished' },
    { name: 'marketplace.fulfillment.synced', description: 'Order confirmations and tracking numbers were sent to Letzshop' },
  ],
});
