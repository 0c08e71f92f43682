import { sql, type Kysely } from 'kysely';

/**
 * The framework's identity, mail and menu tables. They know audiences and
 * user ids, not what a user is: the tenancy module (admins, vendor staff)
 * and the customers module own the users and answer who a session belongs to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per signed-in device. The refresh token is stored as a SHA-256
  // digest; rotation replaces it and keeps the previous digest, so a reused
  // (stolen) refresh token is recognised and ends the session.
  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('audience', 'varchar(16)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('vendor_id', 'integer')
    .addColumn('refresh_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('previous_hash', 'varchar(64)')
    .addColumn('user_agent', 'varchar(400)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'varchar(64)')
    .execute();
  await db.schema.createIndex('auth_sessions_user_idx').on('auth_sessions').columns(['audience', 'user_id']).execute();

  // Failed sign-ins per account (audience + e-mail, whether or not the account
  // exists, so the lock-out reveals nothing).
  await db.schema
    .createTable('auth_login_failures')
    .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();

  // Single-use tokens sent by mail: password reset, invitations, e-mail verification.
  await db.schema
    .createTable('auth_one_time_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('audience', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('auth_one_time_tokens_subject_idx').on('auth_one_time_tokens').columns(['purpose', 'audience', 'subject']).execute();

  // Every message the platform sends, kept whether or not SMTP is configured:
  // without SMTP_URL this table is the outbox admins read in the back office.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('platform_code', 'varchar(64)')
    .addColumn('vendor_id', 'integer')
    .addColumn('to_address', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject', 'varchar(400)', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('template', 'varchar(100)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('transport', 'varchar(16)', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('mail_outbox_created_idx').on('mail_outbox').columns(['created_at']).execute();
  await db.schema.createIndex('mail_outbox_to_idx').on('mail_outbox').columns(['to_address']).execute();

  // A platform's changes to the module-driven menus: an item hidden or moved.
  await db.schema
    .createTable('platform_menu_config')
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('platforms.id').onDelete('cascade'))
    .addColumn('frontend', 'varchar(16)', (c) => c.notNull())
    .addColumn('item_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('position', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'varchar(200)')
    .addPrimaryKeyConstraint('platform_menu_config_pkey', ['platform_id', 'frontend', 'item_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('platform_menu_config').execute();
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('auth_one_time_tokens').execute();
  await db.schema.dropTable('auth_login_failures').execute();
  await db.schema.dropTable('auth_sessions').execute();
}
