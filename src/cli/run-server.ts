import type { AddressInfo } from 'node:net';
import { buildApp, loadRegistry, type App } from '../app.ts';
import { loadSettings, type Settings } from '../core/config.ts';
import type { Database } from '../core/database/database.ts';
import { loadDemoData, summarizeDemoData } from '../core/demo-data.ts';
import { MigrationRunner } from '../modules/migrations.ts';
import { printLine } from './cli-context.ts';
import { DEFAULT_MODULES_DIR } from '../modules/discovery.ts';
import { isEmptyDatabase } from './database-schema.ts';
import { openLockedDatabase } from './open-locked-database.ts';
import { closeWithin, listenForShutdown } from './shutdown-signal.ts';

export interface RunningServer {
  readonly app: App;
  /** The address the server answers on, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Shown to another process that finds the embedded database locked. */
  readonly purpose?: string;
}

/**
 * Starts Wizamart as `npm start` and `wizamart serve` do: discover the
 * modules (a broken one stops start-up before the database is touched),
 * open the database, migrate (by default only the embedded one), load the
 * demo data on a new embedded database, run background tasks in-process
 * unless REDIS_URL hands them to `wizamart worker`, and listen on HOST:PORT.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const settings = loadSettings(env);
  const modulesDir = settings.modulesDir ?? DEFAULT_MODULES_DIR;
  await loadRegistry(modulesDir);
  const database = await openLockedDatabase(settings, options.purpose ?? 'npm start');
  try {
    // Asked before buildApp migrates: afterwards every database looks used.
    const fresh = database.kind === 'pglite' && (await isEmptyDatabase(database.db));
    const app = await buildApp({ env, modulesDir, database, startWorker: !settings.redisUrl });
    try {
      const { registry, modules, storage } = app.wizamart;
      const demo = fresh ? await loadDemoData({ db: database.db, registry, modules, storage }) : undefined;
      await warnIfBehind(app, database, settings);
      await app.listen({ host: settings.host, port: settings.port });
      const url = listeningUrl(app.server.address() as AddressInfo);
      // Printed once the address is known, so the sign-in links can be opened as they are.
      if (demo) printLine(summarizeDemoData(demo, settings.publicUrl ?? url));
      printLine(describeSetup(database, settings));
      printLine(`Wizamart is listening on ${url}${settings.publicUrl ? ` (public URL ${settings.publicUrl})` : ''}`);
      return {
        app,
        url,
        async close() {
          try {
            await app.close();
          } finally {
            await database.close();
          }
        },
      };
    } catch (error) {
      await app.close();
      throw error;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Starts the server and keeps it up until SIGINT or SIGTERM, then closes everything in order. */
export async function runServer(options: StartServerOptions = {}): Promise<void> {
  const shutdown = listenForShutdown();
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (error) {
    shutdown.dispose();
    throw error;
  }
  const signal = await shutdown.received;
  printLine(`${signal} received: shutting down.`);
  await closeWithin(() => server.close());
}

/** `http://127.0.0.1:3000`; an any-interface bind prints as localhost, which a browser can open. */
export function listeningUrl(address: AddressInfo): string {
  const any = address.address === '0.0.0.0' || address.address === '::';
  const host = any ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export function describeSetup(database: Database, settings: Settings): string {
  const db = database.kind === 'pglite' ? `embedded PGlite in ${database.location}` : `PostgreSQL at ${database.location}`;
  const tasks = settings.redisUrl ? 'on Redis (run `wizamart worker` to execute them)' : 'in-process';
  return `Database: ${db}; background tasks: ${tasks}`;
}

/**
 * PostgreSQL is not migrated at start-up unless AUTO_MIGRATE=true (several
 * replicas racing to migrate is worse than one deploy step), so say
 * loudly when the schema is behind the code.
 */
async function warnIfBehind(app: App, database: Database, settings: Settings): Promise<void> {
  if (database.kind === 'pglite' || settings.autoMigrate) return;
  const pending = (await new MigrationRunner(database.db, app.wizamart.registry).status()).filter((m) => !m.applied);
  if (pending.length > 0) {
    process.stderr.write(
      `Warning: ${pending.length} pending migration(s) (${pending.map((m) => m.id).join(', ')}); run \`wizamart migrate up\`.\n`,
    );
  }
}
