import type { ColumnType, Generated } from 'kysely';

/**
 * Tables owned by the framework layer (created by `src/core/migrations`).
 * Modules describe their own tables in their `models/` folder and reach
 * them through `db.withTables<TheirTables>()`.
 */
export interface PlatformsTable {
  id: Generated<number>;
  code: string;
  name: string;
  created_at: ColumnType<Date, never, never>;
}

export interface PlatformModulesTable {
  platform_id: number;
  module_code: string;
  enabled: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

export interface ModuleAuditLogTable {
  id: Generated<number>;
  platform_id: number;
  module_code: string;
  action: 'enable' | 'disable';
  actor: string;
  plan: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, never, never>;
}

export interface SchemaMigrationsTable {
  name: string;
  module_code: string;
  sequence: number;
  batch: number;
  applied_at: ColumnType<Date, never, never>;
}

export interface TaskRunsTable {
  id: Generated<number>;
  task_name: string;
  module_code: string;
  platform_code: string | null;
  job_id: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'retrying' | 'skipped';
  attempt: number;
  payload: ColumnType<unknown, string, string>;
  error: string | null;
  started_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: Date | null;
  duration_ms: number | null;
}

export interface AuthSessionsTable {
  id: string;
  audience: string;
  user_id: number;
  vendor_id: number | null;
  refresh_hash: string;
  previous_hash: string | null;
  user_agent: string | null;
  ip: string | null;
  created_at: ColumnType<Date, never, never>;
  last_used_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface AuthLoginFailuresTable {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export interface AuthOneTimeTokensTable {
  id: Generated<number>;
  purpose: string;
  audience: string;
  subject: string;
  token_hash: string;
  data: ColumnType<unknown, string | undefined, string>;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  used_at: Date | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  platform_code: string | null;
  vendor_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  template: string | null;
  status: 'queued' | 'sent' | 'failed' | 'outbox';
  transport: 'smtp' | 'outbox';
  error: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
}

export interface PlatformMenuConfigTable {
  platform_id: number;
  frontend: string;
  item_key: string;
  hidden: boolean;
  position: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

export interface FrameworkTables {
  platforms: PlatformsTable;
  auth_sessions: AuthSessionsTable;
  auth_login_failures: AuthLoginFailuresTable;
  auth_one_time_tokens: AuthOneTimeTokensTable;
  mail_outbox: MailOutboxTable;
  platform_menu_config: PlatformMenuConfigTable;
  platform_modules: PlatformModulesTable;
  module_audit_log: ModuleAuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  task_runs: TaskRunsTable;
}
