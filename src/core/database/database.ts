import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
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

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `memory` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** An existing PGlite instance (tests share a migrated clone). */
  pglite?: PGliteInterface;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // The PostgreSQL driver is loaded only when used: the embedded setup starts without it.
    const { openPostgres } = await import('./postgres-database.ts');
    return openPostgres(options.databaseUrl);
  }
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
