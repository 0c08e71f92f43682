import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'catalog',
  name: 'Product Catalog',
  description: 'Customer-facing product browsing.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
  features: ['product_catalog', 'product_categories', 'product_search'],
  menuItems: {
    admin: [{ id: 'products', icon: 'package', label: 'catalog:menu.products', path: '/products', permission: 'catalog.products.view', order: 30 }],
    vendor: [
      { id: 'products', icon: 'package', label: 'catalog:menu.products', path: '/products', permission: 'catalog.products.view', order: 20 },
      {
        id: 'categories', icon: 'tag',
        label: 'catalog:menu.categories',
        path: '/categories',
        permission: 'catalog.categories.manage',
        order: 21,
      },
    ],
    storefront: [
      { id: 'products', icon: 'package', label: 'catalog:menu.products', path: '/products', order: 10 },
      { id: 'search', icon: 'search', label: 'catalog:menu.search', path: '/search', order: 11 },
    ],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'catalog.products.view', description: 'View products' },
    { code: 'catalog.products.manage', description: 'Create, edit, publish and delete products' },
    { code: 'catalog.categories.manage', description: 'Create, edit and order categories' },
  ],
  events: [
    { name: 'catalog.product.created', description: 'A product was created' },
    { name: 'catalog.product.updated', description: 'A product was changed (price, details or visibility)' },
    { name: 'catalog.product.deleted', description: 'A product was deleted' },
  ],
});
