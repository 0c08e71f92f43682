import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'checkout',
  name: 'Checkout',
  description: 'Cart-to-order conversion and the checkout flow.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['cart', 'orders', 'payments'],
});
