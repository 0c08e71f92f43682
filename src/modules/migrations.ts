import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { FrameworkTables } from '../core/database/tables.ts';
import { importFresh, listSources } from './discovery.ts';
import type { ModuleRegistry } from './registry.ts';

/** The framework's own migrations; they run before any module's. */
export const FRAMEWORK_MIGRATIONS_DIR = fileURLToPath(new URL('../core/migrations/', import.meta.url));
export const FRAMEWORK_CODE = 'framework';

/** `<module_code>_<sequence>_<description>.ts`, module codes with `_` for `-` allowed. */
export const MIGRATION_FILE_PATTERN = /^([a-z][a-z0-9_-]*?)_(\d{3,})_([a-z0-9_]+)\.(ts|js|mjs)$/;

/** What a migration file exports. */
export interface MigrationModule {
  up(db: Kysely<unknown>): Promise<void>;
  down(db: Kysely<unknown>): Promise<void>;
  /** Migrations of other modules (`<code>_<seq>`) that must run before this one. */
  after?: readonly string[];
}

export interface MigrationInfo {
  /** `<code>_<seq>`, e.g. `cms_001`. */
  readonly id: string;
  readonly module: string;
  readonly sequence: number;
  readonly name: string;
  readonly file: string;
}

export interface MigrationStatus extends MigrationInfo {
  readonly applied: boolean;
  readonly appliedAt: Date | null;
  readonly batch: number | null;
}

export interface HistoryEntry {
  readonly id: string;
  readonly module: string;
  readonly name: string;
  readonly batch: number;
  readonly appliedAt: Date;
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Runs the migrations of the framework and of every installed module.
 * Order: the framework first, then modules in dependency order, each
 * module's files by sequence; a migration's `after` list can pull in a
 * migration of another module ahead of it. Every batch runs in one
 * transaction, so a failing migration leaves the database as it was.
 *
 * @example
 * const runner = new MigrationRunner(db, registry);
 * await runner.up();                      // to head
 * await runner.down({ module: 'cms' });   // undo cms's migrations
 */
export class MigrationRunner {
  readonly #db: Kysely<FrameworkTables>;
  readonly #registry: ModuleRegistry;
  #plan: Promise<Array<MigrationInfo & { module_: MigrationModule }>> | undefined;

  constructor(db: Kysely<FrameworkTables>, registry: ModuleRegistry) {
    this.#db = db;
    this.#registry = registry;
  }

  /** Every known migration, in the order `up` applies them. */
  async list(): Promise<MigrationInfo[]> {
    return (await this.#ordered()).map(({ module_: _, ...info }) => info);
  }

  async status(): Promise<MigrationStatus[]> {
    const applied = await this.#applied();
    return (await this.list()).map((m) => {
      const row = applied.get(m.id);
      return { ...m, applied: Boolean(row), appliedAt: row?.applied_at ?? null, batch: row?.batch ?? null };
    });
  }

  async history(): Promise<HistoryEntry[]> {
    await this.#ensureTable();
    const rows = await this.#db
      .selectFrom('schema_migrations')
      .selectAll()
      .orderBy('batch')
      .orderBy('applied_at')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.name, module: r.module_code, name: r.name, batch: r.batch, appliedAt: r.applied_at }));
  }

  /** Applies every pending migration (or those up to `to`, a migration id). Returns the ids applied. */
  async up(options: { to?: string } = {}): Promise<string[]> {
    const ordered = await this.#ordered();
    const applied = await this.#applied();
    let pending = ordered.filter((m) => !applied.has(m.id));
    if (options.to) {
      const index = pending.findIndex((m) => m.id === options.to);
      if (index === -1) {
        if (applied.has(options.to)) return [];
        throw new MigrationError(`unknown migration "${options.to}"`);
      }
      pending = pending.slice(0, index + 1);
    }
    if (pending.length === 0) return [];
    const batch = (await this.#maxBatch()) + 1;
    await this.#inTransaction(async (trx) => {
      for (const m of pending) {
        await runStep(m, 'up', trx);
        await trx
          .insertInto('schema_migrations')
          .values({ name: m.id, module_code: m.module, sequence: m.sequence, batch })
          .execute();
      }
    });
    return pending.map((m) => m.id);
  }

  /**
   * Reverts migrations, newest first: the last `steps` applied (default 1),
   * or every applied migration of `module`. Refuses when another applied
   * migration declared it must run after one being reverted.
   */
  async down(options: { steps?: number; module?: string } = {}): Promise<string[]> {
    const ordered = await this.#ordered();
    const applied = await this.#applied();
    const appliedInOrder = ordered
      .filter((m) => applied.has(m.id))
      .sort((a, b) => applied.get(b.id)!.batch - applied.get(a.id)!.batch || ordered.indexOf(b) - ordered.indexOf(a));
    let targets: typeof appliedInOrder;
    if (options.module !== undefined) {
      if (options.module !== FRAMEWORK_CODE && !this.#registry.has(options.module)) {
        throw new MigrationError(`unknown module "${options.module}"`);
      }
      targets = appliedInOrder.filter((m) => m.module === options.module);
      // A module's tables may be referenced by the modules that require it.
      const dependents = options.module === FRAMEWORK_CODE ? this.#registry.codes() : this.#registry.dependentsOf(options.module);
      const blocking = dependents.find((code) => appliedInOrder.some((m) => m.module === code));
      if (targets.length > 0 && blocking) {
        throw new MigrationError(`cannot revert ${options.module}: ${blocking} requires it and has applied migrations; revert ${blocking} first`);
      }
    } else {
      const steps = options.steps ?? 1;
      if (!Number.isInteger(steps) || steps < 1) throw new MigrationError(`steps must be a positive integer, got ${steps}`);
      targets = appliedInOrder.slice(0, steps);
    }
    const reverting = new Set(targets.map((m) => m.id));
    for (const m of appliedInOrder) {
      if (reverting.has(m.id)) continue;
      const blocker = (m.module_.after ?? []).find((id) => reverting.has(id)) ?? sameModuleEarlier(m, reverting);
      if (blocker) {
        throw new MigrationError(`cannot revert ${blocker}: applied migration ${m.id} depends on it; revert ${m.module} first`);
      }
    }
    if (targets.length === 0) return [];
    await this.#inTransaction(async (trx) => {
      for (const m of targets) {
        await runStep(m, 'down', trx);
        await trx.deleteFrom('schema_migrations').where('name', '=', m.id).execute();
      }
    });
    return targets.map((m) => m.id);
  }

  async #inTransaction(work: (trx: Kysely<FrameworkTables>) => Promise<void>): Promise<void> {
    await this.#ensureTable();
    await this.#db.transaction().execute(work);
  }

  async #ensureTable(): Promise<void> {
    await this.#db.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('module_code', 'varchar(64)', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('batch', 'integer', (c) => c.notNull())
      .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
      .execute();
  }

  async #applied(): Promise<Map<string, { batch: number; applied_at: Date }>> {
    await this.#ensureTable();
    const rows = await this.#db.selectFrom('schema_migrations').select(['name', 'batch', 'applied_at']).execute();
    return new Map(rows.map((r) => [r.name, r]));
  }

  async #maxBatch(): Promise<number> {
    const row = await this.#db
      .selectFrom('schema_migrations')
      .select((eb) => eb.fn.max('batch').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  #ordered(): Promise<Array<MigrationInfo & { module_: MigrationModule }>> {
    this.#plan ??= this.#load();
    return this.#plan;
  }

  async #load(): Promise<Array<MigrationInfo & { module_: MigrationModule }>> {
    const sources: Array<{ module: string; dir: string }> = [{ module: FRAMEWORK_CODE, dir: FRAMEWORK_MIGRATIONS_DIR }];
    for (const [code, manifest] of this.#registry.manifests) {
      if (manifest.migrationsDir) sources.push({ module: code, dir: manifest.migrationsDir });
    }
    const found: Array<MigrationInfo & { module_: MigrationModule }> = [];
    const problems: string[] = [];
    for (const { module, dir } of sources) {
      for (const file of listSources(dir)) {
        const info = parseMigrationFile(file, module);
        if (typeof info === 'string') {
          problems.push(`${file}: ${info}`);
          continue;
        }
        const loaded = (await importFresh(file)) as Partial<MigrationModule>;
        if (typeof loaded.up !== 'function' || typeof loaded.down !== 'function') {
          problems.push(`${file}: must export async functions up(db) and down(db)`);
          continue;
        }
        found.push({ ...info, module_: loaded as MigrationModule });
      }
    }
    const ids = new Map<string, MigrationInfo>();
    for (const m of found) {
      if (ids.has(m.id)) problems.push(`${m.file}: duplicate migration id ${m.id} (also ${ids.get(m.id)!.file})`);
      ids.set(m.id, m);
    }
    for (const m of found) {
      for (const dep of m.module_.after ?? []) {
        if (!ids.has(dep)) problems.push(`${m.file}: \`after\` names unknown migration "${dep}"`);
      }
    }
    if (problems.length > 0) throw new MigrationError(`invalid migrations:\n  ${problems.join('\n  ')}`);
    return orderMigrations(found, [FRAMEWORK_CODE, ...this.#registry.codes()]);
  }
}

/** `cms_002_add_sections.ts` in module `cms` → its info, or the reason it is invalid. */
export function parseMigrationFile(file: string, module: string): MigrationInfo | string {
  const name = basename(file);
  const match = MIGRATION_FILE_PATTERN.exec(name);
  const prefix = module.replace(/-/g, '_');
  if (!match || (match[1] !== prefix && match[1] !== module)) {
    return `migration file names must be ${prefix}_<sequence>_<description>.ts (e.g. ${prefix}_001_create_tables.ts)`;
  }
  const sequence = Number(match[2]);
  return { id: `${prefix}_${match[2]}`, module, sequence, name: name.replace(/\.(ts|js|mjs)$/, ''), file };
}

/**
 * Orders migrations so that each comes after the earlier ones of its module
 * and after everything in its `after` list; among those ready, the one of
 * the module earliest in dependency order (then lowest sequence) goes first.
 */
export function orderMigrations<T extends MigrationInfo & { module_: Pick<MigrationModule, 'after'> }>(
  migrations: readonly T[],
  moduleOrder: readonly string[],
): T[] {
  const rank = (m: T) => moduleOrder.indexOf(m.module);
  const prereqs = new Map<string, Set<string>>();
  for (const m of migrations) {
    const deps = new Set(m.module_.after ?? []);
    const previous = migrations.filter((o) => o.module === m.module && o.sequence < m.sequence);
    for (const p of previous) deps.add(p.id);
    prereqs.set(m.id, deps);
  }
  const done = new Set<string>();
  const out: T[] = [];
  const remaining = [...migrations];
  while (remaining.length > 0) {
    const ready = remaining
      .filter((m) => [...prereqs.get(m.id)!].every((d) => done.has(d)))
      .sort((a, b) => rank(a) - rank(b) || a.sequence - b.sequence);
    const next = ready[0];
    if (!next) {
      throw new MigrationError(`migration order has a cycle among: ${remaining.map((m) => m.id).join(', ')}`);
    }
    out.push(next);
    done.add(next.id);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return out;
}

function sameModuleEarlier(m: MigrationInfo, reverting: ReadonlySet<string>): string | undefined {
  // A later migration of the same module stays applied while an earlier one
  // is reverted only if the caller asked for steps that skip it: refuse.
  for (const id of reverting) {
    const [mod, seq] = [id.slice(0, id.lastIndexOf('_')), Number(id.slice(id.lastIndexOf('_') + 1))];
    if (mod === m.id.slice(0, m.id.lastIndexOf('_')) && seq < m.sequence) return id;
  }
  return undefined;
}

async function runStep(m: MigrationInfo & { module_: MigrationModule }, direction: 'up' | 'down', trx: Kysely<FrameworkTables>): Promise<void> {
  try {
    await m.module_[direction](trx as unknown as Kysely<unknown>);
  } catch (error) {
    throw new MigrationError(`migration ${m.id} (${join(m.module, basename(m.file))}) failed on ${direction}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
