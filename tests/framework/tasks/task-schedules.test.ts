import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PREFIX } from '../../../src/core/queue/queue-name.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { BACKEND, queueSettings, REDIS_URL, removeQueueKeys, waitFor, warmTestDatabase } from './task-backend.ts';
import { SCHEDULED_TASKS, writeModulesTree, type ModulesTree } from './task-fixtures.ts';

describe(`task schedules (${BACKEND})`, () => {
  let tree: ModulesTree;
  let current: TestApp | undefined;

  beforeAll(async () => {
    tree = writeModulesTree([
      { code: 'core', isCore: true, tasks: SCHEDULED_TASKS.core },
      { code: 'reports', tasks: SCHEDULED_TASKS.reports },
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

  async function start(startWorker: boolean): Promise<TestApp> {
    current = await createTestApp({
      modulesDir: tree.dir,
      platforms: { acme: ['reports'], beta: [] },
      startWorker,
      settings: queueSettings(),
    });
    return current;
  }

  it('fans a cron schedule out per platform where the module is enabled, to every platform for a core module, and once for perPlatform: false', async () => {
    const t = await start(true);
    const { db } = t.app.wizamart.database;
    const ranFor = async () => {
      const rows = await db.selectFrom('task_runs').select(['task_name', 'platform_code', 'status']).distinct().execute();
      return new Set(rows.map((r) => `${r.task_name}@${r.platform_code ?? '-'}:${r.status}`));
    };
    const expected = ['core.heartbeat@acme:succeeded', 'core.heartbeat@beta:succeeded', 'reports.tick@acme:succeeded', 'reports.global@-:succeeded'];
    // Every-second schedules fire within a second or two; the bound leaves room for a loaded machine.
    const seen = await waitFor(
      'every schedule to fire',
      async () => {
        const found = await ranFor();
        return expected.every((e) => found.has(e)) ? found : undefined;
      },
      15_000,
    );
    // reports is disabled on beta: its schedule does not even queue a job there.
    expect([...seen].filter((s) => s.startsWith('reports.tick@beta'))).toEqual([]);
    expect([...seen].filter((s) => s.startsWith('reports.global@') && !s.startsWith('reports.global@-'))).toEqual([]);
  });

  it('does not run schedules in a process without a worker', async () => {
    const t = await start(false);
    // Longer than one every-second period; nothing may run in between.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await t.app.wizamart.database.db.selectFrom('task_runs').selectAll().execute()).toEqual([]);
    expect(await t.app.wizamart.queue.depth()).toBe(0);
  });

  it.runIf(REDIS_URL)('replaces the schedules left in Redis by tasks that are gone', async () => {
    const t = await start(false);
    const connection = new Redis(REDIS_URL!);
    const stale = new Queue(t.app.wizamart.queue.name, { connection, prefix: QUEUE_PREFIX });
    try {
      await stale.upsertJobScheduler('reports.retired', { pattern: '0 0 1 1 *', tz: 'UTC' }, { name: 'reports.retired', data: { kind: 'schedule' } });
      await t.app.wizamart.queue.startWorker();
      const ids = (await stale.getJobSchedulers()).map((s) => s.key).sort();
      expect(ids).toEqual(['core.heartbeat', 'reports.global', 'reports.tick']);
    } finally {
      await stale.close();
      await connection.quit();
    }
  });
});
