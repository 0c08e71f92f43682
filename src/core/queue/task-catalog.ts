import { AppError } from '../../exceptions/base.ts';
import type { LoadedTask } from '../../modules/tasks.ts';
import { TASK_ERRORS } from './queue-errors.ts';

/** The loaded tasks by name: what both backends look jobs up in. */
export class TaskCatalog {
  readonly #byName: ReadonlyMap<string, LoadedTask>;

  constructor(tasks: readonly LoadedTask[]) {
    this.#byName = new Map(tasks.map((t) => [t.task.name, t] as const));
  }

  find(name: string): LoadedTask | undefined {
    return this.#byName.get(name);
  }

  /** The task, or TASK_NOT_FOUND. */
  get(name: string): LoadedTask {
    const found = this.#byName.get(name);
    if (!found) throw new AppError(TASK_ERRORS.TASK_NOT_FOUND, { task: name });
    return found;
  }

  /** Tasks that declare a cron schedule. */
  scheduled(): LoadedTask[] {
    return [...this.#byName.values()].filter((t) => t.task.schedule !== undefined);
  }
}
