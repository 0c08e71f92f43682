import { sql, type Kysely } from 'kysely';

/** Customers belong to a vendor, whose row must exist first. */
export const after = ['tenancy_001'];

/**
 * Storefront customers and their addresses. A customer belongs to one
 * vendor's storefront: the same e-mail address at two vendors is two
 * customers (unique per vendor, stored lower-case). Tags are a JSON array
 * of lower-case strings, indexed for segment rules such as "tag is vip".
 * Addresses carry their vendor too, so they are reached through a
 * VendorScope like every vendor-scoped table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)')
    .addColumn('language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('marketing_opt_in', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .addUniqueConstraint('customers_vendor_email_key', ['vendor_id', 'email'])
    .addCheckConstraint('customers_status_check', sql`status in ('active', 'disabled')`)
    .addCheckConstraint('customers_tags_array_check', sql`jsonb_typeof(tags) = 'array'`)
    .execute();
  await db.schema.createIndex('customers_vendor_created_idx').on('customers').columns(['vendor_id', 'created_at']).execute();
  await sql`create index customers_tags_idx on customers using gin (tags jsonb_path_ops)`.execute(db);

  await db.schema
    .createTable('customer_addresses')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('label', 'varchar(60)')
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('company', 'varchar(200)')
    .addColumn('line1', 'varchar(200)', (c) => c.notNull())
    .addColumn('line2', 'varchar(200)')
    .addColumn('postal_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('city', 'varchar(100)', (c) => c.notNull())
    .addColumn('country', 'char(2)', (c) => c.notNull().defaultTo('LU'))
    .addColumn('phone', 'varchar(40)')
    .addColumn('is_default_shipping', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_default_billing', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('customer_addresses_customer_idx').on('customer_addresses').column('customer_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_addresses').execute();
  await db.schema.dropTable('customers').execute();
}
