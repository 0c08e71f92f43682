import { defineModule } from '../base.ts';
import { stockLocationsWidget } from './widgets.ts';

export const definition = defineModule({
  code: 'inventory',
  name: 'Inventory',
  description: 'Stock management and stock locations.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
  features: ['stock_tracking', 'stock_locations', 'low_stock_alerts'],
  menuItems: {
    vendor: [
      { id: 'inventory', icon: 'warehouse', label: 'inventory:menu.inventory', path: '/inventory', permission: 'inventory.view', order: 30 },
      {
        id: 'stock-locations', icon: 'map-pin',
        label: 'inventory:menu.stock-locations',
        path: '/inventory/locations',
        permission: 'inventory.locations.manage',
        order: 31,
      },
    ],
  },
  permissions: [
    { code: 'inventory.view', description: 'View stock levels' },
    { code: 'inventory.manage', description: 'Adjust stock levels and move stock between locations' },
    { code: 'inventory.locations.manage', description: 'Create, edit and delete stock locations' },
  ],
  events: [
    { name: 'inventory.stock_adjusted', description: 'The stock of a product at a location was changed' },
    { name: 'inventory.stock_low', description: "A product's stock fell to or below its low-stock threshold" },
    { name: 'inventory.stock_out', description: 'A product ran out of stock' },
  ],
  widgets: { vendor: [stockLocationsWidget] },
});
