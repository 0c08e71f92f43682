import { sql, type Kysely } from 'kysely';

/** The settings rows hang off tenancy's vendors and platforms. */
export const after = ['tenancy_001'];

/**
 * Store settings (one row per vendor) and platform settings (one row per
 * platform). A missing row means "nothing set yet": readers fall back to
 * defaults, so creating a vendor needs no row here. The database keeps the
 * few rules that must never break (EUR only, a default language); the
 * services check the rest and name every field at fault.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('core_vendor_settings')
    .addColumn('vendor_id', 'integer', (c) => c.primaryKey().references('vendors.id').onDelete('cascade'))
    .addColumn('contact_email', 'varchar(254)')
    .addColumn('phone', 'varchar(32)')
    .addColumn('address_line1', 'varchar(200)')
    .addColumn('address_line2', 'varchar(200)')
    .addColumn('postal_code', 'varchar(16)')
    .addColumn('city', 'varchar(100)')
    .addColumn('country', 'char(2)', (c) => c.notNull().defaultTo('LU'))
    .addColumn('vat_number', 'varchar(16)')
    .addColumn('currency', 'char(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'["en","de","fr","lu"]'::jsonb`))
    .addColumn('default_language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('opening_hours', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('core_vendor_settings_currency_check', sql`currency = 'EUR'`)
    .execute();

  await db.schema
    .createTable('core_platform_settings')
    .addColumn('platform_id', 'integer', (c) => c.primaryKey().references('platforms.id').onDelete('cascade'))
    .addColumn('support_email', 'varchar(254)')
    .addColumn('support_phone', 'varchar(32)')
    .addColumn('legal_name', 'varchar(200)')
    .addColumn('address_line1', 'varchar(200)')
    .addColumn('address_line2', 'varchar(200)')
    .addColumn('postal_code', 'varchar(16)')
    .addColumn('city', 'varchar(100)')
    .addColumn('country', 'char(2)', (c) => c.notNull().defaultTo('LU'))
    .addColumn('vat_number', 'varchar(16)')
    .addColumn('currency', 'char(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'["en","de","fr","lu"]'::jsonb`))
    .addColumn('default_language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('core_platform_settings_currency_check', sql`currency = 'EUR'`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('core_platform_settings').execute();
  await db.schema.dropTable('core_vendor_settings').execute();
}
