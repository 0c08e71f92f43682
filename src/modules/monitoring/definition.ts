import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'monitoring',
  name: 'Monitoring',
  description: 'Logs, background tasks, Flower and Grafana integration.',
  version: '1.0.0',
  isCore: false,
  isInternal: true,
  requires: [],
});
