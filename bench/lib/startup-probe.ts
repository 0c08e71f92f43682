/**
 * One cold start in a fresh process, run by `bench/startup.ts`:
 *
 *   node --import tsx bench/lib/startup-probe.ts <kind> [modulesDir]
 *
 * kinds:
 * - `bare`: Fastify with one route plus a PGlite boot, no framework (the baseline);
 * - `total`: `buildApp` exactly as `main.ts` calls it (embedded in-memory
 *   database, migrations at start-up), then `listen`;
 * - `phases`: the same work split into steps so each can be timed. The
 *   steps are the ones `buildApp` runs, in its order, called one by one;
 *   `buildApp` then runs on the prepared database with `migrate: false`, so
 *   its own discovery and imports are warm and what remains is Fastify
 *   (plugins, route registration, schema compilation, `ready`).
 *
 * Times are `performance.now()`, i.e. milliseconds since the process began,
 * so `boot` is Node plus the tsx loader. Reports with `emitResult` and exits without closing anything: only the time to ready matters.
 */
// Only type imports and the dependency-free reporter at the top: anything
// imported statically would load before the clock starts and hide its cost.
import type { Database } from '../../src/core/database/database.ts';
import type { Settings } from '../../src/core/config.ts';
import { emitResult } from './child-result.ts';
import type { StartupSample } from './startup-sample.ts';


// Production requires a shared signing secret; any fixed one of 32+ characters will do here.
const SETTINGS: Partial<Settings> = { logLevel: 'silent', dataDir: 'memory', nodeEnv: 'production', authSecret: 'bench-secret-0123456789-0123456789-0123456789' };
const LISTEN = { port: 0, host: '127.0.0.1' } as const;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Laps of wall time and of CPU time (every thread of the process: tsx
 * transforms on a worker). CPU time hardly moves when a neighbour loads the
 * machine, wall time does; both are reported.
 */
function stopwatch(): { lap(name: string): void; phases: Record<string, number>; phasesCpu: Record<string, number> } {
  let last = performance.now();
  let lastCpu = cpuMs();
  const phases: Record<string, number> = { boot: last };
  const phasesCpu: Record<string, number> = { boot: lastCpu };
  return {
    phases,
    phasesCpu,
    lap(name) {
      const now = performance.now();
      const cpu = cpuMs();
      phases[name] = now - last;
      phasesCpu[name] = cpu - lastCpu;
      last = now;
      lastCpu = cpu;
    },
  };
}

function finish(sw: ReturnType<typeof stopwatch>, counted: Pick<StartupSample, 'modules' | 'routeFiles' | 'migrations'>): StartupSample {
  return { readyMs: performance.now(), cpuMs: cpuMs(), phases: sw.phases, phasesCpu: sw.phasesCpu, ...counted };
}

async function bare(): Promise<StartupSample> {
  const sw = stopwatch();
  const { default: Fastify } = await import('fastify');
  const { PGlite } = await import('@electric-sql/pglite');
  sw.lap('imports');
  const pglite = await PGlite.create();
  await pglite.query('select 1');
  sw.lap('database');
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.ready();
  sw.lap('fastify');
  await app.listen(LISTEN);
  sw.lap('listen');
  return finish(sw, { modules: 0, routeFiles: 0, migrations: 0 });
}

async function total(modulesDir: string): Promise<StartupSample> {
  const sw = stopwatch();
  const { buildApp } = await import('../../src/app.ts');
  sw.lap('imports');
  const app = await buildApp({ modulesDir, env: {}, settings: SETTINGS });
  sw.lap('buildApp');
  await app.listen(LISTEN);
  sw.lap('listen');
  const done = finish(sw, { modules: 0, routeFiles: 0, migrations: 0 });
  const { registry, database } = app.wizamart;
  return { ...done, ...(await counts(registry.manifests, database)) };
}

async function phases(modulesDir: string): Promise<StartupSample> {
  const sw = stopwatch();
  const { buildApp, loadRegistry } = await import('../../src/app.ts');
  const { openDatabase } = await import('../../src/core/database/database.ts');
  const { loadModuleConfigs } = await import('../../src/modules/config.ts');
  const { MigrationRunner } = await import('../../src/modules/migrations.ts');
  const { loadRouters } = await import('../../src/modules/routes.ts');
  const { loadTasks } = await import('../../src/modules/tasks.ts');
  sw.lap('imports');
  const registry = await loadRegistry(modulesDir);
  sw.lap('discovery');
  await loadModuleConfigs(registry);
  await loadRouters(registry);
  await loadTasks(registry);
  sw.lap('componentImports');
  const database = await openDatabase({ dataDir: 'memory' });
  sw.lap('database');
  await new MigrationRunner(database.db, registry).up();
  sw.lap('migrations');
  const app = await buildApp({ modulesDir, database, migrate: false, env: {}, settings: SETTINGS });
  sw.lap('registerAndReady');
  await app.listen(LISTEN);
  sw.lap('listen');
  const done = finish(sw, { modules: 0, routeFiles: 0, migrations: 0 });
  return { ...done, ...(await counts(registry.manifests, database)) };
}

async function counts(
  manifests: ReadonlyMap<string, { routeFiles: readonly unknown[] }>,
  database: Database,
): Promise<Pick<StartupSample, 'modules' | 'routeFiles' | 'migrations'>> {
  const { sql } = await import('kysely');
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(database.db);
  return {
    modules: manifests.size,
    routeFiles: [...manifests.values()].reduce((n, m) => n + m.routeFiles.length, 0),
    migrations: rows[0]?.n ?? 0,
  };
}

const [kind, modulesDir] = process.argv.slice(2);
let sample: StartupSample;
if (kind === 'bare') sample = await bare();
else if ((kind === 'total' || kind === 'phases') && modulesDir) sample = kind === 'total' ? await total(modulesDir) : await phases(modulesDir);
else throw new Error(`usage: startup-probe.ts bare | total <modulesDir> | phases <modulesDir>`);
emitResult(sample);
process.exit(0);
