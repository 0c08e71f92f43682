import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'dev-tools',
  name: 'Developer Tools',
  description: 'Component library and icon browser.',
  version: '1.0.0',
  isCore: false,
  isInternal: true,
  requires: [],
});
