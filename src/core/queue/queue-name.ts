import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../database/database.ts';

/** BullMQ key prefix: every queue's keys are `wizamart:<name>:*`. */
export const QUEUE_PREFIX = 'wizamart';

export interface QueueName {
  readonly name: string;
  /**
   * The queue lives only as long as this process (its database is in
   * memory), so closing it deletes its Redis keys.
   */
  readonly ephemeral: boolean;
}

/**
 * The queue a deployment uses, derived from its database: jobs name
 * platforms and are recorded in `task_runs`, so they belong to one database,
 * and processes sharing a database share a queue. Two deployments (or two
 * parallel test files) on one Redis therefore never see each other's jobs.
 *
 * - PostgreSQL: the database name (`tasks-shop`), stable across host and
 *   credential changes.
 * - PGlite on disk: a hash of its directory.
 * - PGlite in memory: a random name, as no other process can reach the data.
 *
 * @example queueNameFor(database) // { name: 'tasks-shop', ephemeral: false }
 */
export function queueNameFor(database: Pick<Database, 'kind' | 'location'>): QueueName {
  if (database.kind === 'postgres') {
    const dbName = decodeURIComponent(new URL(database.location).pathname.slice(1)) || 'postgres';
    return { name: `tasks-${safe(dbName)}`, ephemeral: false };
  }
  if (database.location === 'memory') {
    return { name: `tasks-memory-${randomBytes(6).toString('hex')}`, ephemeral: true };
  }
  const hash = createHash('sha256').update(database.location).digest('hex').slice(0, 12);
  return { name: `tasks-pglite-${hash}`, ephemeral: false };
}

/** BullMQ refuses `:` in queue names; anything unusual becomes `_`. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}
