/**
 * `npm run dev`: the server with module hot-reloading. One HTTP server
 * whose handler hands each request to the current Fastify app
 * (`app.routing`); a change under the modules folder rebuilds the app
 * (new import URLs, so edited files are read again) and swaps it in, on
 * the same open database. Adding or deleting a module folder therefore
 * needs no restart. A module broken by an edit is reported by file and
 * reason while the previous app keeps serving.
 *
 * Files a module imports are reloaded too (see `cli/dev-reload-hooks.ts`);
 * framework files (src/core, src/app.ts...) are not: restart for those.
 */
import { watch } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { register } from 'node:module';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { buildApp, type App } from './app.ts';
import { printLine } from './cli/cli-context.ts';
import { isEmptyDatabase } from './cli/database-schema.ts';
import { openLockedDatabase } from './cli/open-locked-database.ts';
import { describeFailure, reportFailure } from './cli/report-error.ts';
import { describeSetup, listeningUrl } from './cli/run-server.ts';
import { closeWithin, listenForShutdown, type ShutdownListener } from './cli/shutdown-signal.ts';
import { loadSettings, type Settings } from './core/config.ts';
import type { Database } from './core/database/database.ts';
import { loadDemoData, summarizeDemoData } from './core/demo-data.ts';
import { DEFAULT_MODULES_DIR } from './modules/discovery.ts';

/** Editors write bursts of events per save; one rebuild per burst. */
const DEBOUNCE_MS = 150;
/** Swap files and backups that editors create beside the file being edited. */
const EDITOR_NOISE = /(^|[/\\])(\.#|#|4913$)|(~|\.swp|\.swx|\.tmp)$/;

/**
 * Holds the app being served and replaces it. Rebuilds never overlap: a
 * change during a rebuild schedules one more afterwards.
 */
class AppSwapper {
  #current: App | undefined;
  #problems = 'starting';
  #rebuilding: Promise<void> | undefined;
  #again = false;
  #demoPending: boolean;
  readonly #settings: Settings;
  readonly #database: Database;
  readonly #modulesDir: string;

  constructor(settings: Settings, database: Database, modulesDir: string, loadDemo: boolean) {
    this.#settings = settings;
    this.#database = database;
    this.#modulesDir = modulesDir;
    this.#demoPending = loadDemo;
  }

  /** The request handler of the one HTTP server. */
  handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.#current) return this.#current.routing(req, res);
    // No app has ever built: show why instead of refusing the connection.
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Wizamart cannot start:\n${this.#problems}\n`);
  };

  /** Rebuilds now, or once more after the rebuild in progress. */
  async rebuild(): Promise<void> {
    if (this.#rebuilding) {
      this.#again = true;
      return this.#rebuilding;
    }
    this.#rebuilding = this.#build();
    try {
      await this.#rebuilding;
    } finally {
      this.#rebuilding = undefined;
    }
    if (this.#again) {
      this.#again = false;
      await this.rebuild();
    }
  }

  async close(): Promise<void> {
    await this.#rebuilding;
    await this.#current?.close();
    this.#current = undefined;
  }

  async #build(): Promise<void> {
    const started = Date.now();
    let next: App;
    try {
      next = await buildApp({
        modulesDir: this.#modulesDir,
        database: this.#database,
        cacheBust: String(started),
        // A module added during the session may bring migrations; in
        // development they run as soon as the folder appears.
        migrate: this.#settings.autoMigrate ?? true,
        // The worker starts after the swap, so old and new never both run jobs.
        startWorker: false,
      });
    } catch (error) {
      this.#problems = describeFailure(error);
      process.stderr.write(`${this.#problems}\n${this.#current ? 'Still serving the previous version.' : 'Waiting for a fix.'}\n`);
      return;
    }
    const previous = this.#current;
    try {
      if (this.#demoPending) {
        const { registry, modules, storage } = next.wizamart;
        printLine(summarizeDemoData(await loadDemoData({ db: this.#database.db, registry, modules, storage }), this.#settings.publicUrl ?? `http://localhost:${this.#settings.port}`));
        this.#demoPending = false;
      }
      if (previous) await enableNewModules(previous, next, this.#settings.defaultPlatform);
    } catch (error) {
      await next.close();
      this.#problems = describeFailure(error);
      process.stderr.write(`${this.#problems}\n`);
      return;
    }
    this.#current = next;
    await previous?.close();
    if (!this.#settings.redisUrl) await next.wizamart.queue.startWorker();
    const codes = next.wizamart.registry.codes();
    printLine(`${previous ? 'Reloaded' : 'Loaded'} ${codes.length} module(s) in ${Date.now() - started} ms`);
  }
}

/**
 * A module folder dropped in during development is enabled on the default
 * platform, so its routes answer at once instead of "not enabled". Only
 * modules new to this session: what an operator disabled stays disabled.
 */
async function enableNewModules(previous: App, next: App, platform: string): Promise<void> {
  const before = new Set(previous.wizamart.registry.codes());
  const { registry, modules } = next.wizamart;
  const added = registry.codes().filter((c) => !before.has(c) && !registry.getModule(c)?.isCore);
  if (added.length === 0) return;
  if (!(await next.wizamart.database.db.selectFrom('platforms').select('id').where('code', '=', platform).executeTakeFirst())) return;
  for (const code of added) {
    const result = await modules.enableModule(platform, code, { actor: 'dev-server' });
    if (result.changed.length > 0) printLine(`New module ${code}: enabled on platform "${platform}" (${result.changed.join(', ')})`);
  }
}

async function main(shutdown: ShutdownListener): Promise<void> {
  const settings = loadSettings(process.env);
  const modulesDir = settings.modulesDir ?? DEFAULT_MODULES_DIR;
  register('./cli/dev-reload-hooks.ts', import.meta.url, { data: { modulesDirUrl: pathToFileURL(modulesDir).href } });
  const database = await openLockedDatabase(settings, 'npm run dev');
  const fresh = database.kind === 'pglite' && (await isEmptyDatabase(database.db));
  const swapper = new AppSwapper(settings, database, modulesDir, fresh);
  await swapper.rebuild();

  const server = createServer(swapper.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(modulesDir, { recursive: true }, (_event, filename) => {
    if (filename && EDITOR_NOISE.test(filename)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void swapper.rebuild(), DEBOUNCE_MS);
  });
  watcher.on('error', (error) => process.stderr.write(`Watching ${modulesDir} failed: ${error.message}\n`));

  printLine(describeSetup(database, settings));
  printLine(`Wizamart (development) is listening on ${listeningUrl(server.address() as AddressInfo)}; watching ${modulesDir}`);

  const signal = await shutdown.received;
  printLine(`${signal} received: shutting down.`);
  await closeWithin(async () => {
    clearTimeout(timer);
    watcher.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await swapper.close();
    await database.close();
  });
}

// Listening from the first line: a signal during start-up still closes the database.
const shutdown = listenForShutdown();
try {
  await main(shutdown);
  process.exit(0);
} catch (error) {
  process.exit(reportFailure(error));
}
