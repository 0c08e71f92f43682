import { Type, type Static, type TSchema } from 'typebox';
import { MODULE_CODE_PATTERN } from '../../base.ts';
import { TASK_RUN_STATUSES, type TaskRun, type TaskRunDetail, type TaskRunPage, type TaskSummary } from '../services/task-run.service.ts';

export const TaskRunStatusSchema = Type.Enum([...TASK_RUN_STATUSES], { description: 'Status of the run attempt' });

const PLATFORM_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** `GET /task-runs` query: every filter is optional and they combine with AND. */
export const TaskRunListQuery = Type.Object(
  {
    status: Type.Optional(TaskRunStatusSchema),
    task: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Exact task name, e.g. monitoring.prune_task_runs' })),
    module: Type.Optional(Type.String({ pattern: MODULE_CODE_PATTERN })),
    platform: Type.Optional(Type.String({ pattern: PLATFORM_CODE_PATTERN })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type TaskRunListQuery = Static<typeof TaskRunListQuery>;

/** `GET /task-runs/summary` query. */
export const TaskRunSummaryQuery = Type.Object(
  {
    module: Type.Optional(Type.String({ pattern: MODULE_CODE_PATTERN })),
    platform: Type.Optional(Type.String({ pattern: PLATFORM_CODE_PATTERN })),
  },
  { additionalProperties: false },
);
export type TaskRunSummaryQuery = Static<typeof TaskRunSummaryQuery>;

export const TaskRunParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type TaskRunParams = Static<typeof TaskRunParams>;

const TaskRunFields = {
  id: Type.Integer(),
  task: Type.String(),
  module: Type.String(),
  platform: Nullable(Type.String()),
  job_id: Nullable(Type.String()),
  status: TaskRunStatusSchema,
  attempt: Type.Integer({ minimum: 1 }),
  error: Nullable(Type.String()),
  started_at: Timestamp,
  finished_at: Nullable(Timestamp),
  duration_ms: Nullable(Type.Integer()),
};

export const TaskRunBody = Type.Object(TaskRunFields);
export type TaskRunBody = Static<typeof TaskRunBody>;

export const TaskRunDetailBody = Type.Object({ ...TaskRunFields, payload: Type.Unknown({ description: 'The job payload' }) });
export type TaskRunDetailBody = Static<typeof TaskRunDetailBody>;

export const TaskRunListBody = Type.Object({
  total: Type.Integer({ description: 'Runs matching the filters, all pages together' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  runs: Type.Array(TaskRunBody, { description: 'Newest first' }),
});
export type TaskRunListBody = Static<typeof TaskRunListBody>;

export const TaskSummaryBody = Type.Object({
  task: Type.String(),
  module: Type.String(),
  total: Type.Integer(),
  by_status: Type.Object({
    running: Type.Integer(),
    retrying: Type.Integer(),
    succeeded: Type.Integer(),
    failed: Type.Integer(),
    skipped: Type.Integer(),
  }),
  last_run: Type.Object({ started_at: Timestamp, status: TaskRunStatusSchema }),
  avg_duration_ms: Nullable(Type.Integer({ description: 'Mean duration of the runs that finished' })),
});

export const TaskRunSummaryBody = Type.Object({ tasks: Type.Array(TaskSummaryBody) });
export type TaskRunSummaryBody = Static<typeof TaskRunSummaryBody>;

export function toTaskRunBody(run: TaskRun): TaskRunBody {
  return {
    id: run.id,
    task: run.task,
    module: run.module,
    platform: run.platform,
    job_id: run.jobId,
    status: run.status,
    attempt: run.attempt,
    error: run.error,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_ms: run.durationMs,
  };
}

export function toTaskRunDetailBody(run: TaskRunDetail): TaskRunDetailBody {
  return { ...toTaskRunBody(run), payload: run.payload };
}

export function toTaskRunListBody(page: TaskRunPage, query: Pick<TaskRunListQuery, 'limit' | 'offset'>): TaskRunListBody {
  return { total: page.total, limit: query.limit, offset: query.offset, runs: page.runs.map(toTaskRunBody) };
}

export function toTaskRunSummaryBody(summaries: readonly TaskSummary[]): TaskRunSummaryBody {
  return {
    tasks: summaries.map((s) => ({
      task: s.task,
      module: s.module,
      total: s.total,
      by_status: { ...s.byStatus },
      last_run: { started_at: s.lastRun.startedAt.toISOString(), status: s.lastRun.status },
      avg_duration_ms: s.avgDurationMs,
    })),
  };
}
