import { defineTask } from '../../../core/queue.ts';
import { config } from '../config.ts';
import { retentionCutoff, TaskRunService } from '../services/task-run.service.ts';

/**
 * Deletes task runs older than MONITORING_TASK_RUN_RETENTION_DAYS. Once a
 * day, for the whole installation (`task_runs` is shared by every platform).
 */
export const pruneTaskRuns = defineTask({
  name: 'monitoring.prune_task_runs',
  // 03:17 UTC: off the hour, when other scheduled work tends to start.
  schedule: '17 3 * * *',
  perPlatform: false,
  attempts: 3,
  async handler(_payload, ctx) {
    const cutoff = retentionCutoff(new Date(), config.taskRunRetentionDays);
    const deleted = await new TaskRunService(ctx.db).pruneStartedBefore(cutoff);
    ctx.log.info({ deleted, cutoff: cutoff.toISOString(), retentionDays: config.taskRunRetentionDays }, 'pruned task runs');
  },
});

export const tasks = [pruneTaskRuns];
