import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasStackTrace, isolatedEnv, runCli, type IsolatedEnv, type RunResult } from './cli-harness.ts';

// Each command is a new process on the same data; on a loaded machine a
// PGlite boot takes seconds, so the steps share one database, in order.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let ctx: IsolatedEnv;
/** Every migration known at the start, in the order `up` applied them. */
let allMigrations: string[] = [];
beforeAll(async () => {
  ctx = await isolatedEnv();
});
afterAll(async () => {
  await ctx.cleanup();
});

function json<T>(result: RunResult): T {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

interface Status {
  id: string;
  module: string;
  applied: boolean;
}

describe('wizamart migrate, demo, modules enable/disable', () => {
  it('migrate status lists the framework migrations as pending on a new database, then applied after up', async () => {
    const before = json<Status[]>(await runCli(['migrate', 'status', '--json'], ctx.env));
    expect(before.map((m) => m.id)).toEqual(expect.arrayContaining(['framework_001', 'framework_002']));
    expect(before.every((m) => !m.applied)).toBe(true);

    const up = json<{ applied: string[] }>(await runCli(['migrate', 'up', '--json'], ctx.env));
    expect(up.applied).toEqual(before.map((m) => m.id));
    allMigrations = up.applied;

    const history = json<Array<{ id: string; batch: number }>>(await runCli(['migrate', 'history', '--json'], ctx.env));
    expect(history.map((h) => h.id)).toEqual(up.applied);
    expect(new Set(history.map((h) => h.batch))).toEqual(new Set([1]));

    const human = await runCli(['migrate', 'status'], ctx.env);
    expect(human.stdout).toMatch(/^framework_001_module_state\s+framework\s+applied\s+1\s+/m);
    expect(human.stdout).toContain(`${before.length} applied, 0 pending.`);
  });

  it('demo creates the wizamart platform with every optional and internal module, and a second run creates nothing', async () => {
    const list = json<Array<{ code: string; tier: string }>>(await runCli(['modules', 'list', '--json'], ctx.env));
    const first = json<{ platform: string; created: Array<{ kind: string; key: string; source: string }> }>(
      await runCli(['demo', '--json'], ctx.env),
    );
    expect(first.platform).toBe('wizamart');
    expect(first.created).toContainEqual({ kind: 'platform', key: 'wizamart', source: 'framework' });
    const enabled = first.created.filter((r) => r.kind === 'module').map((r) => r.key).sort();
    expect(enabled).toEqual(list.filter((m) => m.tier !== 'core').map((m) => m.code).sort());

    const second = await runCli(['demo'], ctx.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Demo data already loaded on platform "wizamart"; nothing to create.');
  });

  it('disable --dry-run --json lists payments and everything that requires it', async () => {
    const args = ['modules', 'disable', 'payments', '--platform', 'wizamart', '--dry-run', '--json'];
    const plan = json<{ changed: string[]; plan: Array<{ module: string; reason: string }>; dry_run: boolean; platform: string; module: string; action: string }>(
      await runCli(args, ctx.env),
    );
    expect(plan).toMatchObject({ dry_run: true, platform: 'wizamart', module: 'payments', action: 'disable' });
    expect([...plan.changed].sort()).toEqual(['billing', 'checkout', 'orders', 'payments']);
    expect(plan.plan.find((s) => s.module === 'checkout')?.reason).toMatch(/^requires (orders|payments)$/);
  });

  it('disable then enable change the state (the dry run before wrote nothing), printing the plan with reasons', async () => {
    const off = json<{ changed: string[]; dry_run: boolean }>(await runCli(['modules', 'disable', 'payments', '--platform', 'wizamart', '--json'], ctx.env));
    expect(off.dry_run).toBe(false);
    expect([...off.changed].sort()).toEqual(['billing', 'checkout', 'orders', 'payments']);

    const on = await runCli(['modules', 'enable', 'checkout', '--platform', 'wizamart'], ctx.env);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/^\s+payments\s+disabled → enabled\s+required by /m);
    expect(on.stdout).toMatch(/^\s+checkout\s+disabled → enabled\s+requested$/m);
    expect(on.stdout).toContain('Changed 3 module(s)');

    const again = await runCli(['modules', 'enable', 'checkout', '--platform', 'wizamart', '--json'], ctx.env);
    expect(json<{ changed: string[] }>(again).changed).toEqual([]);
  });

  it('refuses to disable a core module and names an unknown platform, on stderr with exit code 1', async () => {
    const core = await runCli(['modules', 'disable', 'core', '--platform', 'wizamart', '--json'], ctx.env);
    expect(core.code).toBe(1);
    expect(core.stdout).toBe('');
    expect(core.stderr).toContain('MODULE_CORE_CANNOT_DISABLE');
    const platform = await runCli(['modules', 'enable', 'billing', '--platform', 'atlantis'], ctx.env);
    expect(platform.code).toBe(1);
    expect(platform.stderr).toContain('"atlantis"');
    expect(hasStackTrace(core.stderr + platform.stderr)).toBe(false);
  });

  it('migrate down reverts the newest migration, and up --to re-applies it', async () => {
    const newest = allMigrations.at(-1)!;
    const down = json<{ reverted: string[] }>(await runCli(['migrate', 'down', '--json'], ctx.env));
    expect(down.reverted).toEqual([newest]);
    expect(json<{ applied: string[] }>(await runCli(['migrate', 'up', '--to', newest, '--json'], ctx.env)).applied).toEqual([newest]);
    const both = await runCli(['migrate', 'down', '--steps', '1', '--module', 'framework'], ctx.env);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('either --steps or --module');
  });

  it.skipIf(process.env.DATABASE_URL)('refuses an embedded database held by another live process, naming it', async () => {
    // This test's process is alive: its pid in the lock file means "in use".
    writeFileSync(join(ctx.dataDir, 'pglite.lock'), JSON.stringify({ pid: process.pid, host: hostname(), purpose: 'npm start', since: 'now' }));
    try {
      const { code, stderr } = await runCli(['migrate', 'status'], ctx.env);
      expect(code).toBe(1);
      expect(stderr).toContain(`in use by process ${process.pid} (npm start`);
      expect(hasStackTrace(stderr)).toBe(false);
    } finally {
      rmSync(join(ctx.dataDir, 'pglite.lock'), { force: true });
    }
  });
});
