import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskContext } from '../../../core/queue.ts';
import { EnvConfigError } from '../../../core/env-schema.ts';
import { loadModuleConfig } from '../../config.ts';
import { config, configSchema } from '../config.ts';
import { pruneTaskRuns, tasks } from '../tasks/index.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

const DAY = 86_400_000;

describe('monitoring.prune_task_runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is a daily task for the whole installation, not one run per platform', () => {
    expect(tasks).toContain(pruneTaskRuns);
    expect(pruneTaskRuns).toMatchObject({ name: 'monitoring.prune_task_runs', schedule: '17 3 * * *', perPlatform: false });
  });

  it('deletes the runs started before the retention period, stale `running` ones included, and keeps the rest', async () => {
    const { db } = t.app.wizamart.database;
    const now = Date.now();
    const retention = config.taskRunRetentionDays;
    const run = (key: string, ageDays: number, status: 'succeeded' | 'running' | 'failed') => ({
      task_name: 'analytics.rollup',
      module_code: 'analytics',
      platform_code: 'wizamart',
      job_id: key,
      status,
      attempt: 1,
      payload: JSON.stringify({}),
      started_at: new Date(now - ageDays * DAY),
    });
    await db
      .insertInto('task_runs')
      .values([
        run('old-ok', retention + 5, 'succeeded'),
        run('old-stuck', retention + 1, 'running'),
        run('recent-failed', retention - 1, 'failed'),
        run('today', 0, 'succeeded'),
      ])
      .execute();

    const ctx: TaskContext = { platform: undefined, attempt: 1, jobId: 'prune-test', db, log: pino({ level: 'silent' }) };
    await pruneTaskRuns.handler({}, ctx);

    const left = await db.selectFrom('task_runs').select('job_id').orderBy('started_at').execute();
    expect(left.map((r) => r.job_id)).toEqual(['recent-failed', 'today']);

    // Nothing older is left, so a second run deletes nothing and fails nothing.
    await pruneTaskRuns.handler({}, ctx);
    expect(await db.selectFrom('task_runs').select('job_id').execute()).toHaveLength(2);
  });
});

describe('monitoring settings', () => {
  it('keep 30 days of task runs unless MONITORING_TASK_RUN_RETENTION_DAYS says otherwise', () => {
    expect(loadModuleConfig('monitoring', configSchema, {})).toEqual({ taskRunRetentionDays: 30 });
    expect(loadModuleConfig('monitoring', configSchema, { MONITORING_TASK_RUN_RETENTION_DAYS: '90' })).toEqual({ taskRunRetentionDays: 90 });
  });

  it('refuse a retention of less than a day, naming the variable', () => {
    expect(() => loadModuleConfig('monitoring', configSchema, { MONITORING_TASK_RUN_RETENTION_DAYS: '0' })).toThrow(EnvConfigError);
    expect(() => loadModuleConfig('monitoring', configSchema, { MONITORING_TASK_RUN_RETENTION_DAYS: '0' })).toThrow(
      /MONITORING_TASK_RUN_RETENTION_DAYS/,
    );
  });
});
