import { Option, type Command } from 'commander';
import type { ModuleRegistry } from '../../modules/registry.ts';
import { CliError } from '../cli-error.ts';
import { cliActor, cliSettings, formatTable, loadCliRegistry, printJson, printLine, withDatabase } from '../cli-context.ts';
import type { GraphFormat } from '../module-graph.ts';

/**
 * `wizamart modules ...`: what is installed (list, show, graph: read from
 * the module folders only, no database) and what is enabled where (enable,
 * disable: through the module service, with its cascade and audit log).
 * Implementations are imported inside the actions (see `cli-context.ts`).
 */
export function register(program: Command): void {
  const modules = program.command('modules').description('inspect installed modules and enable or disable them per platform');

  modules
    .command('list')
    .description('list installed modules with their tier, version and requirements')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const registry = await loadCliRegistry(await cliSettings());
      const { summarize } = await import('../module-details.ts');
      const rows = [...registry.MODULES.values()].map(summarize);
      if (options.json) return printJson(rows);
      printLine(formatTable([['CODE', 'TIER', 'VERSION', 'REQUIRES', 'NAME'], ...rows.map((m) => [m.code, m.tier, m.version, m.requires.join(',') || '-', m.name])]));
    });

  modules
    .command('show <code>')
    .description('show everything about one module: definition, dependencies, routes, tasks, settings, migrations')
    .option('--json', 'print JSON')
    .action(async (code: string, options: { json?: boolean }) => {
      const registry = await loadCliRegistry(await cliSettings());
      requireModule(registry, code);
      const [{ describeModule }, { formatModuleDetails }] = await Promise.all([import('../module-details.ts'), import('../format-module.ts')]);
      const details = await describeModule(registry, code);
      if (options.json) printJson(details);
      else printLine(formatModuleDetails(details));
    });

  modules
    .command('graph')
    .description('print the dependency graph (an edge a --> b reads "a requires b")')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'dot'] satisfies GraphFormat[]).default('mermaid'))
    .action(async (options: { format: GraphFormat }) => {
      const registry = await loadCliRegistry(await cliSettings());
      const { renderGraph } = await import('../module-graph.ts');
      printLine(renderGraph(registry, options.format));
    });

  for (const action of ['enable', 'disable'] as const) {
    modules
      .command(`${action} <code>`)
      .description(
        action === 'enable'
          ? 'enable a module on a platform, with every module it requires'
          : 'disable a module on a platform, with every module that requires it (data is kept)',
      )
      .requiredOption('--platform <code>', 'the platform to change')
      .option('--dry-run', 'show what would change without writing')
      .option('--json', 'print JSON: {changed, plan, dry_run, platform, module, action}')
      .action(async (code: string, options: { platform: string; dryRun?: boolean; json?: boolean }) => {
        const settings = await cliSettings();
        const registry = await loadCliRegistry(settings);
        requireModule(registry, code);
        const [{ ensureSchema }, { ModuleService }, { formatChange }] = await Promise.all([
          import('../database-schema.ts'),
          import('../../modules/service.ts'),
          import('../format-module.ts'),
        ]);
        const result = await withDatabase(settings, `wizamart modules ${action}`, async (database) => {
          await ensureSchema(database, registry, settings);
          const service = new ModuleService(database.db, registry, database.notifier);
          const change = { actor: cliActor(), dryRun: options.dryRun ?? false };
          return action === 'enable'
            ? service.enableModule(options.platform, code, change)
            : service.disableModule(options.platform, code, change);
        });
        if (!options.json) return printLine(formatChange(result));
        printJson({
          changed: result.changed,
          plan: result.plan,
          dry_run: result.dryRun,
          platform: result.platform,
          module: result.module,
          action: result.action,
        });
      });
  }
}

/** Fails before any database work, listing what is installed so a typo is easy to fix. */
function requireModule(registry: ModuleRegistry, code: string): void {
  if (!registry.has(code)) {
    throw new CliError(`unknown module "${code}"; installed modules: ${registry.codes().join(', ')}`);
  }
}
