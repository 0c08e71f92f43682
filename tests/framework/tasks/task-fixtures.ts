import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fixture modules import the framework by absolute URL: they live in a temp dir, outside the repo. */
const QUEUE_URL = new URL('../../../src/core/queue.ts', import.meta.url).href;
const BASE_URL = new URL('../../../src/modules/base.ts', import.meta.url).href;

export interface FixtureModule {
  code: string;
  isCore?: boolean;
  /** Body of `tasks/index.ts`; `defineTask` is already imported. Omit for a module without tasks. */
  tasks?: string;
}

export interface ModulesTree {
  readonly dir: string;
  /** Absolute path of a module's tasks file. */
  tasksFile(code: string): string;
  remove(): void;
}

/** Writes a throwaway modules root: one folder per module with its definition and tasks. */
export function writeModulesTree(modules: readonly FixtureModule[]): ModulesTree {
  const dir = mkdtempSync(join(tmpdir(), 'wz-tasks-'));
  const tasksFile = (code: string) => join(dir, code, 'tasks', 'index.ts');
  for (const m of modules) {
    mkdirSync(join(dir, m.code, 'tasks'), { recursive: true });
    writeFileSync(
      join(dir, m.code, 'definition.ts'),
      `import { defineModule } from '${BASE_URL}';\n` +
        `export const definition = defineModule({ code: '${m.code}', name: '${m.code}', isCore: ${m.isCore ?? false} });\n`,
    );
    if (m.tasks !== undefined) writeFileSync(tasksFile(m.code), `import { defineTask } from '${QUEUE_URL}';\n${m.tasks}\n`);
  }
  return { dir, tasksFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Tasks whose outcome the run tests observe through `task_runs`. */
export const RUN_TASKS = {
  core: `
export const tasks = [
  defineTask({ name: 'core.ping', async handler() {} }),
];`,
  reports: `
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const tasks = [
  defineTask<{ sleepMs?: number }>({ name: 'reports.build', async handler(payload) { await sleep(payload.sleepMs ?? 0); } }),
  defineTask({
    name: 'reports.flaky', attempts: 3, backoffMs: 50,
    async handler(_payload, ctx) { if (ctx.attempt < 2) throw new Error('not yet'); },
  }),
  defineTask({
    name: 'reports.broken', attempts: 3, backoffMs: 100,
    async handler(_payload, ctx) { throw new Error('boom on attempt ' + ctx.attempt); },
  }),
];`,
};

/** Every-second schedules, one per fan-out rule. */
export const SCHEDULED_TASKS = {
  core: `
export const tasks = [
  defineTask({ name: 'core.heartbeat', schedule: '* * * * * *', async handler() {} }),
];`,
  reports: `
export const tasks = [
  defineTask({ name: 'reports.tick', schedule: '* * * * * *', async handler() {} }),
  defineTask({ name: 'reports.global', schedule: '* * * * * *', perPlatform: false, async handler() {} }),
];`,
};
