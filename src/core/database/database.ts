import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { FrameworkTables } from './tables.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** Cross-process notifications (LISTEN/NOTIFY) on the same database. */
export interface Notifier {
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
}

/**
 * An open database: the Kysely instance plus what the framework needs
 * around it. `db` is typed with the framework's tables; modules widen it
 * with `db.withTables<...>()`.
 */
export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<FrameworkTables>;
  readonly notifier: Notifier;
  /** Where the data lives, for logs: a directory, `memory` or a redacted URL. */
  readonly location: string;
  close(): Promise<void>;
}

const PG_INT8 = 20;
// pg returns int8 (counts, sums) as strings while PGlite returns numbers;
// numbers on both keeps results identical across the two databases.
pg.types.setTypeParser(PG_INT8, (value: string) => Number(value));

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `memory` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** An existing PGlite instance (tests share a migrated clone). */
  pglite?: PGliteInterface;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  let pglite = options.pglite;
  let location = 'memory';
  if (!pglite) {
    if (options.dataDir && options.dataDir !== 'memory') {
      const dir = resolve(options.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
      location = dir;
      pglite = await PGlite.create(dir);
    } else {
      pglite = await PGlite.create();
    }
  }
  return wrapPGlite(pglite, location, !options.pglite);
}

export function wrapPGlite(pglite: PGliteInterface, location = 'memory', owned = true): Database {
  const db = new Kysely<FrameworkTables>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    location,
    notifier: {
      async listen(channel, onMessage) {
        const unsubscribe = await pglite.listen(channel, onMessage);
        return async () => unsubscribe();
      },
      async notify(channel, payload) {
        await pglite.query('select pg_notify($1, $2)', [channel, payload]);
      },
    },
    async close() {
      await db.destroy();
      if (owned && !pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection killed by the server (failover, restart) is emitted
  // on the pool; without a listener it would crash the process. The pool
  // replaces the connection on the next query, so logging is enough.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle connection error: ${error.message}`);
  });
  const db = new Kysely<FrameworkTables>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    db,
    location: url.replace(/\/\/[^@/]*@/, '//***@'),
    notifier: {
      async listen(channel, onMessage) {
        // LISTEN needs a connection of its own that stays open; a pooled one
        // would be handed to other queries and lose the subscription.
        const client = new pg.Client({ connectionString: url });
        client.on('error', (error) => {
          process.emitWarning(`PostgreSQL listener connection error: ${error.message}`);
        });
        await client.connect();
        client.on('notification', (msg) => {
          if (msg.channel === channel) onMessage(msg.payload ?? '');
        });
        await client.query(`listen "${channel.replace(/"/g, '')}"`);
        listeners.push(client);
        return async () => {
          listeners.splice(listeners.indexOf(client), 1);
          await client.end();
        };
      },
      async notify(channel, payload) {
        await pool.query('select pg_notify($1, $2)', [channel, payload]);
      },
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end()));
      await db.destroy();
    },
  };
}
