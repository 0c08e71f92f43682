import type { TaskDefinition } from '../queue.ts';

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;

export interface RetryPolicy {
  /** Attempts in all. */
  readonly attempts: number;
  /** Delay before the first retry. */
  readonly backoffMs: number;
}

export function retryPolicyOf(task: Pick<TaskDefinition, 'attempts' | 'backoffMs'>): RetryPolicy {
  return { attempts: task.attempts ?? DEFAULT_ATTEMPTS, backoffMs: task.backoffMs ?? DEFAULT_BACKOFF_MS };
}

/**
 * The wait before retrying after attempt `failedAttempt` (from 1) failed:
 * backoffMs, then twice that, then four times… It is BullMQ's built-in
 * `exponential` formula, so both backends space retries alike.
 *
 * @example retryDelay(1000, 1) // 1000; retryDelay(1000, 3) // 4000
 */
export function retryDelay(backoffMs: number, failedAttempt: number): number {
  return Math.round(2 ** (failedAttempt - 1) * backoffMs);
}
