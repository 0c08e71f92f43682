import type { Kysely } from 'kysely';

/**
 * The monitoring list reads newest first and the retention task deletes by
 * age, both over the whole table; retries are looked up by job id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('task_runs_started_idx').on('task_runs').column('started_at').execute();
  await db.schema.createIndex('task_runs_job_idx').on('task_runs').column('job_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('task_runs_job_idx').execute();
  await db.schema.dropIndex('task_runs_started_idx').execute();
}
