import type { Kysely } from 'kysely';
import type { FrameworkTables, TaskRunsTable } from '../database/tables.ts';
import type { TaskJob } from './task-executor.ts';

export type FinishedStatus = Extract<TaskRunsTable['status'], 'succeeded' | 'failed' | 'retrying'>;

/** Long enough for a message and its cause; a stack trace goes to the log instead. */
const MAX_ERROR_LENGTH = 4000;

/**
 * The `task_runs` table: one row per attempt, so a job retried twice has
 * three rows sharing its `job_id`. The monitoring module reads it.
 */
export class TaskRunStore {
  readonly #db: Kysely<FrameworkTables>;

  constructor(db: Kysely<FrameworkTables>) {
    this.#db = db;
  }

  /** Records an attempt as `running`; returns the row id. */
  async started(job: TaskJob, moduleCode: string, startedAt: Date): Promise<number> {
    const row = await this.#db
      .insertInto('task_runs')
      .values({ ...identity(job, moduleCode), status: 'running', started_at: startedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finished(id: number, status: FinishedStatus, durationMs: number, error: string | null): Promise<void> {
    await this.#db
      .updateTable('task_runs')
      .set({ status, finished_at: new Date(), duration_ms: durationMs, error: truncate(error) })
      .where('id', '=', id)
      .execute();
  }

  /** An attempt that did not run: `skipped` (module disabled) or `failed` (task unknown to this worker). */
  async notRun(job: TaskJob, moduleCode: string, status: 'skipped' | 'failed', reason: string): Promise<void> {
    const now = new Date();
    await this.#db
      .insertInto('task_runs')
      .values({ ...identity(job, moduleCode), status, error: truncate(reason), started_at: now, finished_at: now })
      .execute();
  }
}

function identity(job: TaskJob, moduleCode: string) {
  return {
    task_name: job.task,
    module_code: moduleCode,
    platform_code: job.platform ?? null,
    job_id: job.id,
    attempt: job.attempt,
    payload: JSON.stringify(job.payload),
  };
}

function truncate(text: string | null): string | null {
  return text !== null && text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
