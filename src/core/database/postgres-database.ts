import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import type { FrameworkTables } from './tables.ts';

const PG_INT8 = 20;
// pg returns int8 (counts, sums) as strings while PGlite returns numbers;
// numbers on both keeps results identical across the two databases.
pg.types.setTypeParser(PG_INT8, (value: string) => Number(value));

/** A PostgreSQL server through a pool, with LISTEN/NOTIFY on connections of their own. */
export function openPostgres(url: string): Database {
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
