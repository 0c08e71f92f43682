import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'cart',
  name: 'Shopping Cart',
  description: 'Shopping cart management and session-based carts.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
  features: ['shopping_cart'],
  // Customers act on their own cart, so the module needs no staff permission.
  menuItems: {
    storefront: [{ id: 'cart', icon: 'shopping-cart', label: 'cart:menu.cart', path: '/cart', order: 20 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  events: [
    { name: 'cart.item_added', description: 'A product was added to a cart' },
    { name: 'cart.item_updated', description: "The quantity of a cart line was changed" },
    { name: 'cart.item_removed', description: 'A product was removed from a cart' },
    { name: 'cart.merged', description: "A guest's session cart was merged into the customer's cart at sign-in" },
  ],
});
