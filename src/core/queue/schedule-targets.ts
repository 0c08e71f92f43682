import type { Kysely } from 'kysely';
import type { LoadedTask } from '../../modules/tasks.ts';
import type { ModuleService } from '../../modules/service.ts';
import type { FrameworkTables } from '../database/tables.ts';

/** The platforms one scheduled occurrence runs for; `undefined` = a single run with no platform. */
export type ScheduleTargets = (task: LoadedTask) => Promise<Array<string | undefined>>;

/**
 * Fans a scheduled task out: once per platform on which its module is
 * enabled (every platform for a core module), or once with no platform when
 * the task says `perPlatform: false`. Asked at each occurrence, so a module
 * enabled a minute ago is included at the next one.
 */
export function scheduleTargets(db: Kysely<FrameworkTables>, modules: ModuleService): ScheduleTargets {
  return async (loaded) => {
    if (loaded.task.perPlatform === false) return [undefined];
    const platforms = await db.selectFrom('platforms').select('code').orderBy('code').execute();
    const targets: string[] = [];
    for (const { code } of platforms) {
      if (await modules.isModuleEnabled(code, loaded.module)) targets.push(code);
    }
    return targets;
  };
}
