import { defineModule } from '../base.ts';
import { checkTaskRunsReadable } from './services/task-run.service.ts';

export const definition = defineModule({
  code: 'monitoring',
  name: 'Monitoring',
  description: 'Logs, background tasks, Flower and Grafana integration.',
  version: '1.0.0',
  isCore: false,
  isInternal: true,
  requires: [],
  features: ['task_run_history', 'task_run_summary', 'task_run_retention'],
  menuItems: {
    admin: [
      {
        id: 'task-runs',
        label: 'monitoring:menu.task-runs',
        path: '/monitoring/task-runs',
        icon: 'activity',
        permission: 'monitoring.view',
        order: 900,
      },
    ],
  },
  permissions: [{ code: 'monitoring.view', description: 'View background task runs and their history', scope: 'admin' }],
  // No events yet: the module only reads and prunes; nothing it does is news to another module.
  events: [],
  // The admin API is useless if `task_runs` cannot be read (say, a migration is missing).
  healthCheck: checkTaskRunsReadable,
});
