import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'customers',
  name: 'Customers',
  description: 'Customer database, profiles and segmentation.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
});
