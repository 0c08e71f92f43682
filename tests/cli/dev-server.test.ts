import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { definitionSource, frameworkImport, type ModuleTree } from '../helpers/module-tree.ts';
import { esmModuleTree, eventually, isolatedEnv, pingRouter, runCli, startNode, type IsolatedEnv, type RunningProcess } from './cli-harness.ts';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

let ctx: IsolatedEnv | undefined;
let tree: ModuleTree | undefined;
let dev: RunningProcess | undefined;
afterEach(async () => {
  await dev?.stop();
  await ctx?.cleanup();
  tree?.remove();
  dev = ctx = tree = undefined;
});

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

describe('npm run dev (src/dev-server.ts)', () => {
  it('serves a module folder added while it runs, keeps serving when a module breaks, and drops a deleted one', async () => {
    tree = esmModuleTree({ 'alpha/definition.ts': definitionSource({ code: 'alpha' }) });
    ctx = await isolatedEnv({ MODULES_DIR: tree.root });
    if (ctx.postgres) {
      // npm start and npm run dev load demo data only into a new embedded database.
      expect((await runCli(['migrate', 'up'], ctx.env)).code).toBe(0);
      expect((await runCli(['demo'], ctx.env)).code).toBe(0);
    }
    dev = startNode(['src/dev-server.ts'], ctx.env);
    const url = await dev.waitFor(/listening on (http:\/\/[^\s;]+)/);
    const ping = `${url}/api/v1/platform/beta/ping`;
    expect((await get(ping)).status).toBe(404);

    // The definition last: the folder becomes a module only when it is complete.
    tree.write({
      'beta/services/greeting.ts': "export const greeting = (): string => 'beta';\n",
      'beta/routes/api/platform.ts': pingRouter('beta'),
    });
    tree.write({ 'beta/definition.ts': definitionSource({ code: 'beta' }) });
    await eventually(async () => (await get(ping)).status === 200, 60_000, dev.output);
    expect(JSON.parse((await get(ping)).body)).toEqual({ module: 'beta' });
    // An optional module added during development is enabled on the default platform.
    expect(dev.stdout()).toContain('New module beta: enabled on platform "wizamart"');

    // A broken edit is reported by file and reason; the previous app keeps serving.
    tree.write({ 'beta/definition.ts': definitionSource({ code: 'beta', version: 'two' }) });
    await dev.waitFor(/(\[beta\] .*beta\/definition\.ts: invalid module definition: version)/, 60_000, 'stderr');
    expect(dev.stderr()).toContain('Still serving the previous version.');
    expect((await get(ping)).status).toBe(200);

    rmSync(join(tree.root, 'beta'), { recursive: true, force: true });
    await eventually(async () => (await get(ping)).status === 404, 60_000, dev.output);
    expect((await get(`${url}/health`)).status).toBe(200);
    expect(await dev.stop()).toBe(0);
  });

  it('reloads a file that a module route imports, not only the route file', async () => {
    tree = esmModuleTree({
      'gamma/definition.ts': definitionSource({ code: 'gamma', isCore: true }),
      'gamma/services/answer.ts': 'export const answer = (): string => "first";\n',
      'gamma/routes/api/platform.ts': `import { defineRouter } from '${frameworkImport('modules/routes.ts')}';
import { answer } from '../../services/answer.ts';
export const router = defineRouter(async (r) => {
  r.get('/answer', async () => ({ answer: answer() }));
});
`,
    });
    ctx = await isolatedEnv({ MODULES_DIR: tree.root });
    dev = startNode(['src/dev-server.ts'], ctx.env);
    const url = await dev.waitFor(/listening on (http:\/\/[^\s;]+)/);
    const answer = `${url}/api/v1/platform/gamma/answer`;
    expect(JSON.parse((await get(answer)).body)).toEqual({ answer: 'first' });
    tree.write({ 'gamma/services/answer.ts': 'export const answer = (): string => "second";\n' });
    await eventually(async () => (await get(answer)).body.includes('second'), 60_000, dev.output);
  });
});
