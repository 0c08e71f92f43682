import type { ScaffoldContext } from '../scaffold-context.ts';

/** `migrations/versions/<code>_001_create_<table>.ts`: run by the migration runner in dependency order. */
export function renderMigration(c: ScaffoldContext): string {
  return `import { sql, type Kysely } from 'kysely';

/** Creates ${c.table}: the ${c.code} module's items, one list per platform. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('${c.table}')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('platform_code', 'varchar(64)', (col) => col.notNull().references('platforms.code').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql\`now()\`))
    // Names are unique per platform: the service answers ${c.constant}_ITEM_NAME_TAKEN on a second one.
    .addUniqueConstraint('${c.table}_platform_name_key', ['platform_code', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('${c.table}').execute();
}
`;
}
