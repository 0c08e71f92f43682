import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

const BASE = '/api/v1/admin/monitoring';
const at = (hour: number) => new Date(Date.UTC(2026, 0, 28, hour));

interface RunBody {
  id: number;
  task: string;
  status: string;
  platform: string | null;
  started_at: string;
}

/** Six runs of three tasks; ids are assigned in insertion order, start times are not. */
async function seedRuns(t: TestApp): Promise<Record<string, number>> {
  const rows = [
    { key: 'rollup-ok', task_name: 'analytics.rollup', module_code: 'analytics', platform_code: 'wizamart', status: 'succeeded', started_at: at(10), duration_ms: 100 },
    { key: 'rollup-failed', task_name: 'analytics.rollup', module_code: 'analytics', platform_code: 'other', status: 'failed', started_at: at(11), duration_ms: 300, error: 'upstream timeout' },
    { key: 'rollup-running', task_name: 'analytics.rollup', module_code: 'analytics', platform_code: 'wizamart', status: 'running', started_at: at(12), duration_ms: null },
    { key: 'prune', task_name: 'monitoring.prune_task_runs', module_code: 'monitoring', platform_code: null, status: 'succeeded', started_at: at(9), duration_ms: 20 },
    { key: 'send-retry', task_name: 'messaging.send', module_code: 'messaging', platform_code: 'wizamart', status: 'retrying', started_at: at(8), duration_ms: 50, attempt: 2 },
    { key: 'send-skipped', task_name: 'messaging.send', module_code: 'messaging', platform_code: 'wizamart', status: 'skipped', started_at: at(13), duration_ms: null },
  ] as const;
  const ids: Record<string, number> = {};
  for (const { key, ...row } of rows) {
    const inserted = await t.app.wizamart.database.db
      .insertInto('task_runs')
      .values({
        ...row,
        attempt: 'attempt' in row ? row.attempt : 1,
        job_id: `job-${key}`,
        payload: JSON.stringify({ key }),
        finished_at: row.duration_ms === null ? null : new Date(row.started_at.getTime() + row.duration_ms),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = inserted.id;
  }
  return ids;
}

describe('monitoring admin API: task runs', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  const get = async (url: string) => t.app.inject({ method: 'GET', url: `${BASE}${url}`, headers: await adminHeaders(t.app) });
  const listed = async (query: string) => {
    const res = await get(`/task-runs${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; limit: number; offset: number; runs: RunBody[] }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    ids = await seedRuns(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every run newest first, with the total', async () => {
    const page = await listed('');
    expect(page).toMatchObject({ total: 6, limit: 50, offset: 0 });
    expect(page.runs.map((r) => r.id)).toEqual(
      ['send-skipped', 'rollup-running', 'rollup-failed', 'rollup-ok', 'prune', 'send-retry'].map((k) => ids[k]),
    );
    expect(page.runs[2]).toMatchObject({
      task: 'analytics.rollup',
      module: 'analytics',
      platform: 'other',
      job_id: 'job-rollup-failed',
      status: 'failed',
      attempt: 1,
      error: 'upstream timeout',
      started_at: '2026-01-28T11:00:00.000Z',
      finished_at: '2026-01-28T11:00:00.300Z',
      duration_ms: 300,
    });
    // Payloads can be large; the list leaves them to the detail route.
    expect(page.runs[0]).not.toHaveProperty('payload');
  });

  it('filters by status, task, module and platform, combined with AND', async () => {
    expect((await listed('?status=failed')).runs.map((r) => r.id)).toEqual([ids['rollup-failed']]);
    const rollupsHere = await listed('?task=analytics.rollup&platform=wizamart');
    expect(rollupsHere.total).toBe(2);
    expect(rollupsHere.runs.map((r) => r.id)).toEqual([ids['rollup-running'], ids['rollup-ok']]);
    expect((await listed('?module=messaging')).runs.map((r) => r.status)).toEqual(['skipped', 'retrying']);
    expect(await listed('?module=messaging&status=failed')).toMatchObject({ total: 0, runs: [] });
  });

  it('pages with limit and offset without overlap, the total counting every page', async () => {
    const first = await listed('?limit=4');
    const second = await listed('?limit=4&offset=4');
    expect(first).toMatchObject({ total: 6, limit: 4, offset: 0 });
    expect(second).toMatchObject({ total: 6, limit: 4, offset: 4 });
    expect(first.runs).toHaveLength(4);
    expect(second.runs).toHaveLength(2);
    expect([...first.runs, ...second.runs].map((r) => r.id)).toEqual((await listed('')).runs.map((r) => r.id));
  });

  it('refuses filters and pages out of range with VALIDATION_FAILED', async () => {
    for (const query of ['?status=exploded', '?limit=0', '?limit=201', '?offset=-1', '?platform=Not%20A%20Code']) {
      const res = await get(`/task-runs${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('summarises each task: runs by status, last run and mean duration of finished runs', async () => {
    const res = await get('/task-runs/summary');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tasks: [
        {
          task: 'analytics.rollup',
          module: 'analytics',
          total: 3,
          by_status: { running: 1, retrying: 0, succeeded: 1, failed: 1, skipped: 0 },
          last_run: { started_at: '2026-01-28T12:00:00.000Z', status: 'running' },
          avg_duration_ms: 200,
        },
        {
          task: 'messaging.send',
          module: 'messaging',
          total: 2,
          by_status: { running: 0, retrying: 1, succeeded: 0, failed: 0, skipped: 1 },
          last_run: { started_at: '2026-01-28T13:00:00.000Z', status: 'skipped' },
          avg_duration_ms: 50,
        },
        {
          task: 'monitoring.prune_task_runs',
          module: 'monitoring',
          total: 1,
          by_status: { running: 0, retrying: 0, succeeded: 1, failed: 0, skipped: 0 },
          last_run: { started_at: '2026-01-28T09:00:00.000Z', status: 'succeeded' },
          avg_duration_ms: 20,
        },
      ],
    });
  });

  it('narrows the summary to a module or a platform', async () => {
    const byModule = (await get('/task-runs/summary?module=messaging')).json<{ tasks: Array<{ task: string }> }>();
    expect(byModule.tasks.map((s) => s.task)).toEqual(['messaging.send']);
    const byPlatform = (await get('/task-runs/summary?platform=other')).json<{ tasks: Array<{ task: string; total: number }> }>();
    expect(byPlatform.tasks).toMatchObject([{ task: 'analytics.rollup', total: 1 }]);
  });

  it('shows one run with its payload, and answers MONITORING_TASK_RUN_NOT_FOUND for an unknown id', async () => {
    const res = await get(`/task-runs/${ids['rollup-failed']}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ids['rollup-failed'], payload: { key: 'rollup-failed' }, error: 'upstream timeout' });

    const missing = await get('/task-runs/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'MONITORING_TASK_RUN_NOT_FOUND',
      message: 'Task run 999999 does not exist.',
    });
  });

  it('answers 401 without the admin token, and with a wrong one', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: `${BASE}/task-runs` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<{ error: { code: string } }>().error.code).toBe('AUTH_REQUIRED');
    const wrong = await t.app.inject({ method: 'GET', url: `${BASE}/task-runs/summary`, headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('AUTH_INVALID_TOKEN');
  });

  it('is documented under the monitoring tag, behind the admin token', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { get?: { tags?: string[]; security?: unknown } }>;
    }>();
    for (const path of [`${BASE}/task-runs`, `${BASE}/task-runs/summary`, `${BASE}/task-runs/{id}`]) {
      expect(doc.paths[path]?.get).toMatchObject({ tags: ['monitoring'], security: [{ bearerAuth: [] }] });
    }
  });
});

describe('monitoring admin API on a platform without the module', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: [] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 404 MODULE_DISABLED, token or not', async () => {
    for (const headers of [await adminHeaders(t.app), {}]) {
      const res = await t.app.inject({ method: 'GET', url: `${BASE}/task-runs`, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('MODULE_DISABLED');
    }
  });
});
