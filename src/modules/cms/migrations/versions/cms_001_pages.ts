import { sql, type Kysely } from 'kysely';

/** Pages belong to a platform and, unless they are its defaults, to a vendor. */
export const after = ['tenancy_001'];

/**
 * Content pages. A page with `vendor_id` null is one of the platform's
 * default pages (about, terms, ...); a vendor page with the same slug
 * overrides it on that vendor's storefront. Slugs are unique per vendor and
 * among a platform's defaults: two partial unique indexes, because a plain
 * unique constraint treats every null `vendor_id` as distinct.
 *
 * Title, body and SEO texts live per language in `cms_page_translations`;
 * `sections` holds the ordered, typed blocks (validated by the service).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cms_pages')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('cascade'))
    .addColumn('vendor_id', 'integer', (c) => c.references('vendors.id').onDelete('cascade'))
    .addColumn('slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('show_in_footer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sections', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('cms_pages_status_check', sql`status in ('draft', 'published')`)
    .execute();
  await db.schema
    .createIndex('cms_pages_vendor_slug_key')
    .on('cms_pages')
    .columns(['vendor_id', 'slug'])
    .unique()
    .where(sql.ref('vendor_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('cms_pages_platform_default_slug_key')
    .on('cms_pages')
    .columns(['platform_id', 'slug'])
    .unique()
    .where(sql.ref('vendor_id'), 'is', null)
    .execute();

  await db.schema
    .createTable('cms_page_translations')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('cms_pages.id').onDelete('cascade'))
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('seo_title', 'varchar(200)')
    .addColumn('seo_description', 'varchar(320)')
    .addPrimaryKeyConstraint('cms_page_translations_pkey', ['page_id', 'language'])
    .addCheckConstraint('cms_page_translations_language_check', sql`language in ('en', 'de', 'fr', 'lu')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cms_page_translations').execute();
  await db.schema.dropTable('cms_pages').execute();
}
