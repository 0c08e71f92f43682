import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the monitoring module, read from `MONITORING_*` variables. */
export const configSchema = Type.Object(
  {
    /**
     * Task runs older than this are deleted by `monitoring.prune_task_runs`.
     * @default 30
     * @example MONITORING_TASK_RUN_RETENTION_DAYS=90
     */
    taskRunRetentionDays: Type.Integer({
      default: 30,
      minimum: 1,
      maximum: 3650,
      description: 'Days of task run history to keep (MONITORING_TASK_RUN_RETENTION_DAYS).',
    }),
  },
  { additionalProperties: false },
);

export type MonitoringConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('monitoring', configSchema);
