import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the monitoring module; translated under `monitoring:errors.<CODE>`. */
export const MONITORING_ERRORS = defineErrors({
  MONITORING_TASK_RUN_NOT_FOUND: { category: 'NOT_FOUND', message: 'Task run {id} does not exist.' },
});
