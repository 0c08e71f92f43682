import { afterEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../src/app.ts';
import { ModuleLoadError } from '../../../src/modules/module-problems.ts';
import { loadTasks } from '../../../src/modules/tasks.ts';
import { writeModulesTree, type FixtureModule, type ModulesTree } from './task-fixtures.ts';

describe('loading module tasks', () => {
  let tree: ModulesTree | undefined;
  afterEach(() => tree?.remove());

  async function load(modules: FixtureModule[]) {
    tree = writeModulesTree(modules);
    return loadTasks(await loadRegistry(tree.dir));
  }

  async function problemsOf(modules: FixtureModule[]) {
    const error = await load(modules).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModuleLoadError);
    return (error as ModuleLoadError).problems;
  }

  it("loads each module's tasks with the module they belong to", async () => {
    const tasks = await load([
      { code: 'core', isCore: true, tasks: `export const tasks = [defineTask({ name: 'core.ping', async handler() {} })];` },
      { code: 'reports', tasks: `export const tasks = [defineTask({ name: 'reports.build', schedule: '0 3 * * *', async handler() {} })];` },
      { code: 'quiet' },
    ]);
    expect(tasks.map((t) => [t.module, t.task.name, t.file])).toEqual([
      ['core', 'core.ping', tree!.tasksFile('core')],
      ['reports', 'reports.build', tree!.tasksFile('reports')],
    ]);
  });

  it('reports a tasks file without a `tasks` export by its file name', async () => {
    const problems = await problemsOf([{ code: 'reports', tasks: `export const jobs = [];` }]);
    expect(problems).toEqual([
      { module: 'reports', file: tree!.tasksFile('reports'), reason: expect.stringMatching(/does not export `tasks`/) },
    ]);
  });

  it('reports an invalid cron expression against the tasks file', async () => {
    const problems = await problemsOf([
      { code: 'reports', tasks: `export const tasks = [defineTask({ name: 'reports.build', schedule: '61 * * * *', async handler() {} })];` },
    ]);
    expect(problems).toEqual([
      {
        module: 'reports',
        file: tree!.tasksFile('reports'),
        reason: expect.stringMatching(/^invalid task "reports\.build": schedule: "61 \* \* \* \*" is not a valid cron expression/),
      },
    ]);
  });

  it('reports a task name declared by two modules, naming both files', async () => {
    const problems = await problemsOf([
      { code: 'core', isCore: true, tasks: `export const tasks = [defineTask({ name: 'shared.cleanup', async handler() {} })];` },
      { code: 'reports', tasks: `export const tasks = [defineTask({ name: 'shared.cleanup', async handler() {} })];` },
    ]);
    expect(problems).toEqual([
      {
        module: 'reports',
        file: tree!.tasksFile('reports'),
        reason: `task "shared.cleanup" is already declared by module "core" (${tree!.tasksFile('core')}); task names must be unique`,
      },
    ]);
  });

  it('reports every broken tasks file at once, including hand-written tasks and unknown options', async () => {
    const problems = await problemsOf([
      { code: 'core', isCore: true, tasks: `export const tasks = [{ name: 'core.ping' }];` },
      { code: 'orders', tasks: `throw new Error('orders tasks exploded');` },
      { code: 'reports', tasks: `export const tasks = [defineTask({ name: 'reports.build', scheduel: '* * * * *', async handler() {} })];` },
    ]);
    expect(problems.map((p) => [p.module, p.file, p.reason])).toEqual([
      ['core', tree!.tasksFile('core'), 'tasks[0]: handler: expected a function'],
      ['orders', tree!.tasksFile('orders'), 'orders tasks exploded'],
      ['reports', tree!.tasksFile('reports'), expect.stringMatching(/scheduel: unknown option/)],
    ]);
  });
});
