import type { Command } from 'commander';
import { cliSettings, loadCliRegistry, printJson, printLine, withDatabase } from '../cli-context.ts';

/**
 * `wizamart demo`: loads the demo data (the `wizamart` platform and what
 * modules contribute). Safe to repeat: a second run creates nothing.
 * This is the only way to get demo data on PostgreSQL; `npm start` does it
 * by itself only on a new embedded database.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('load the demo data (idempotent): platform "wizamart" with every optional and internal module enabled')
    .option('--json', 'print JSON: {admin: {email, password}, vendors: [{code, owner: {email, password}}], customers: [{vendor, email, password}], platform, created: [{kind, key, platform?, source}]}')
    .action(async (options: { json?: boolean }) => {
      const settings = await cliSettings();
      const registry = await loadCliRegistry(settings);
      const [{ loadDemoData, summarizeDemoData, demoJson }, { ModuleService }, { ensureSchema }, { createStorage }] = await Promise.all([
        import('../../core/demo-data.ts'),
        import('../../modules/service.ts'),
        import('../database-schema.ts'),
        import('../../core/storage/create-storage.ts'),
      ]);
      const result = await withDatabase(settings, 'wizamart demo', async (database) => {
        await ensureSchema(database, registry, settings);
        const modules = new ModuleService(database.db, registry, database.notifier);
        return loadDemoData({ db: database.db, registry, modules, storage: await createStorage(settings) });
      });
      if (options.json) printJson(demoJson(result));
      else printLine(summarizeDemoData(result, settings.publicUrl));
    });
}
