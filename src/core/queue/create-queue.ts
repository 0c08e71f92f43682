import type { FastifyBaseLogger } from 'fastify';
import type { Settings } from '../config.ts';
import type { Database } from '../database/database.ts';
import type { TaskQueue } from '../queue.ts';
import type { ModuleRegistry } from '../../modules/registry.ts';
import type { ModuleService } from '../../modules/service.ts';
import type { LoadedTask } from '../../modules/tasks.ts';

export interface CreateQueueOptions {
  settings: Settings;
  database: Database;
  registry: ModuleRegistry;
  modules: ModuleService;
  tasks: readonly LoadedTask[];
  logger: FastifyBaseLogger;
}
// TEMPORARY: replaced by the tasks work.
export function createTaskQueue(_o: CreateQueueOptions): TaskQueue {
  return {
    kind: 'in-process',
    async enqueue() { return 'x'; },
    async startWorker() {},
    async depth() { return 0; },
    async ping() { return true; },
    async drain() {},
    async close() {},
  };
}
