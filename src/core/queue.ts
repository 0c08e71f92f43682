/**
 * The background task interface. Modules declare tasks in `tasks/index.ts`;
 * the framework runs them on BullMQ when REDIS_URL is set and in-process
 * otherwise, behind this one interface (implementations in `./queue/`).
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FrameworkTables } from './database/tables.ts';

export interface TaskContext {
  /** The platform the run is for, when the task is platform-scoped. */
  readonly platform: string | undefined;
  readonly attempt: number;
  readonly db: Kysely<FrameworkTables>;
  readonly log: Logger;
}

export interface TaskDefinition<P = Record<string, unknown>> {
  /** Unique name, conventionally `<module>.<task>`, e.g. `analytics.rollup`. */
  readonly name: string;
  readonly handler: (payload: P, ctx: TaskContext) => Promise<void>;
  /** Attempts in all (1 = no retry). Default 3. */
  readonly attempts?: number;
  /** First retry delay in ms, doubled each retry. Default 1000. */
  readonly backoffMs?: number;
  /** Cron expression for scheduled runs (5 or 6 fields). */
  readonly schedule?: string;
  /**
   * Scheduled runs happen once per platform on which the module is enabled.
   * Default true: most tasks are tenant work.
   */
  readonly perPlatform?: boolean;
}

/** Declares a task. @example export const tasks = [defineTask({ name: 'analytics.rollup', schedule: '0 * * * *', handler })] */
export function defineTask<P = Record<string, unknown>>(task: TaskDefinition<P>): TaskDefinition<P> {
  return task;
}

export interface EnqueueOptions {
  platform?: string;
  delayMs?: number;
}

export interface TaskQueue {
  readonly kind: 'bullmq' | 'in-process';
  /** Queues a run; resolves with the job id once it is accepted. */
  enqueue(taskName: string, payload?: Record<string, unknown>, options?: EnqueueOptions): Promise<string>;
  /** Starts executing jobs and schedules (a web process that only enqueues does not call this). */
  startWorker(): Promise<void>;
  /** Jobs waiting or delayed, for metrics and readiness. */
  depth(): Promise<number>;
  /** True when the backend answers (Redis ping); always true in-process. */
  ping(): Promise<boolean>;
  /** Resolves when no job is running or waiting (in-process; tests use it). */
  drain(): Promise<void>;
  close(): Promise<void>;
}
