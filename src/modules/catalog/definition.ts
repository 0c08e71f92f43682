import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'catalog',
  name: 'Product Catalog',
  description: 'Customer-facing product browsing.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
});
