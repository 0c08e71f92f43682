import { AppError } from '../../exceptions/base.ts';
import type { LoadedTask } from '../../modules/tasks.ts';
import type { EnqueueOptions, TaskDefinition, TaskPayload } from '../queue.ts';
import { TASK_ERRORS } from './queue-errors.ts';
import type { TaskCatalog } from './task-catalog.ts';
import { retryPolicyOf, type RetryPolicy } from './retry-policy.ts';

/** An enqueue call, checked and normalised the same way for both backends. */
export interface JobRequest extends RetryPolicy {
  readonly task: LoadedTask;
  readonly payload: TaskPayload;
  readonly platform: string | undefined;
  readonly delayMs: number;
}

/**
 * Checks an enqueue call before anything is queued, so a mistake surfaces
 * in the caller and not later in a worker's log.
 */
export function prepareJob(
  catalog: TaskCatalog,
  task: string | Pick<TaskDefinition, 'name'>,
  payload: object | undefined,
  options: EnqueueOptions = {},
): JobRequest {
  const loaded = catalog.get(typeof task === 'string' ? task : task.name);
  const name = loaded.task.name;
  const { platform, delayMs = 0 } = options;
  if (platform !== undefined && (typeof platform !== 'string' || platform === '')) {
    throw new AppError(TASK_ERRORS.TASK_OPTIONS_INVALID, { task: name, detail: 'platform must be a platform code' });
  }
  if (!Number.isInteger(delayMs) || delayMs < 0) {
    throw new AppError(TASK_ERRORS.TASK_OPTIONS_INVALID, { task: name, detail: `delayMs must be an integer >= 0 (got ${String(delayMs)})` });
  }
  return { task: loaded, payload: toJsonObject(name, payload ?? {}), platform, delayMs, ...retryPolicyOf(loaded.task) };
}

/**
 * A JSON copy of the payload. BullMQ serialises payloads to Redis; copying
 * in-process too means a handler sees the same value (no shared mutable
 * object, no Date that turns into a string only on one backend).
 */
function toJsonObject(task: string, payload: object): TaskPayload {
  if (Array.isArray(payload) || typeof payload !== 'object' || payload === null) {
    throw new AppError(TASK_ERRORS.TASK_PAYLOAD_INVALID, { task, detail: 'expected an object' });
  }
  try {
    return JSON.parse(JSON.stringify(payload)) as TaskPayload;
  } catch (error) {
    throw new AppError(TASK_ERRORS.TASK_PAYLOAD_INVALID, { task, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
}
