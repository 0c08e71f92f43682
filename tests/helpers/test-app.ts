import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadRegistry, type App, type BuildAppOptions } from '../../src/app.ts';
import type { Settings } from '../../src/core/config.ts';
import { DEFAULT_MODULES_DIR } from '../../src/modules/discovery.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/** Signs the test apps' access tokens. */
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789-0123456789-abcdef';

export interface TestAppOptions extends Omit<BuildAppOptions, 'database' | 'settings'> {
  settings?: Partial<Settings>;
  /** Platforms to create, each with the given optional modules enabled. Default: `wizamart` with all. */
  platforms?: Record<string, readonly string[] | 'all'>;
}

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Builds the app as `main.ts` does, on a fresh migrated test database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const modulesDir = options.modulesDir ?? DEFAULT_MODULES_DIR;
  const registry = await loadRegistry(modulesDir);
  const database = await createTestDatabase(registry);
  // Uploaded files of this app only, removed with it.
  const dataDir = mkdtempSync(join(tmpdir(), 'wz-test-data-'));
  const app = await buildApp({
    ...options,
    modulesDir,
    database,
    migrate: false,
    env: {},
    settings: {
      logLevel: 'silent',
      nodeEnv: 'test',
      authSecret: TEST_AUTH_SECRET,
      // Tests sign in often from one address; the per-IP limit has its own test.
      loginRateLimit: 10_000,
      dataDir,
      // The second CI run sets REDIS_URL: every suite then runs its tasks on BullMQ.
      ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
      ...options.settings,
    },
  });
  const platforms = options.platforms ?? { wizamart: 'all' };
  for (const [code, modules] of Object.entries(platforms)) {
    await seedPlatform(app, code, modules === 'all' ? [...app.wizamart.registry.OPTIONAL_MODULES.keys(), ...app.wizamart.registry.INTERNAL_MODULES.keys()] : modules);
  }
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a platform and enables the given modules on it. */
export async function seedPlatform(app: App, code: string, modules: readonly string[]): Promise<void> {
  const { database, modules: service } = app.wizamart;
  await database.db.insertInto('platforms').values({ code, name: code }).onConflict((oc) => oc.column('code').doNothing()).execute();
  for (const m of modules) await service.enableModule(code, m, { actor: 'test' });
}

export { adminHeaders } from './auth.ts';
