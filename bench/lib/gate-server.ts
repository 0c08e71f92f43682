/**
 * A server process of the module-gate benchmark, run by `bench/module-gate.ts`:
 *
 *   node --import tsx bench/lib/gate-server.ts bare
 *   node --import tsx bench/lib/gate-server.ts framework <modulesDir>
 *   node --import tsx bench/lib/gate-server.ts check <modulesDir>
 *
 * `bare` is Fastify alone with the trivial route. `framework` is `buildApp`
 * (production settings, logging off) on the two gate modules, with the
 * optional one enabled on the default platform; it serves both routes, and
 * the parent loads them in turn. Servers report `{ port }`, answer `cpu`
 * on stdin, and run until stopped.
 *
 * `check` answers and exits: it proves the gate really guards the optional
 * module's route (refused on a platform without it) and times the gate
 * function alone, in its own process so that its fake requests never reach
 * the type feedback of a measured server.
 */
import { createInterface } from 'node:readline';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { buildApp, type App } from '../../src/app.ts';
import type { Settings } from '../../src/core/config.ts';
import { moduleGate } from '../../src/modules/routes.ts';
import { seedPlatform } from '../../tests/helpers/test-app.ts';
import { emitResult } from './child-result.ts';
import { GATE_MODULES, gateRoutePath } from './module-tree.ts';

export interface GateServerInfo {
  readonly port: number;
}

export interface CpuReport {
  /** User plus system CPU time of the server process, in microseconds. */
  readonly cpuMicros: number;
}

export interface GateCheck {
  /** Status of the gated route on a platform where the module is enabled (expect 200). */
  readonly enabledStatus: number;
  /** Status of the gated route on a platform without the module (expect a refusal). */
  readonly disabledStatus: number;
  /** Status of the ungated (core) route on that same platform (expect 200). */
  readonly openStatus: number;
  /** Nanoseconds per call of the gate hook with a warm cache. */
  readonly gateNsPerCall: number;
  /** Nanoseconds per call of an empty hook in the same loop, for comparison. */
  readonly emptyHookNsPerCall: number;
  /** CPU time of this check process, for the parent's account of foreign load. */
  readonly cpuMs: number;
}

const LISTEN = { port: 0, host: '127.0.0.1' } as const;
const PLATFORM = 'wizamart';

async function frameworkApp(modulesDir: string, nodeEnv: Settings['nodeEnv']): Promise<App> {
  const app = await buildApp({ modulesDir, env: {}, settings: { logLevel: 'silent', dataDir: 'memory', nodeEnv, defaultPlatform: PLATFORM, authSecret: 'bench-secret-0123456789-0123456789-0123456789' } });
  await seedPlatform(app, PLATFORM, [GATE_MODULES.gated]);
  return app;
}

/**
 * Listens, reports the port, then answers `cpu` on stdin with this process's
 * CPU time so far: the parent divides the difference over a run by the
 * requests served, a cost that a busy neighbour on the machine barely moves
 * (it steals wall time, not our CPU time). The channel is stdin, not HTTP,
 * so that asking adds nothing to the measured requests.
 */
async function serve(app: FastifyInstance): Promise<void> {
  await app.listen(LISTEN);
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('expected a TCP address');
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'cpu') {
      const { user, system } = process.cpuUsage();
      emitResult({ cpuMicros: user + system } satisfies CpuReport);
    }
  });
  emitResult({ port: address.port } satisfies GateServerInfo);
}

async function check(modulesDir: string): Promise<GateCheck> {
  // `test` honours the platform header, so one app can answer for two platforms.
  const app = await frameworkApp(modulesDir, 'test');
  await seedPlatform(app, 'other', []);
  const status = async (path: string, platform: string) =>
    (await app.inject({ method: 'GET', url: path, headers: { 'x-wizamart-platform': platform } })).statusCode;
  const enabledStatus = await status(gateRoutePath(GATE_MODULES.gated), PLATFORM);
  const disabledStatus = await status(gateRoutePath(GATE_MODULES.gated), 'other');
  const openStatus = await status(gateRoutePath(GATE_MODULES.open), 'other');

  const request = { platform: { code: PLATFORM } } as unknown as FastifyRequest;
  const reply = {} as FastifyReply;
  const gate = moduleGate(GATE_MODULES.gated, app.wizamart.modules);
  const empty = function empty(_req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) {
    done();
  };
  let failures = 0;
  const done = (err?: Error) => {
    if (err) failures++;
  };
  const time = (hook: (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void) => {
    const n = 5_000_000;
    for (let i = 0; i < n / 10; i++) hook.call(app, request, reply, done);
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) hook.call(app, request, reply, done);
    return Number(process.hrtime.bigint() - start) / n;
  };
  const emptyHookNsPerCall = Math.min(time(empty), time(empty), time(empty));
  const gateNsPerCall = Math.min(time(gate), time(gate), time(gate));
  if (failures > 0) throw new Error(`the gate refused ${failures} calls with a warm cache`);
  await app.close();
  const { user, system } = process.cpuUsage();
  return { enabledStatus, disabledStatus, openStatus, gateNsPerCall, emptyHookNsPerCall, cpuMs: (user + system) / 1000 };
}

// Exit normally on SIGTERM so that `node --cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));

const [variant, modulesDir] = process.argv.slice(2);
if (variant === 'bare') {
  const app = Fastify({ logger: false });
  // The same path as the framework's routes, so the router does the same work.
  app.get(gateRoutePath(GATE_MODULES.open), async () => ({ hello: 'world' }));
  await serve(app);
} else if (variant === 'framework' && modulesDir) {
  await serve(await frameworkApp(modulesDir, 'production'));
} else if (variant === 'check' && modulesDir) {
  emitResult(await check(modulesDir));
  process.exit(0);
} else {
  throw new Error('usage: gate-server.ts bare | framework <modulesDir> | check <modulesDir>');
}
