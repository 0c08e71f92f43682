import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'marketplace',
  name: 'Marketplace',
  description: 'Letzshop integration.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['inventory'],
});
