import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'analytics',
  name: 'Analytics & Reporting',
  description: 'Reports and dashboards.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
});
