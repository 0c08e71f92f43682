import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PGliteInterface as PGlite } from '@electric-sql/pglite';
import type { DestinationStream } from 'pino';
import './core/app-context.ts';
import type { AppContext } from './core/app-context.ts';
import { loadSettings, type Settings } from './core/config.ts';
import { FeatureGate } from './core/feature-gate.ts';
import { PermissionCatalog } from './core/permissions.ts';
import { openDatabase, type Database } from './core/database/database.ts';
import { loggerOptions, REQUEST_ID_HEADER } from './core/logging.ts';
import { registerObservability } from './core/observability.ts';
import { createTaskQueue } from './core/queue/create-queue.ts';
import { installErrorHandler } from './exceptions/error-handler.ts';
import { devPrefixRewriter, registerPlatformContext } from './middleware/platform-context.ts';
import { registerAuthPlugins } from './middleware/auth.ts';
import { AuthService } from './core/auth/auth-service.ts';
import { collectProviders } from './core/auth/providers.ts';
import { resolveAuthSecret } from './core/auth/secret.ts';
import { Mailer } from './core/mail/mailer.ts';
import { MenuConfigStore } from './core/menu-config.ts';
import { registerAuthApi } from './api/auth/auth-api.routes.ts';
import { registerAuthPages } from './api/auth/auth-pages.routes.ts';
import { ModuleLoadError } from './modules/module-problems.ts';
import { registerModuleAdminApi } from './api/module-admin.routes.ts';
import { registerOpenApi } from './api/openapi.ts';
import { loadModuleConfigs, setActiveModuleConfigs } from './modules/config.ts';
import { DEFAULT_MODULES_DIR } from './modules/discovery.ts';
import { loadRegistry } from './modules/load-registry.ts';
import { MigrationRunner } from './modules/migrations.ts';
import { loadRouters, registerModuleRoutes } from './modules/routes.ts';
import { ModuleService } from './modules/service.ts';
import { loadTasks } from './modules/tasks.ts';
import { registerViews } from './modules/views.ts';
import { registerModuleStatic } from './modules/static.ts';
import { createStorage } from './core/storage/create-storage.ts';
import { registerMediaRoute } from './api/media.routes.ts';

export interface BuildAppOptions {
  /** Settings to use instead of reading the environment (tests), or overrides on top of it. */
  settings?: Partial<Settings>;
  env?: Readonly<Record<string, string | undefined>>;
  /** The modules root; default `src/modules`. */
  modulesDir?: string;
  /** An open database to use (tests share a migrated clone); closed with the app only if `ownDatabase`. */
  database?: Database;
  /** A PGlite instance to wrap (tests). */
  pglite?: PGlite;
  /** Migrate to head at start-up. Default: settings.autoMigrate, else on for the embedded database. */
  migrate?: boolean;
  /** Start the task worker in this process (default: off; `serve` turns it on for the embedded setup). */
  startWorker?: boolean;
  /** Where log lines go (default: standard output); tests capture them here. */
  logStream?: DestinationStream;
  /** Suffix for module imports so that a development reload sees edited files. */
  cacheBust?: string;
}

export { loadRegistry };

/** The rate limiter's own Redis connection, so per-IP sign-in limits hold across instances. */
async function openRateLimitRedis(url: string): Promise<{ disconnect(): void }> {
  const { Redis } = await import('ioredis');
  // The limiter must not hang a request when Redis is away: a command fails after one retry, and the limiter then lets the request through.
  return new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1 });
}

export type App = FastifyInstance & { wizamart: AppContext };

/**
 * Builds the whole application: discovers the modules, checks their
 * dependency rules, opens the database, and registers every module's routes,
 * templates, static files, locales and tasks. `main.ts`, the CLI and the
 * tests all build the app through this one factory.
 *
 * @example
 * const app = await buildApp({ settings: { logLevel: 'silent' } });
 * const res = await app.inject({ method: 'GET', url: '/health' });
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<App> {
  const settings: Settings = Object.freeze({ ...loadSettings(options.env ?? process.env), ...options.settings });
  const modulesDir = options.modulesDir ?? settings.modulesDir ?? DEFAULT_MODULES_DIR;
  const registry = await loadRegistry(modulesDir, options.cacheBust);
  const providers = collectProviders(registry);
  if (providers.problems.length > 0) throw new ModuleLoadError(providers.problems);
  const moduleConfigs = await loadModuleConfigs(registry, options.cacheBust);
  const routers = await loadRouters(registry, options.cacheBust);
  const tasks = await loadTasks(registry, options.cacheBust);

  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: settings.databaseUrl,
      dataDir: settings.dataDir,
      ...(options.pglite ? { pglite: options.pglite } : {}),
    }));

  // Published before the routes register (they may read them), and put back
  // if this build fails, so a failed rebuild in development leaves the
  // running app's configs in place.
  const previousConfigs = setActiveModuleConfigs(moduleConfigs);
  const rewriteUrl = devPrefixRewriter(settings);
  const app = Fastify({
    ...loggerOptions(settings, options.logStream),
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: settings.trustProxy,
    ...(rewriteUrl ? { rewriteUrl } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();
  try {
    const migrate = options.migrate ?? settings.autoMigrate ?? database.kind === 'pglite';
    if (migrate) {
      const applied = await new MigrationRunner(database.db, registry).up();
      if (applied.length > 0) app.log.info({ applied }, `applied ${applied.length} migration(s)`);
    }
    const modules = new ModuleService(database.db, registry, database.notifier);
    await modules.start();
    const queue = await createTaskQueue({ settings, database, registry, modules, tasks, logger: app.log });
    const permissions = PermissionCatalog.fromRegistry(registry);
    const menus = new MenuConfigStore(database.db, database.notifier);
    await menus.start();
    const auth = new AuthService({
      db: database.db,
      secret: resolveAuthSecret(settings, database, app.log),
      accessTokenTtl: settings.accessTokenTtl,
      refreshTokenTtlDays: settings.refreshTokenTtlDays,
      identities: providers.identities,
      modules,
      permissions,
    });
    const mailer = new Mailer({ db: database.db, smtpUrl: settings.smtpUrl, from: settings.mailFrom, logger: app.log });
    const context: AppContext = Object.freeze({
      settings,
      registry,
      database,
      modules,
      moduleConfigs,
      queue,
      permissions,
      features: new FeatureGate(registry, modules),
      auth,
      mailer,
      menus,
      tenants: providers.tenants,
      storage: await createStorage(settings),
    });
    app.decorate('wizamart', context);

    app.addHook('onSend', (request, reply, _payload, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
    installErrorHandler(app);
    // Cookies first: an error page for a request refused by the platform context still needs them.
    const rateLimitRedis = settings.redisUrl ? await openRateLimitRedis(settings.redisUrl) : undefined;
    await registerAuthPlugins(app, settings, rateLimitRedis);
    await registerPlatformContext(app, { settings, database, tenants: providers.tenants });
    await registerOpenApi(app, registry);
    registerObservability(app, context);
    await registerViews(app, registry);
    await registerModuleStatic(app, registry);
    registerMediaRoute(app, context);
    registerAuthApi(app, context);
    registerAuthPages(app, context);
    registerModuleAdminApi(app, context);
    registerModuleRoutes(app, routers, context);

    app.addHook('onClose', async () => {
      await queue.close();
      await menus.stop();
      await mailer.close();
      rateLimitRedis?.disconnect();
      await modules.stop();
      if (ownsDatabase) await database.close();
    });
    if (options.startWorker) await queue.startWorker();
    await app.ready();
    return app as unknown as App;
  } catch (error) {
    setActiveModuleConfigs(previousConfigs);
    await app.close().catch(() => undefined);
    if (ownsDatabase) await database.close().catch(() => undefined);
    throw error;
  }
}
