import { defineErrors } from '../../exceptions/base.ts';

/**
 * Errors raised by the task queue. Like every `AppError` they map to an
 * HTTP status in one place, so a route that enqueues can let them through.
 */
export const TASK_ERRORS = defineErrors({
  TASK_NOT_FOUND: { category: 'NOT_FOUND', message: 'No module declares a task named "{task}".' },
  TASK_PAYLOAD_INVALID: { category: 'INVALID_DATA', message: 'The payload of task "{task}" is not a JSON object: {detail}' },
  TASK_OPTIONS_INVALID: { category: 'INVALID_DATA', message: 'Invalid options for task "{task}": {detail}' },
  TASK_QUEUE_CLOSED: { category: 'UNAVAILABLE', message: 'The task queue is closed.' },
  TASK_DRAIN_TIMEOUT: {
    category: 'UNAVAILABLE',
    message: 'The task queue still had {pending} job(s) pending after {timeoutMs} ms.',
  },
});
