import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'cms',
  name: 'Content Management',
  description: 'Content pages, media library and themes.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
});
