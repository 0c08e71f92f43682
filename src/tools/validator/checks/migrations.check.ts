import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listSources } from '../../../modules/discovery.ts';
import { parseMigrationFile } from '../../../modules/migrations.ts';
import type { Report } from '../finding.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { sourceFacts } from '../source-facts.ts';
import { definedModules, inModule, isDir, type DefinedModule } from './check.ts';

/**
 * MOD-014 and MOD-015: the migration runner reads migrations/versions/,
 * loads every `<code>_<seq>_<desc>.ts` there and calls its up/down. A file
 * anywhere else, or without those exports, is never run; a bad name or a
 * reused sequence stops the runner.
 */
export function checkMigrations(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    const dir = join(m.dir, 'migrations');
    if (!isDir(dir)) continue;
    const versions = join(dir, 'versions');
    for (const entry of readdirSync(dir)) {
      if (entry === 'versions' && isDir(versions)) continue;
      stray(report, m, join(dir, entry), 'discovery reads migrations/versions/ only');
    }
    if (!isDir(versions)) {
      report({
        code: 'MOD-015',
        module: m.name,
        file: dir,
        message: `${m.name}/migrations/ has no versions/ folder, so none of its migrations run`,
        fix: `Put the migration files in ${m.name}/migrations/versions/.`,
      });
      continue;
    }
    checkVersions(report, m, versions);
  }
}

function checkVersions(report: Report, m: DefinedModule, versions: string): void {
  const runnable = new Set(listSources(versions));
  for (const entry of readdirSync(versions)) {
    const path = join(versions, entry);
    if (!runnable.has(path)) stray(report, m, path, 'only migration files (.ts) are read there');
  }
  const seen = new Map<string, string>();
  const prefix = m.name.replace(/-/g, '_');
  const parsed = [...runnable].map((file) => ({ file, info: parseMigrationFile(file, m.name) }));
  const next = String(Math.max(0, ...parsed.map(({ info }) => (typeof info === 'string' ? 0 : info.sequence))) + 1).padStart(3, '0');
  for (const { file, info } of parsed) {
    if (typeof info === 'string') {
      report({
        code: 'MOD-014',
        module: m.name,
        file,
        message: `migration ${inModule(m, file)} is not named ${prefix}_<sequence>_<description>.ts`,
        fix: `Rename it to ${prefix}_<sequence>_<description>.ts, e.g. ${prefix}_${next}_create_<table>.ts (three or more digits, lower-case words joined by _).`,
      });
      continue;
    }
    const other = seen.get(info.id);
    if (other) {
      report({
        code: 'MOD-014',
        module: m.name,
        file,
        message: `migration ${inModule(m, file)} reuses sequence ${info.id} of ${inModule(m, other)}`,
        fix: `Give it the next free sequence, ${prefix}_${next}; each sequence of a module is used once.`,
      });
    }
    seen.set(info.id, file);
    const facts = sourceFacts(file);
    const missing = ['up', 'down'].filter((n) => !facts.valueExports.has(n));
    if (missing.length > 0 && !facts.exportsAll) {
      report({
        code: 'MOD-015',
        module: m.name,
        file,
        message: `migration ${inModule(m, file)} does not export ${missing.join(' and ')}`,
        fix: 'Export `async function up(db: Kysely<unknown>)` and `async function down(db: Kysely<unknown>)`.',
      });
    }
  }
}

function stray(report: Report, m: DefinedModule, path: string, why: string): void {
  report({
    code: 'MOD-015',
    module: m.name,
    file: path,
    message: `${inModule(m, path)} is never run: ${why}`,
    fix: `Move migration files into ${m.name}/migrations/versions/ and remove anything else from migrations/.`,
  });
}
