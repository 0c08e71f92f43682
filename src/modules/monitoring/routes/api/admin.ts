import { errorResponses } from '../../../../api/schemas.ts';
import { defineRouter } from '../../../routes.ts';
import {
  TaskRunDetailBody,
  TaskRunListBody,
  TaskRunListQuery,
  TaskRunParams,
  TaskRunSummaryBody,
  TaskRunSummaryQuery,
  toTaskRunDetailBody,
  toTaskRunListBody,
  toTaskRunSummaryBody,
} from '../../schemas/task-run.schema.ts';
import { TaskRunService } from '../../services/task-run.service.ts';

const security = [{ bearerAuth: [] }];
/** Every route needs the monitoring permission (the framework checks it after sign-in). */
const config = { permission: 'monitoring.view' };

/**
 * The monitoring admin API, at `/api/v1/admin/monitoring`: the history of
 * background task runs. Admins with `monitoring.view` only; the module gate answers 404 first
 * when monitoring is disabled on the platform.
 */
export const router = defineRouter(async (r) => {
  const runs = new TaskRunService(r.wizamart.database.db);

  r.get(
    '/task-runs',
    {
      config,
      schema: {
        summary: 'Task runs, newest first, filtered by status, task, module and platform',
        security,
        querystring: TaskRunListQuery,
        response: { 200: TaskRunListBody, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query;
      return toTaskRunListBody(await runs.list(filters, { limit, offset }), { limit, offset });
    },
  );

  r.get(
    '/task-runs/summary',
    {
      config,
      schema: {
        summary: 'Per task: runs by status, the last run and the mean duration',
        security,
        querystring: TaskRunSummaryQuery,
        response: { 200: TaskRunSummaryBody, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => toTaskRunSummaryBody(await runs.summarize(request.query)),
  );

  r.get(
    '/task-runs/:id',
    {
      config,
      schema: {
        summary: 'One task run with its payload and error',
        security,
        params: TaskRunParams,
        response: { 200: TaskRunDetailBody, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => toTaskRunDetailBody(await runs.get(request.params.id)),
  );
});
