import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'messaging',
  name: 'Messaging',
  description: 'Messages and notifications.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
});
