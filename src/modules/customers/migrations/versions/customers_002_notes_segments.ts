import { sql, type Kysely } from 'kysely';

/** Notes and segments hang off the customers of `customers_001`. */
export const after = ['customers_001'];

/**
 * The vendor back office's customer notes and segments. Both carry their
 * vendor, so they are reached through a VendorScope like every
 * vendor-scoped table. A note keeps its author's name as written at the
 * time, so it still reads well after the staff member has left the team.
 * A segment stores rules, not members: its members are computed by one
 * query from the rules whenever they are asked for, so they follow the
 * customers as they change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_notes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('customer_notes_body_length_check', sql`char_length(body) between 1 and 4000`)
    .execute();
  await db.schema.createIndex('customer_notes_customer_idx').on('customer_notes').columns(['customer_id', 'created_at']).execute();

  await db.schema
    .createTable('customer_segments')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)')
    .addColumn('match', 'varchar(8)', (c) => c.notNull().defaultTo('all'))
    .addColumn('rules', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('customer_segments_match_check', sql`match in ('all', 'any')`)
    .addCheckConstraint('customer_segments_rules_array_check', sql`jsonb_typeof(rules) = 'array'`)
    .execute();
  // Names are unique per vendor regardless of case: "VIP" and "vip" would be the same segment to a person.
  await sql`create unique index customer_segments_vendor_name_key on customer_segments (vendor_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_segments').execute();
  await db.schema.dropTable('customer_notes').execute();
}
