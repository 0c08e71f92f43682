import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { cliSettings, loadCliRegistry, printLine, withDatabase } from '../cli-context.ts';
import { closeWithin, listenForShutdown } from '../shutdown-signal.ts';

/**
 * `wizamart worker`: runs background tasks taken from Redis, with no HTTP.
 * Without REDIS_URL there is no shared queue to take jobs from: tasks then
 * run inside the server process (`wizamart serve`), so this refuses.
 */
export function register(program: Command): void {
  program
    .command('worker')
    .description('run background tasks from the Redis queue (needs REDIS_URL); no HTTP server')
    .action(async () => {
      const settings = await cliSettings();
      if (!settings.redisUrl) {
        throw new CliError(
          'REDIS_URL is not set. Without Redis, background tasks run in-process inside the server\n' +
            '  (`wizamart serve` or `npm start`); a separate worker needs REDIS_URL (and usually DATABASE_URL).',
        );
      }
      const registry = await loadCliRegistry(settings);
      const [{ pino }, { createTaskQueue }, { loadModuleConfigs, setActiveModuleConfigs }, { ModuleService }, { loadTasks }] = await Promise.all([
        import('pino'),
        import('../../core/queue/create-queue.ts'),
        import('../../modules/config.ts'),
        import('../../modules/service.ts'),
        import('../../modules/tasks.ts'),
      ]);
      // Tasks read their module's settings through getModuleConfig, as in the server.
      setActiveModuleConfigs(await loadModuleConfigs(registry));
      const tasks = await loadTasks(registry);
      await withDatabase(settings, 'wizamart worker', async (database) => {
        const modules = new ModuleService(database.db, registry, database.notifier);
        await modules.start();
        const logger = pino({ level: settings.logLevel, name: 'worker' });
        const queue = await createTaskQueue({ settings, database, registry, modules, tasks, logger });
        const shutdown = listenForShutdown();
        try {
          await queue.startWorker();
          printLine(`Worker started (${queue.kind}): ${tasks.length} task(s) from ${new Set(tasks.map((t) => t.module)).size} module(s).`);
          const signal = await shutdown.received;
          printLine(`${signal} received: finishing running jobs and stopping.`);
        } finally {
          shutdown.dispose();
          await closeWithin(async () => {
            await queue.close();
            await modules.stop();
          });
        }
      });
    });
}
