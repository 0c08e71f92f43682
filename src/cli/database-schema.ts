import { sql, type Kysely } from 'kysely';
import type { Settings } from '../core/config.ts';
import type { Database } from '../core/database/database.ts';
import type { FrameworkTables } from '../core/database/tables.ts';
import { MigrationRunner } from '../modules/migrations.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { CliError } from './cli-error.ts';

/**
 * True when no migration has ever been applied: a new DATA_DIR or an empty
 * PostgreSQL database. Checked before migrating, because that is what tells
 * a first start (load the demo data) from a later one.
 */
export async function isEmptyDatabase(db: Kysely<FrameworkTables>): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(db);
  if (!rows[0]?.t) return true;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}

/**
 * Brings the schema to head when the settings allow it (AUTO_MIGRATE, on by
 * default for the embedded database, as the app does at start-up);
 * otherwise refuses to work on a schema that is behind, naming the fix.
 *
 * @returns the ids of the migrations applied.
 */
export async function ensureSchema(database: Database, registry: ModuleRegistry, settings: Settings): Promise<string[]> {
  const runner = new MigrationRunner(database.db, registry);
  if (settings.autoMigrate ?? database.kind === 'pglite') return runner.up();
  const pending = (await runner.status()).filter((m) => !m.applied);
  if (pending.length > 0) {
    throw new CliError(
      `the database at ${database.location} has ${pending.length} pending migration(s) (${pending.map((m) => m.id).join(', ')});\n` +
        '  run `wizamart migrate up` first, or set AUTO_MIGRATE=true',
    );
  }
  return [];
}
