import type { TaskDefinition } from '../core/queue.ts';
import type { ModuleRegistry } from './registry.ts';

export interface LoadedTask {
  readonly module: string;
  readonly task: TaskDefinition;
}
// TEMPORARY: replaced by the tasks work.
export async function loadTasks(_registry: ModuleRegistry, _cacheBust?: string): Promise<LoadedTask[]> {
  return [];
}
