import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type { FrameworkTables, TaskRunsTable } from '../../../core/database/tables.ts';
import { AppError } from '../../../exceptions/base.ts';
import type { HealthContext, HealthResult } from '../../base.ts';
import { MONITORING_ERRORS } from '../exceptions.ts';

export type TaskRunStatus = TaskRunsTable['status'];

// A record rather than a list so that a status added to the table but not here fails to compile.
const STATUSES: Readonly<Record<TaskRunStatus, true>> = { running: true, retrying: true, succeeded: true, failed: true, skipped: true };

/** Every status a run can have, in the order a run usually passes through them. */
export const TASK_RUN_STATUSES = Object.freeze(Object.keys(STATUSES) as TaskRunStatus[]);

export interface TaskRunFilters {
  readonly status?: TaskRunStatus | undefined;
  /** Exact task name, e.g. `monitoring.prune_task_runs`. */
  readonly task?: string | undefined;
  readonly module?: string | undefined;
  readonly platform?: string | undefined;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface TaskRun {
  readonly id: number;
  readonly task: string;
  readonly module: string;
  readonly platform: string | null;
  readonly jobId: string | null;
  readonly status: TaskRunStatus;
  readonly attempt: number;
  readonly error: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly durationMs: number | null;
}

export interface TaskRunDetail extends TaskRun {
  readonly payload: unknown;
}

export interface TaskRunPage {
  readonly total: number;
  readonly runs: readonly TaskRun[];
}

export interface TaskSummary {
  readonly task: string;
  readonly module: string;
  readonly total: number;
  readonly byStatus: Readonly<Record<TaskRunStatus, number>>;
  /** The most recent run (by start time). */
  readonly lastRun: { readonly startedAt: Date; readonly status: TaskRunStatus };
  /** Mean duration of the runs that finished (succeeded or failed); null when none has. */
  readonly avgDurationMs: number | null;
}

const LIST_COLUMNS = [
  'id',
  'task_name',
  'module_code',
  'platform_code',
  'job_id',
  'status',
  'attempt',
  'error',
  'started_at',
  'finished_at',
  'duration_ms',
] as const;

type TaskRunRow = Pick<Selectable<TaskRunsTable>, (typeof LIST_COLUMNS)[number]>;

/**
 * Reads and prunes the `task_runs` history that the task queue writes, one
 * row per attempt. Every query is bounded: lists are paginated and the
 * summary is one grouped scan.
 *
 * @example
 * const service = new TaskRunService(app.wizamart.database.db);
 * const { total, runs } = await service.list({ status: 'failed' }, { limit: 20, offset: 0 });
 */
export class TaskRunService {
  readonly #db: Kysely<FrameworkTables>;

  constructor(db: Kysely<FrameworkTables>) {
    this.#db = db;
  }

  /** Runs matching the filters, newest first, with the number of matches. */
  async list(filters: TaskRunFilters, page: PageRequest): Promise<TaskRunPage> {
    const [count, rows] = await Promise.all([
      this.#db
        .selectFrom('task_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(matching(filters))
        .executeTakeFirstOrThrow(),
      this.#db
        .selectFrom('task_runs')
        .select(LIST_COLUMNS)
        .where(matching(filters))
        // `id` breaks ties between runs started in the same instant, so pages never overlap.
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    ]);
    return { total: Number(count.n), runs: rows.map(toTaskRun) };
  }

  /** One run with its payload; MONITORING_TASK_RUN_NOT_FOUND when there is none. */
  async get(id: number): Promise<TaskRunDetail> {
    const row = await this.#db
      .selectFrom('task_runs')
      .select([...LIST_COLUMNS, 'payload'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError(MONITORING_ERRORS.MONITORING_TASK_RUN_NOT_FOUND, { id });
    return { ...toTaskRun(row), payload: row.payload };
  }

  /**
   * Per task: runs by status, the last run and the mean duration. One query
   * grouped by task and status, folded here, instead of one per task.
   */
  async summarize(filters: Pick<TaskRunFilters, 'module' | 'platform'> = {}): Promise<TaskSummary[]> {
    const groups = await this.#db
      .selectFrom('task_runs')
      .where(matching(filters))
      .select((eb) => [
        'task_name',
        'module_code',
        'status',
        eb.fn.countAll<number>().as('runs'),
        eb.fn.max('started_at').as('last_started_at'),
        eb.fn.count<number>('duration_ms').as('timed_runs'),
        eb.fn.coalesce(eb.fn.sum<number>('duration_ms'), eb.lit(0)).as('total_duration_ms'),
      ])
      .groupBy(['task_name', 'module_code', 'status'])
      .orderBy('task_name')
      .execute();

    const byTask = new Map<string, Fold>();
    for (const g of groups) {
      const fold = byTask.get(g.task_name) ?? newFold(g.task_name, g.module_code);
      const runs = Number(g.runs);
      const lastStarted = new Date(g.last_started_at);
      fold.total += runs;
      fold.byStatus[g.status] += runs;
      fold.timedRuns += Number(g.timed_runs);
      fold.totalDurationMs += Number(g.total_duration_ms);
      if (!fold.lastRun || lastStarted > fold.lastRun.startedAt) fold.lastRun = { startedAt: lastStarted, status: g.status };
      byTask.set(g.task_name, fold);
    }
    return [...byTask.values()].map((f) => ({
      task: f.task,
      module: f.module,
      total: f.total,
      byStatus: f.byStatus,
      lastRun: f.lastRun!,
      avgDurationMs: f.timedRuns > 0 ? Math.round(f.totalDurationMs / f.timedRuns) : null,
    }));
  }

  /**
   * Deletes the runs started before `cutoff` and returns how many went. A
   * run still marked `running` that old is a crashed worker's leftover, so
   * it goes too. One statement: run daily, the slice it removes stays small.
   */
  async pruneStartedBefore(cutoff: Date): Promise<number> {
    const result = await this.#db.deleteFrom('task_runs').where('started_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/**
 * The monitoring module's health check: the task history can be read. A
 * missing table (a migration not applied) would otherwise only show as 500s
 * from the admin API.
 */
export async function checkTaskRunsReadable(ctx: HealthContext): Promise<HealthResult> {
  await ctx.db.selectFrom('task_runs').select('id').limit(1).execute();
  return { ok: true };
}

/** The moment before which runs are pruned, `retentionDays` whole days before `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

interface Fold {
  task: string;
  module: string;
  total: number;
  byStatus: Record<TaskRunStatus, number>;
  lastRun: { startedAt: Date; status: TaskRunStatus } | undefined;
  timedRuns: number;
  totalDurationMs: number;
}

function newFold(task: string, module: string): Fold {
  const byStatus = Object.fromEntries(TASK_RUN_STATUSES.map((s) => [s, 0])) as Record<TaskRunStatus, number>;
  return { task, module, total: 0, byStatus, lastRun: undefined, timedRuns: 0, totalDurationMs: 0 };
}

function matching(filters: TaskRunFilters) {
  return (eb: ExpressionBuilder<FrameworkTables, 'task_runs'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.status) conditions.push(eb('status', '=', filters.status));
    if (filters.task) conditions.push(eb('task_name', '=', filters.task));
    if (filters.module) conditions.push(eb('module_code', '=', filters.module));
    if (filters.platform) conditions.push(eb('platform_code', '=', filters.platform));
    return eb.and(conditions);
  };
}

function toTaskRun(row: TaskRunRow): TaskRun {
  return {
    id: row.id,
    task: row.task_name,
    module: row.module_code,
    platform: row.platform_code,
    jobId: row.job_id,
    status: row.status,
    attempt: row.attempt,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
  };
}
