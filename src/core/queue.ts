/**
 * The background task interface. Modules declare tasks in `tasks/index.ts`;
 * the framework runs them on BullMQ when REDIS_URL is set and in-process
 * otherwise, behind this one interface (implementations in `./queue/`).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { FrameworkTables } from './database/tables.ts';
import { checkTaskDefinition, TaskDefinitionError } from './queue/task-definition-check.ts';

/** What a job carries: a JSON object (it is stored in Redis and in `task_runs`). */
export type TaskPayload = Record<string, unknown>;

export interface TaskContext {
  /** The platform the run is for, when the task is platform-scoped. */
  readonly platform: string | undefined;
  /** This attempt, from 1. */
  readonly attempt: number;
  /** The job's id, the same on every attempt (`task_runs.job_id`). */
  readonly jobId: string;
  readonly db: Kysely<FrameworkTables>;
  /** A logger bound to the task, job, platform and attempt. */
  readonly log: FastifyBaseLogger;
}

export interface TaskDefinition<P extends object = TaskPayload> {
  /**
   * Unique name, conventionally `<module>.<task>`, e.g. `analytics.rollup`.
   * Letters, digits, `.`, `_` and `-` only: BullMQ reserves `:` in keys.
   */
  readonly name: string;
  /**
   * Does the work; a thrown error fails the attempt. Declared as a method so
   * that a `TaskDefinition<{ day: string }>` still fits in the module's
   * `tasks` array (method parameters are compared bivariantly).
   */
  handler(payload: P, ctx: TaskContext): Promise<void>;
  /**
   * Attempts in all (1 = no retry).
   * @default 3
   */
  readonly attempts?: number;
  /**
   * First retry delay in ms, doubled each retry (1000, 2000, 4000…).
   * @default 1000
   */
  readonly backoffMs?: number;
  /**
   * Cron expression for scheduled runs, 5 fields or 6 with seconds first,
   * evaluated in UTC.
   * @example '0 3 * * *' // every day at 03:00 UTC
   */
  readonly schedule?: string;
  /**
   * Scheduled runs happen once per platform on which the module is enabled
   * (core modules: every platform). `false` runs once, with no platform.
   * @default true
   */
  readonly perPlatform?: boolean;
}

/**
 * Declares a task. The declaration is checked here, at import, so a typo in
 * an option or a bad cron expression stops start-up naming the task file.
 *
 * @example
 * // src/modules/analytics/tasks/index.ts
 * export const tasks = [
 *   defineTask<{ day?: string }>({
 *     name: 'analytics.rollup',
 *     schedule: '0 3 * * *',
 *     async handler(payload, ctx) {
 *       ctx.log.info({ day: payload.day }, 'rolling up');
 *     },
 *   }),
 * ];
 */
export function defineTask<P extends object = TaskPayload>(task: TaskDefinition<P>): TaskDefinition<P> {
  const issues = checkTaskDefinition(task);
  if (issues.length > 0) throw new TaskDefinitionError(task.name, issues);
  return Object.freeze({ ...task });
}

export interface EnqueueOptions {
  /** Run for this platform; skipped (and recorded so) if the task's module is disabled there. */
  platform?: string;
  /** Wait this long before the first attempt. */
  delayMs?: number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

export interface DrainOptions {
  /**
   * Give up (TASK_DRAIN_TIMEOUT) after this long.
   * @default 30000
   */
  timeoutMs?: number;
}

/**
 * Where jobs go. Every run attempt is recorded in `task_runs`.
 *
 * @example
 * const jobId = await app.wizamart.queue.enqueue('analytics.rollup', { day: '2026-01-28' }, { platform: 'wizamart' });
 */
export interface TaskQueue {
  readonly kind: 'bullmq' | 'in-process';
  /** The queue's name; with BullMQ its Redis keys are `wizamart:<name>:*`. */
  readonly name: string;
  /**
   * Queues a run; resolves with the job id once it is accepted. An unknown
   * task is TASK_NOT_FOUND, a payload that is not a JSON object
   * TASK_PAYLOAD_INVALID, and a closed queue TASK_QUEUE_CLOSED. A job
   * without `platform` is not platform-scoped and always runs.
   */
  enqueue<P extends object = TaskPayload>(
    task: string | TaskDefinition<P>,
    payload?: P,
    options?: EnqueueOptions,
  ): Promise<string>;
  /** Starts executing jobs and schedules (a web process that only enqueues does not call this). */
  startWorker(): Promise<void>;
  /** Jobs waiting or delayed (retries included), for metrics and readiness. */
  depth(): Promise<number>;
  /** True when the backend answers (Redis ping); always true in-process. */
  ping(): Promise<boolean>;
  /** Resolves when no job is running, waiting or delayed; rejects with TASK_DRAIN_TIMEOUT otherwise. */
  drain(options?: DrainOptions): Promise<void>;
  /** Stops the worker after its running jobs finish, then disconnects. */
  close(): Promise<void>;
}
