import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'core',
  name: 'Core',
  description: 'Dashboard, settings and user profile: basic platform operation.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
});
