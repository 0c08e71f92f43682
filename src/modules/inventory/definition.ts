import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'inventory',
  name: 'Inventory',
  description: 'Stock management and stock locations.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
});
