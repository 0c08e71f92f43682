import { sql, type Kysely } from 'kysely';

/** The vendor's row must exist before its locations can reference it. */
export const after = ['tenancy_001'];

/**
 * Stock locations: the warehouses, shops and pick-up points where a vendor
 * keeps stock. Codes are stored upper-case, unique per vendor; at most one
 * location of a vendor is its default (a partial unique index, so the
 * database itself refuses a second one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inventory_locations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('warehouse'))
    .addColumn('address_line', 'varchar(200)')
    .addColumn('postal_code', 'varchar(16)')
    .addColumn('city', 'varchar(100)')
    .addColumn('country', 'char(2)', (c) => c.notNull().defaultTo('LU'))
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('inventory_locations_vendor_code_key', ['vendor_id', 'code'])
    .addCheckConstraint('inventory_locations_kind_check', sql`kind in ('warehouse', 'store', 'pickup')`)
    .execute();
  await db.schema
    .createIndex('inventory_locations_one_default_idx')
    .on('inventory_locations')
    .column('vendor_id')
    .unique()
    .where(sql.ref('is_default'), '=', true)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inventory_locations').execute();
}
