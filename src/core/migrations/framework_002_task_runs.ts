import { sql, type Kysely } from 'kysely';

/** One row per run of a background task, read by the monitoring module. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('task_runs')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('module_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('platform_code', 'varchar(64)')
    .addColumn('job_id', 'varchar(200)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('duration_ms', 'integer')
    .execute();
  await db.schema.createIndex('task_runs_task_idx').on('task_runs').columns(['task_name', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('task_runs').execute();
}
