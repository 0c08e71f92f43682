import { InvalidArgumentError, type Command } from 'commander';
import type { MigrationRunner } from '../../modules/migrations.ts';
import { CliError } from '../cli-error.ts';
import { cliSettings, formatTable, loadCliRegistry, printJson, printLine, withDatabase } from '../cli-context.ts';

/**
 * `wizamart migrate ...`: the framework's and every module's migrations,
 * through the same runner the app uses at start-up. Each batch runs in one
 * transaction, so a failed `up` leaves the schema as it was.
 */
export function register(program: Command): void {
  const migrate = program.command('migrate').description('apply, revert and inspect database migrations');

  migrate
    .command('up')
    .description('apply pending migrations (all, or up to and including --to)')
    .option('--to <id>', 'stop after this migration, e.g. cms_002')
    .option('--json', 'print JSON')
    .action(async (options: { to?: string; json?: boolean }) => {
      const applied = await withRunner('wizamart migrate up', (runner) => runner.up(options.to ? { to: options.to } : {}));
      if (options.json) return printJson({ applied });
      printLine(applied.length === 0 ? 'Nothing to apply: the database is up to date.' : `Applied ${applied.length} migration(s):\n${indent(applied)}`);
    });

  migrate
    .command('down')
    .description('revert the last applied migration, the last N, or all of one module')
    .option('--steps <n>', 'how many migrations to revert, newest first', positiveInteger)
    .option('--module <code>', "revert every applied migration of this module (or 'framework')")
    .option('--json', 'print JSON')
    .action(async (options: { steps?: number; module?: string; json?: boolean }) => {
      if (options.steps !== undefined && options.module !== undefined) {
        throw new CliError('use either --steps or --module, not both');
      }
      const target = options.module !== undefined ? { module: options.module } : { steps: options.steps ?? 1 };
      const reverted = await withRunner('wizamart migrate down', (runner) => runner.down(target));
      if (options.json) return printJson({ reverted });
      printLine(reverted.length === 0 ? 'Nothing to revert.' : `Reverted ${reverted.length} migration(s):\n${indent(reverted)}`);
    });

  migrate
    .command('status')
    .description('list every known migration and whether it is applied')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await withRunner('wizamart migrate status', (runner) => runner.status());
      if (options.json) return printJson(status);
      const pending = status.filter((m) => !m.applied).length;
      printLine(
        formatTable([
          ['MIGRATION', 'MODULE', 'STATE', 'BATCH', 'APPLIED AT'],
          ...status.map((m) => [m.name, m.module, m.applied ? 'applied' : 'pending', m.batch === null ? '-' : String(m.batch), m.appliedAt?.toISOString() ?? '-']),
        ]),
      );
      printLine(`\n${status.length - pending} applied, ${pending} pending.`);
    });

  migrate
    .command('history')
    .description('list applied migrations in the order they ran, by batch')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const history = await withRunner('wizamart migrate history', (runner) => runner.history());
      if (options.json) return printJson(history);
      if (history.length === 0) return printLine('No migration has been applied.');
      printLine(formatTable([['BATCH', 'APPLIED AT', 'MODULE', 'MIGRATION'], ...history.map((h) => [String(h.batch), h.appliedAt.toISOString(), h.module, h.name])]));
    });
}

async function withRunner<T>(purpose: string, work: (runner: MigrationRunner) => Promise<T>): Promise<T> {
  const settings = await cliSettings();
  const registry = await loadCliRegistry(settings);
  const { MigrationRunner } = await import('../../modules/migrations.ts');
  return withDatabase(settings, purpose, (database) => work(new MigrationRunner(database.db, registry)));
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function indent(ids: readonly string[]): string {
  return ids.map((id) => `  ${id}`).join('\n');
}
