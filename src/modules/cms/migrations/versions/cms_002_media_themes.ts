import { sql, type Kysely } from 'kysely';

/**
 * After the vendors and platforms exist. (cms_001 runs first anyway: a
 * module's migrations run in their sequence.)
 */
export const after = ['tenancy_001'];

/**
 * The media library and the storefront themes.
 *
 * `cms_media`: a file of a vendor, or of a platform when `vendor_id` is
 * null. The object itself lives in the object storage under `storage_key`
 * (content-addressed, so it can be cached forever); `variants` holds the
 * resized WebP copies of an image.
 *
 * `cms_media_usage`: who uses a file (`cms_page:12`, `cms_theme:3`). Its
 * foreign key to the media is NO ACTION, checked at the end of the
 * statement: a file in use cannot be deleted, yet deleting a vendor
 * (which cascades to both tables) still works.
 *
 * `cms_themes`: one row per vendor; no row means the platform's default theme.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cms_media')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.references('vendors.id').onDelete('cascade'))
    .addColumn('platform_id', 'integer', (c) => c.references('platforms.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('storage_key', 'varchar(512)', (c) => c.notNull())
    .addColumn('variants', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('cms_media_kind_check', sql`kind in ('image', 'pdf')`)
    // A vendor's file, or a platform's: never both, never neither.
    .addCheckConstraint('cms_media_owner_check', sql`(vendor_id is null) <> (platform_id is null)`)
    .execute();
  await db.schema.createIndex('cms_media_vendor_idx').on('cms_media').columns(['vendor_id', 'created_at']).execute();
  await db.schema.createIndex('cms_media_storage_key_idx').on('cms_media').column('storage_key').execute();

  await db.schema
    .createTable('cms_media_alt')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('cms_media.id').onDelete('cascade'))
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('alt', 'varchar(300)', (c) => c.notNull())
    .addPrimaryKeyConstraint('cms_media_alt_pkey', ['media_id', 'language'])
    .addCheckConstraint('cms_media_alt_language_check', sql`language in ('en', 'de', 'fr', 'lu')`)
    .execute();

  await db.schema
    .createTable('cms_media_usage')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('cms_media.id'))
    .addColumn('vendor_id', 'integer', (c) => c.references('vendors.id').onDelete('cascade'))
    .addColumn('owner', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cms_media_usage_pkey', ['media_id', 'owner'])
    .execute();
  await db.schema.createIndex('cms_media_usage_owner_idx').on('cms_media_usage').column('owner').execute();

  await db.schema
    .createTable('cms_themes')
    .addColumn('vendor_id', 'integer', (c) => c.primaryKey().references('vendors.id').onDelete('cascade'))
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('color_primary', 'char(7)', (c) => c.notNull())
    .addColumn('color_accent', 'char(7)', (c) => c.notNull())
    .addColumn('color_background', 'char(7)', (c) => c.notNull())
    .addColumn('color_text', 'char(7)', (c) => c.notNull())
    .addColumn('font_heading', 'varchar(32)', (c) => c.notNull())
    .addColumn('font_body', 'varchar(32)', (c) => c.notNull())
    .addColumn('radius', 'varchar(16)', (c) => c.notNull())
    .addColumn('logo_media_id', 'integer', (c) => c.references('cms_media.id'))
    .addColumn('favicon_media_id', 'integer', (c) => c.references('cms_media.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('cms_themes_colors_check', sql`color_primary ~ '^#[0-9a-f]{6}$' and color_accent ~ '^#[0-9a-f]{6}$' and color_background ~ '^#[0-9a-f]{6}$' and color_text ~ '^#[0-9a-f]{6}$'`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cms_themes').execute();
  await db.schema.dropTable('cms_media_usage').execute();
  await db.schema.dropTable('cms_media_alt').execute();
  await db.schema.dropTable('cms_media').execute();
}
