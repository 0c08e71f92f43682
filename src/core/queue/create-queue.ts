import type { FastifyBaseLogger } from 'fastify';
import type { Settings } from '../config.ts';
import type { Database } from '../database/database.ts';
import type { TaskQueue } from '../queue.ts';
import type { ModuleRegistry } from '../../modules/registry.ts';
import type { ModuleService } from '../../modules/service.ts';
import type { LoadedTask } from '../../modules/tasks.ts';
import { InProcessQueue } from './in-process-queue.ts';
import { queueNameFor } from './queue-name.ts';
import { scheduleTargets } from './schedule-targets.ts';
import { TaskCatalog } from './task-catalog.ts';
import { TaskExecutor } from './task-executor.ts';

export interface CreateQueueOptions {
  settings: Settings;
  database: Database;
  /** Not read by the backends today (they ask `modules` what is enabled where); part of the boot context app.ts hands over. */
  registry: ModuleRegistry;
  modules: ModuleService;
  tasks: readonly LoadedTask[];
  logger: FastifyBaseLogger;
  /** Overrides the queue name derived from the database (see `queueNameFor`). */
  queueName?: string;
}

/**
 * The task queue for this process: BullMQ when `settings.redisUrl` is set,
 * in-process otherwise. Both record every attempt in `task_runs`, skip jobs
 * of modules disabled on the job's platform, retry with doubling backoff and
 * run cron schedules once `startWorker()` is called.
 *
 * @example
 * const queue = await createTaskQueue({ settings, database, registry, modules, tasks, logger: app.log });
 * if (isWorker) await queue.startWorker();
 * await queue.enqueue('analytics.rollup', {}, { platform: 'wizamart' });
 */
export async function createTaskQueue(options: CreateQueueOptions): Promise<TaskQueue> {
  const { settings, database, modules, logger } = options;
  const catalog = new TaskCatalog(options.tasks);
  const executor = new TaskExecutor({ db: database.db, catalog, modules, logger });
  const targets = scheduleTargets(database.db, modules);
  const derived = queueNameFor(database);
  const name = options.queueName ?? derived.name;
  const shared = { name, catalog, executor, targets, concurrency: settings.workerConcurrency, logger };
  if (settings.redisUrl) {
    // BullMQ and ioredis are loaded only with Redis: the in-process setup starts without them.
    const { BullMqQueue } = await import('./bullmq-queue.ts');
    // An explicit name is a queue someone else may share, so it is never deleted on close.
    return new BullMqQueue({ ...shared, redisUrl: settings.redisUrl, ephemeral: options.queueName === undefined && derived.ephemeral });
  }
  return new InProcessQueue(shared);
}
