import { sql, type Kysely } from 'kysely';

/**
 * The tenants and the people who run them: platform details and domains,
 * companies, vendors, admin users, vendor users with their memberships and
 * custom roles, and invitations. E-mail addresses are stored lower-cased.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The framework created `platforms` (code, name); tenancy widens it.
  await db.schema
    .alterTable('platforms')
    .addColumn('default_language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'["en","de","fr","lu"]'::jsonb`))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A platform answers on each of its domains; vendors get subdomains of them.
  await db.schema
    .createTable('platform_domains')
    .addColumn('domain', 'varchar(253)', (c) => c.primaryKey())
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('cascade'))
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('platform_domains_platform_idx').on('platform_domains').column('platform_id').execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('restrict'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('contact_email', 'varchar(320)')
    .addColumn('vat_number', 'varchar(32)')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('companies_platform_name_key', ['platform_id', 'name'])
    .execute();

  await db.schema
    .createTable('vendors')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id').onDelete('restrict'))
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('restrict'))
    .addColumn('subdomain', 'varchar(63)')
    .addColumn('custom_domain', 'varchar(253)', (c) => c.unique())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('default_language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('vendors_platform_subdomain_key', ['platform_id', 'subdomain'])
    .addCheckConstraint('vendors_status_check', sql`status in ('active', 'suspended')`)
    .execute();
  await db.schema.createIndex('vendors_company_idx').on('vendors').column('company_id').execute();

  await db.schema
    .createTable('admin_users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('is_super_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .addCheckConstraint('admin_users_status_check', sql`status in ('active', 'disabled')`)
    .execute();

  // A platform admin administers the platforms listed here; a super admin all of them.
  await db.schema
    .createTable('admin_user_platforms')
    .addColumn('admin_user_id', 'integer', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('admin_user_platforms_pkey', ['admin_user_id', 'platform_id'])
    .execute();

  // One person, one sign-in, possibly on the team of several vendors.
  await db.schema
    .createTable('vendor_users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .addCheckConstraint('vendor_users_status_check', sql`status in ('active', 'disabled')`)
    .execute();

  // Roles a vendor owner defines; the built-in owner/manager/staff live in code.
  await db.schema
    .createTable('vendor_roles')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('permissions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('vendor_roles_vendor_name_key', ['vendor_id', 'name'])
    .execute();

  await db.schema
    .createTable('vendor_memberships')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('vendor_users.id').onDelete('cascade'))
    .addColumn('builtin_role', 'varchar(16)')
    .addColumn('role_id', 'integer', (c) => c.references('vendor_roles.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('vendor_memberships_vendor_user_key', ['vendor_id', 'user_id'])
    // Exactly one of a built-in role and a custom role.
    .addCheckConstraint(
      'vendor_memberships_role_check',
      sql`(builtin_role in ('owner', 'manager', 'staff') and role_id is null) or (builtin_role is null and role_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('vendor_memberships_user_idx').on('vendor_memberships').column('user_id').execute();

  await db.schema
    .createTable('vendor_invitations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('builtin_role', 'varchar(16)')
    .addColumn('role_id', 'integer', (c) => c.references('vendor_roles.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('invited_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint(
      'vendor_invitations_role_check',
      sql`(builtin_role in ('owner', 'manager', 'staff') and role_id is null) or (builtin_role is null and role_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('vendor_invitations_vendor_idx').on('vendor_invitations').columns(['vendor_id', 'email']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['vendor_invitations', 'vendor_memberships', 'vendor_roles', 'vendor_users', 'admin_user_platforms', 'admin_users', 'vendors', 'companies', 'platform_domains']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable('platforms')
    .dropColumn('default_language')
    .dropColumn('languages')
    .dropColumn('settings')
    .dropColumn('updated_at')
    .execute();
}
