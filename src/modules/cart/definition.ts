import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'cart',
  name: 'Shopping Cart',
  description: 'Shopping cart management and session-based carts.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
});
