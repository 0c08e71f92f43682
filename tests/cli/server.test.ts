import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { definitionSource } from '../helpers/module-tree.ts';
import { esmModuleTree, hasStackTrace, isolatedEnv, runNode, startNode, type IsolatedEnv, type RunningProcess } from './cli-harness.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

let ctx: IsolatedEnv | undefined;
let server: RunningProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await ctx?.cleanup();
  ctx = undefined;
});

/** A port nobody listens on right now, so the test can check that PORT is honoured. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('npm start (src/main.ts)', () => {
  it('listens on PORT, prints the URL, serves /health, and loads the demo data only on a new embedded database', async () => {
    const port = await freePort();
    // On PostgreSQL, start-up migrates only with AUTO_MIGRATE; set it so the admin API can answer.
    ctx = await isolatedEnv({ PORT: String(port), ...(process.env.DATABASE_URL ? { AUTO_MIGRATE: 'true' } : {}) });
    server = startNode(['src/main.ts'], ctx.env);
    const url = await server.waitFor(/listening on (http:\/\/\S+)/);
    expect(url).toBe(`http://127.0.0.1:${port}`);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);

    // The demo admin printed at start-up signs in and reads the platform's modules.
    const signIn = await fetch(`${url}/api/v1/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@wizamart.lu', password: 'wizamart-admin-demo' }),
    });
    if (ctx.postgres) {
      // With DATABASE_URL nothing is loaded without `wizamart demo`: there is no one to sign in.
      expect(signIn.status).toBe(401);
      expect(server.stdout()).not.toContain('demo data');
    } else {
      expect(signIn.status).toBe(200);
      const { access_token: token } = (await signIn.json()) as { access_token: string };
      const platform = await fetch(`${url}/api/v1/admin/platforms/wizamart/modules`, { headers: { authorization: `Bearer ${token}` } });
      expect(platform.status).toBe(200);
      const { modules } = (await platform.json()) as { modules: Array<{ code: string; tier: string; enabled: boolean }> };
      expect(modules.filter((m) => !m.enabled)).toEqual([]);
      expect(server.stdout()).toContain('Loaded demo data on platform "wizamart"');
      expect(server.stdout()).toContain(`${url}/admin/login  admin@wizamart.lu / wizamart-admin-demo`);
      expect(existsSync(join(ctx.dataDir, 'pglite'))).toBe(true);
    }

    expect(await server.stop()).toBe(0);
    expect(server.stdout()).toContain('SIGINT received: shutting down.');
    // The embedded database is released for the next process.
    expect(existsSync(join(ctx.dataDir, 'pglite.lock'))).toBe(false);
  });

  it('prints every broken module by file and reason without a stack, and exits 1', async () => {
    const tree = esmModuleTree({
      'ok/definition.ts': definitionSource({ code: 'ok' }),
      'broken/definition.ts': definitionSource({ code: 'broken', extra: "features: 'not-a-list'," }),
    });
    try {
      ctx = await isolatedEnv({ MODULES_DIR: tree.root });
      const { code, stdout, stderr } = await runNode(['src/main.ts'], ctx.env, 90_000);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('Cannot load the modules: 1 problem(s)');
      expect(stderr).toContain(`[broken] ${tree.root}/broken/definition.ts: invalid module definition: features:`);
      expect(hasStackTrace(stderr)).toBe(false);
      // Discovery fails before the database is opened.
      expect(existsSync(join(ctx.dataDir, 'pglite'))).toBe(false);
    } finally {
      tree.remove();
    }
  });

  it('names each invalid setting instead of starting', async () => {
    ctx = await isolatedEnv({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    const { code, stderr } = await runNode(['src/main.ts'], ctx.env, 90_000);
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain('PORT: expected an integer');
    expect(stderr).toContain('LOG_LEVEL: expected one of');
    expect(hasStackTrace(stderr)).toBe(false);
  });
});

/** The Redis the machine provides (CI starts one); the worker test is skipped without it. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = connect(Number(port || 6379), hostname);
  socket.setTimeout(1000);
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});

describe('the wizamart bin', () => {
  it('runs the CLI through bin/wizamart.js: serve reports broken modules like npm start', async () => {
    const tree = esmModuleTree({ 'lonely/definition.ts': definitionSource({ code: 'lonely', requires: ['nobody'] }) });
    try {
      ctx = await isolatedEnv({ MODULES_DIR: tree.root });
      // bin/wizamart.js registers tsx itself; `--import tsx` on top is harmless.
      const { code, stderr } = await runNode(['bin/wizamart.js', 'serve'], ctx.env, 90_000);
      expect(code).toBe(1);
      expect(stderr).toContain('[lonely] requires unknown module "nobody"');
      expect(hasStackTrace(stderr)).toBe(false);
    } finally {
      tree.remove();
    }
  });

  it('worker without REDIS_URL says that tasks run inside serve, and exits 1', async () => {
    ctx = await isolatedEnv();
    const { code, stderr } = await runNode(['bin/wizamart.js', 'worker'], ctx.env, 90_000);
    expect(code).toBe(1);
    expect(stderr).toContain('REDIS_URL is not set');
    expect(stderr).toContain('wizamart serve');
  });

  it.skipIf(!redisUp)('worker with REDIS_URL runs the BullMQ worker without HTTP until SIGINT', async () => {
    // Its queue is named after the test's own database, so no other test's jobs are taken.
    ctx = await isolatedEnv({ REDIS_URL });
    server = startNode(['bin/wizamart.js', 'worker'], ctx.env);
    expect(await server.waitFor(/Worker started \((\w+)\)/)).toBe('bullmq');
    expect(await server.stop(), server.output()).toBe(0);
    expect(server.stdout()).toContain('SIGINT received');
  });
});
