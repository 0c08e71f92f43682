import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRunsTable } from '../../../src/core/database/tables.ts';
import type { Selectable } from 'kysely';
import { createTestApp, seedPlatform, type TestApp, type TestAppOptions } from '../../helpers/test-app.ts';
import { BACKEND, countQueueKeys, queueSettings, REDIS_URL, removeQueueKeys, warmTestDatabase } from './task-backend.ts';
import { RUN_TASKS, writeModulesTree, type ModulesTree } from './task-fixtures.ts';

type Run = Selectable<TaskRunsTable>;

/** Retry gaps are checked against the backoff with this much slack for clock rounding. */
const CLOCK_SLACK_MS = 5;

describe(`task runs (${BACKEND})`, () => {
  let tree: ModulesTree;
  let current: TestApp | undefined;

  beforeAll(async () => {
    tree = writeModulesTree([
      { code: 'core', isCore: true, tasks: RUN_TASKS.core },
      { code: 'reports', tasks: RUN_TASKS.reports },
    ]);
    await warmTestDatabase(tree.dir);
  });
  afterAll(() => tree.remove());
  afterEach(async () => {
    if (!current) return;
    const name = current.app.wizamart.queue.name;
    await current.close();
    current = undefined;
    await removeQueueKeys(name);
  });

  async function start(options: Partial<TestAppOptions> = {}): Promise<TestApp> {
    current = await createTestApp({
      modulesDir: tree.dir,
      platforms: { acme: ['reports'], beta: [] },
      startWorker: true,
      settings: queueSettings(),
      ...options,
    });
    return current;
  }

  async function runsOf(t: TestApp, jobId: string): Promise<Run[]> {
    return t.app.wizamart.database.db.selectFrom('task_runs').selectAll().where('job_id', '=', jobId).orderBy('attempt').execute();
  }

  it('uses the backend chosen by the settings', async () => {
    const t = await start();
    expect(t.app.wizamart.queue.kind).toBe(BACKEND);
    expect(await t.app.wizamart.queue.ping()).toBe(true);
  });

  it('records a successful run with its duration, platform, job id and payload', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    const jobId = await queue.enqueue('reports.build', { sleepMs: 30, note: 'weekly' }, { platform: 'acme' });
    await queue.drain({ timeoutMs: 10_000 });

    const [run, ...others] = await runsOf(t, jobId);
    expect(others).toEqual([]);
    expect(run).toMatchObject({
      task_name: 'reports.build',
      module_code: 'reports',
      platform_code: 'acme',
      status: 'succeeded',
      attempt: 1,
      error: null,
      payload: { sleepMs: 30, note: 'weekly' },
    });
    // The handler sleeps 30 ms; a timer may fire a millisecond early.
    expect(run!.duration_ms).toBeGreaterThanOrEqual(25);
    expect(run!.finished_at!.getTime()).toBeGreaterThanOrEqual(run!.started_at.getTime());
  });

  it('retries a failing task with doubling backoff, then records it as failed with its error', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    const jobId = await queue.enqueue('reports.broken', {}, { platform: 'acme' });
    await queue.drain({ timeoutMs: 10_000 });

    const runs = await runsOf(t, jobId);
    expect(runs.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, 'retrying', 'boom on attempt 1'],
      [2, 'retrying', 'boom on attempt 2'],
      [3, 'failed', 'boom on attempt 3'],
    ]);
    for (const r of runs) expect(r.duration_ms).toEqual(expect.any(Number));
    // backoffMs 100: the second attempt waits at least 100 ms, the third at least 200 ms.
    const gap = (i: number) => runs[i + 1]!.started_at.getTime() - runs[i]!.finished_at!.getTime();
    expect(gap(0)).toBeGreaterThanOrEqual(100 - CLOCK_SLACK_MS);
    expect(gap(1)).toBeGreaterThanOrEqual(200 - CLOCK_SLACK_MS);
  });

  it('runs a task that failed once to success on its next attempt', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    const jobId = await queue.enqueue('reports.flaky');
    await queue.drain({ timeoutMs: 10_000 });

    const runs = await runsOf(t, jobId);
    expect(runs.map((r) => [r.attempt, r.status, r.error, r.platform_code])).toEqual([
      [1, 'retrying', 'not yet', null],
      [2, 'succeeded', null, null],
    ]);
  });

  it('skips a job for a platform where its module is disabled, and runs it where the module is enabled', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    const onBeta = await queue.enqueue('reports.build', {}, { platform: 'beta' });
    const onAcme = await queue.enqueue('reports.build', {}, { platform: 'acme' });
    const coreOnBeta = await queue.enqueue('core.ping', {}, { platform: 'beta' });
    const onNowhere = await queue.enqueue('reports.build', {}, { platform: 'nowhere' });
    await queue.drain({ timeoutMs: 10_000 });

    expect(await runsOf(t, onBeta)).toMatchObject([
      { status: 'skipped', platform_code: 'beta', duration_ms: null, error: 'The "reports" module is not enabled on platform "beta".' },
    ]);
    expect(await runsOf(t, onAcme)).toMatchObject([{ status: 'succeeded', platform_code: 'acme' }]);
    // Core modules are enabled everywhere.
    expect(await runsOf(t, coreOnBeta)).toMatchObject([{ status: 'succeeded', platform_code: 'beta' }]);
    expect(await runsOf(t, onNowhere)).toMatchObject([{ status: 'skipped', error: 'Platform "nowhere" does not exist.' }]);
  });

  it('runs a job for a platform once its module has been enabled there', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    await seedPlatform(t.app, 'beta', ['reports']);
    const jobId = await queue.enqueue('reports.build', {}, { platform: 'beta' });
    await queue.drain({ timeoutMs: 10_000 });
    expect(await runsOf(t, jobId)).toMatchObject([{ status: 'succeeded', platform_code: 'beta' }]);
  });

  it('refuses an unknown task and a payload that is not a JSON object, queuing nothing', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    await expect(queue.enqueue('reports.nope')).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
      status: 404,
      message: 'No module declares a task named "reports.nope".',
    });
    await expect(queue.enqueue('reports.build', { size: 10n })).rejects.toMatchObject({ code: 'TASK_PAYLOAD_INVALID', status: 400 });
    await expect(queue.enqueue('reports.build', [1, 2])).rejects.toMatchObject({ code: 'TASK_PAYLOAD_INVALID' });
    await expect(queue.enqueue('reports.build', {}, { delayMs: -1 })).rejects.toMatchObject({ code: 'TASK_OPTIONS_INVALID' });
    expect(await queue.depth()).toBe(0);
  });

  it('only queues jobs until a worker starts; delayed jobs wait for their delay', async () => {
    const t = await start({ startWorker: false });
    const { queue } = t.app.wizamart;
    const now = await queue.enqueue('reports.build', {}, { platform: 'acme' });
    const enqueuedAt = Date.now();
    const later = await queue.enqueue('reports.build', {}, { platform: 'acme', delayMs: 300 });
    expect(await queue.depth()).toBe(2);
    expect(await t.app.wizamart.database.db.selectFrom('task_runs').selectAll().execute()).toEqual([]);

    await queue.startWorker();
    await queue.drain({ timeoutMs: 10_000 });
    expect(await queue.depth()).toBe(0);
    expect(await runsOf(t, now)).toMatchObject([{ status: 'succeeded' }]);
    const [delayed] = await runsOf(t, later);
    expect(delayed).toMatchObject({ status: 'succeeded' });
    expect(delayed!.started_at.getTime()).toBeGreaterThanOrEqual(enqueuedAt + 300 - CLOCK_SLACK_MS);
  });

  it('gives up draining after the timeout when no worker runs', async () => {
    const t = await start({ startWorker: false });
    const { queue } = t.app.wizamart;
    await queue.enqueue('core.ping');
    await expect(queue.drain({ timeoutMs: 200 })).rejects.toMatchObject({ code: 'TASK_DRAIN_TIMEOUT' });
  });

  it.runIf(REDIS_URL && !process.env.DATABASE_URL)('deletes the Redis keys of an in-memory database\'s queue when it closes', async () => {
    const t = await start({ startWorker: false });
    const { queue } = t.app.wizamart;
    await queue.enqueue('core.ping', {}, { delayMs: 60_000 });
    expect(await countQueueKeys(queue.name)).toBeGreaterThan(0);
    current = undefined;
    await t.close();
    expect(await countQueueKeys(queue.name)).toBe(0);
  });

  it('refuses jobs once the queue is closed', async () => {
    const t = await start();
    const { queue } = t.app.wizamart;
    await queue.close();
    await expect(queue.enqueue('core.ping')).rejects.toMatchObject({ code: 'TASK_QUEUE_CLOSED' });
  });
});
