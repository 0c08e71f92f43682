import type { TaskDefinition } from '../core/queue.ts';
import { checkTaskDefinition } from '../core/queue/task-definition-check.ts';
import { describe, importFresh } from './discovery.ts';
import { ModuleLoadError, type ModuleProblem } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';

/** A task and where it came from. */
export interface LoadedTask {
  readonly module: string;
  /** The module's `tasks/index.ts`, for messages. */
  readonly file: string;
  readonly task: TaskDefinition;
}

const EXPORT_HINT = 'export const tasks = [defineTask({ name, handler })]';

/**
 * Imports every module's `tasks/index.ts`, which must export `tasks`, an
 * array of `defineTask` results. A file that fails to import or lacks the
 * export, an invalid declaration (a bad cron expression, say) and a task
 * name used twice are reported together, each naming its file.
 *
 * @example
 * const tasks = await loadTasks(registry);
 * tasks.map((t) => t.task.name); // ['analytics.rollup', 'orders.expire-carts']
 */
export async function loadTasks(registry: ModuleRegistry, cacheBust?: string): Promise<LoadedTask[]> {
  const problems: ModuleProblem[] = [];
  const loaded: LoadedTask[] = [];
  const byName = new Map<string, LoadedTask>();
  for (const [code, manifest] of registry.manifests) {
    const file = manifest.tasksFile;
    if (!file) continue;
    let exported: unknown;
    try {
      exported = ((await importFresh(file, cacheBust)) as { tasks?: unknown }).tasks;
    } catch (error) {
      problems.push({ module: code, file, reason: describe(error) });
      continue;
    }
    if (!Array.isArray(exported)) {
      problems.push({ module: code, file, reason: `does not export \`tasks\` as an array (${EXPORT_HINT})` });
      continue;
    }
    exported.forEach((entry: unknown, index) => {
      // defineTask already checks at import; this catches hand-written objects.
      const issues = checkTaskDefinition(entry);
      if (issues.length > 0) {
        problems.push({ module: code, file, reason: `tasks[${index}]: ${issues.join('; ')}` });
        return;
      }
      const task = entry as TaskDefinition;
      const owner = byName.get(task.name);
      if (owner) {
        const where = owner.module === code ? 'this module' : `module "${owner.module}" (${owner.file})`;
        problems.push({ module: code, file, reason: `task "${task.name}" is already declared by ${where}; task names must be unique` });
        return;
      }
      const item: LoadedTask = { module: code, file, task };
      byName.set(task.name, item);
      loaded.push(item);
    });
  }
  if (problems.length > 0) throw new ModuleLoadError(problems);
  return loaded;
}
