import { userInfo } from 'node:os';
import type { Settings } from '../core/config.ts';
import type { Database } from '../core/database/database.ts';
import type { ModuleRegistry } from '../modules/registry.ts';

/*
 * What the commands share: settings, the registry, the database, output.
 * Everything heavy is imported on first use, not at start: `wizamart
 * --help` then loads commander alone, and `modules list` never loads
 * Fastify or a database driver. (Loaded through tsx, TypeBox alone takes
 * about a second; nothing the CLI does not need should add to that.)
 */

/** The settings of this run, read from the environment inside the command, so `--help` works with a bad one. */
export async function cliSettings(): Promise<Settings> {
  const { loadSettings } = await import('../core/config.ts');
  return loadSettings(process.env);
}

/** MODULES_DIR when set (tests and fixtures), else `src/modules`. */
export async function modulesDirOf(settings: Settings): Promise<string> {
  if (settings.modulesDir) return settings.modulesDir;
  const { DEFAULT_MODULES_DIR } = await import('../modules/discovery.ts');
  return DEFAULT_MODULES_DIR;
}

/** Discovers the modules and checks their rules, without the database or Fastify. */
export async function loadCliRegistry(settings: Settings): Promise<ModuleRegistry> {
  const { loadRegistry } = await import('../modules/load-registry.ts');
  return loadRegistry(await modulesDirOf(settings));
}

/** Runs `work` on the settings' database, closed (and unlocked) afterwards whatever happens. */
export async function withDatabase<T>(settings: Settings, purpose: string, work: (database: Database) => Promise<T>): Promise<T> {
  const { openLockedDatabase } = await import('./open-locked-database.ts');
  const database = await openLockedDatabase(settings, purpose);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The audit log's actor for changes made from a shell: `cli:<user>`. */
export function cliActor(): string {
  let user = process.env.USER ?? process.env.LOGNAME;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      // A container user without a passwd entry: the CLI is still the actor.
    }
  }
  return user ? `cli:${user}` : 'cli';
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
export function formatTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}
