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

export interface FrameworkTables {
  platforms: PlatformsTable;
  platform_modules: PlatformModulesTable;
  module_audit_log: ModuleAuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  task_runs: TaskRunsTable;
}
