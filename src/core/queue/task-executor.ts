import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError, isAppError } from '../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../exceptions/framework-errors.ts';
import type { ModuleService } from '../../modules/service.ts';
import type { FrameworkTables } from '../database/tables.ts';
import type { TaskContext, TaskPayload } from '../queue.ts';
import { TASK_ERRORS } from './queue-errors.ts';
import type { TaskCatalog } from './task-catalog.ts';
import { TaskRunStore } from './task-run-store.ts';

/** One attempt of one job, as a backend hands it over. */
export interface TaskJob {
  readonly id: string;
  readonly task: string;
  readonly payload: TaskPayload;
  readonly platform: string | undefined;
  /** This attempt, from 1. */
  readonly attempt: number;
  /** Attempts in all, fixed when the job was enqueued. */
  readonly attempts: number;
}

/**
 * What became of an attempt. `retrying` asks the backend for another
 * attempt; `failed` means no further attempt, whatever attempts are left.
 */
export type AttemptResult =
  | { readonly status: 'succeeded' | 'skipped' }
  | { readonly status: 'retrying' | 'failed'; readonly error: unknown };

export interface TaskExecutorOptions {
  db: Kysely<FrameworkTables>;
  catalog: TaskCatalog;
  modules: ModuleService;
  logger: FastifyBaseLogger;
}

/**
 * Runs one attempt and records it in `task_runs`: the part both backends
 * share, so that platform scoping, retries and the run record cannot drift
 * apart between BullMQ and in-process. It throws only when the record itself
 * cannot be written; a handler's error is returned, not thrown.
 */
export class TaskExecutor {
  readonly #db: Kysely<FrameworkTables>;
  readonly #catalog: TaskCatalog;
  readonly #modules: ModuleService;
  readonly #logger: FastifyBaseLogger;
  readonly #runs: TaskRunStore;

  constructor(options: TaskExecutorOptions) {
    this.#db = options.db;
    this.#catalog = options.catalog;
    this.#modules = options.modules;
    this.#logger = options.logger;
    this.#runs = new TaskRunStore(options.db);
  }

  async run(job: TaskJob): Promise<AttemptResult> {
    const log = this.#logger.child({ task: job.task, jobId: job.id, platform: job.platform, attempt: job.attempt });
    const loaded = this.#catalog.find(job.task);
    if (!loaded) {
      // A job queued by another release whose task no longer exists: retrying cannot help.
      const error = new AppError(TASK_ERRORS.TASK_NOT_FOUND, { task: job.task });
      await this.#runs.notRun(job, '', 'failed', error.message);
      log.error(error.message);
      return { status: 'failed', error };
    }
    const skipReason = await this.#skipReason(loaded.module, job.platform);
    if (skipReason !== undefined) {
      await this.#runs.notRun(job, loaded.module, 'skipped', skipReason);
      log.info({ reason: skipReason }, 'task skipped');
      return { status: 'skipped' };
    }

    const runId = await this.#runs.started(job, loaded.module, new Date());
    const ctx: TaskContext = { platform: job.platform, attempt: job.attempt, jobId: job.id, db: this.#db, log };
    const start = performance.now();
    try {
      await loaded.task.handler(job.payload, ctx);
    } catch (error) {
      const status = job.attempt < job.attempts ? 'retrying' : 'failed';
      await this.#runs.finished(runId, status, elapsed(start), errorMessage(error));
      if (status === 'retrying') log.warn({ err: error }, 'task attempt failed; will retry');
      else log.error({ err: error }, 'task failed');
      return { status, error };
    }
    await this.#runs.finished(runId, 'succeeded', elapsed(start), null);
    return { status: 'succeeded' };
  }

  /** Why a job for `platform` must not run, or `undefined` when it may. */
  async #skipReason(moduleCode: string, platform: string | undefined): Promise<string | undefined> {
    if (platform === undefined) return undefined;
    try {
      if (await this.#modules.isModuleEnabled(platform, moduleCode)) return undefined;
      return new AppError(FRAMEWORK_ERRORS.MODULE_DISABLED, { module: moduleCode, platform }).message;
    } catch (error) {
      // A platform deleted after the job was queued: nothing to run it for.
      if (isAppError(error) && error.code === FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND.code) return error.message;
      throw error;
    }
  }
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}
