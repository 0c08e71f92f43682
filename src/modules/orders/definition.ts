import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'orders',
  name: 'Orders',
  description: 'Order management and customer checkout.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['payments'],
});
