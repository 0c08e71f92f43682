import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionSource } from '../helpers/module-tree.ts';
import { esmModuleTree, hasStackTrace, isolatedEnv, runCli, type IsolatedEnv } from './cli-harness.ts';

// `modules list/show/graph` read the module folders only; DATA_DIR points
// at an empty folder, which they must leave empty.
let ctx: IsolatedEnv;
beforeAll(async () => {
  ctx = await isolatedEnv();
});
afterAll(async () => {
  await ctx.cleanup();
});

describe('wizamart modules list', () => {
  it('prints the 16 installed modules as JSON with code, name, tier, requires and version', async () => {
    const { code, stdout, stderr } = await runCli(['modules', 'list', '--json'], ctx.env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const modules = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(modules).toHaveLength(16);
    for (const m of modules) {
      expect(m).toEqual(expect.objectContaining({ code: expect.any(String), name: expect.any(String), version: expect.any(String), requires: expect.any(Array) }));
      expect(['core', 'optional', 'internal']).toContain(m.tier);
    }
    const tierOf = (tier: string) => modules.filter((m) => m.tier === tier).map((m) => m.code).sort();
    expect(tierOf('core')).toEqual(['cms', 'core', 'customers', 'tenancy']);
    expect(tierOf('internal')).toEqual(['dev-tools', 'monitoring']);
    expect(tierOf('optional')).toHaveLength(10);
    expect(modules.find((m) => m.code === 'checkout')?.requires).toEqual(['cart', 'orders', 'payments']);
  });

  it('prints a table for people', async () => {
    const { code, stdout } = await runCli(['modules', 'list'], ctx.env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^CODE\s+TIER\s+VERSION\s+REQUIRES\s+NAME/);
    expect(stdout).toMatch(/^checkout\s+optional\s+\S+\s+cart,orders,payments\s+/m);
  });
});

describe('wizamart modules show', () => {
  it('shows the definition, tier, dependencies, dependents, settings with their variables, routes and migrations', async () => {
    const { code, stdout } = await runCli(['modules', 'show', 'payments', '--json'], ctx.env);
    expect(code).toBe(0);
    const details = JSON.parse(stdout) as Record<string, unknown> & { definition: Record<string, unknown>; config?: { envPrefix: string } };
    expect(details).toMatchObject({ code: 'payments', tier: 'optional', requires: [], dependencies: [] });
    expect(details.dependents).toEqual(expect.arrayContaining(['billing', 'orders']));
    expect(details.allDependents).toEqual(expect.arrayContaining(['billing', 'orders', 'checkout']));
    expect(details.definition).toEqual(expect.objectContaining({ code: 'payments', isCore: false, isInternal: false, features: expect.any(Array) }));
    for (const key of ['routes', 'tasks', 'migrations', 'locales']) expect(details[key]).toEqual(expect.any(Array));
    if (details.config) expect(details.config.envPrefix).toBe('PAYMENTS_');
  });

  it('names each setting by its environment variable in the human output', async () => {
    const { code, stdout } = await runCli(['modules', 'show', 'dev-tools'], ctx.env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^dev-tools — .+ \(internal, v\d+\.\d+\.\d+\)/);
    expect(stdout).toMatch(/Configuration: \(none\)|variables DEV_TOOLS_\*/);
  });

  it('fails on an unknown module, naming it on stderr, with exit code 1', async () => {
    const { code, stdout, stderr } = await runCli(['modules', 'show', 'no-such-module'], ctx.env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown module "no-such-module"');
    expect(hasStackTrace(stderr)).toBe(false);
  });
});

describe('wizamart modules graph', () => {
  it('prints a mermaid graph whose edges read "requires", with the tiers as classes', async () => {
    const { code, stdout } = await runCli(['modules', 'graph'], ctx.env);
    expect(code).toBe(0);
    const lines = stdout.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('graph TD');
    for (const edge of ['checkout --> cart', 'checkout --> orders', 'checkout --> payments', 'billing --> payments', 'orders --> payments', 'marketplace --> inventory']) {
      expect(lines).toContain(edge);
    }
    expect(lines).toContain('core["core"]:::core');
    expect(lines).toContain('dev_tools["dev-tools"]:::internal');
    expect(lines.filter((l) => l.startsWith('classDef '))).toHaveLength(3);
  });

  it('prints graphviz dot with --format dot and refuses an unknown format', async () => {
    const dot = await runCli(['modules', 'graph', '--format', 'dot'], ctx.env);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph modules \{/);
    expect(dot.stdout).toContain('"checkout" -> "cart";');
    const bad = await runCli(['modules', 'graph', '--format', 'svg'], ctx.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('svg');
  });
});

describe('a broken modules tree', () => {
  it('is reported by file and reason, every problem at once, without a stack trace', async () => {
    const tree = esmModuleTree({
      'good/definition.ts': definitionSource({ code: 'good' }),
      'bad/definition.ts': definitionSource({ code: 'bad', version: 'one' }),
      'wrong/definition.ts': definitionSource({ code: 'other' }),
      'needy/definition.ts': definitionSource({ code: 'needy', requires: ['missing'] }),
    });
    try {
      const { code, stdout, stderr } = await runCli(['modules', 'list', '--json'], { ...ctx.env, MODULES_DIR: tree.root });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${tree.root}/bad/definition.ts`);
      expect(stderr).toMatch(/version: must match pattern/);
      expect(stderr).toContain(`${tree.root}/wrong/definition.ts`);
      expect(stderr).toContain('does not match folder name "wrong"');
      expect(hasStackTrace(stderr)).toBe(false);
    } finally {
      tree.remove();
    }
  });

  it('reports a module that requires an unknown one by module and reason', async () => {
    const tree = esmModuleTree({ 'needy/definition.ts': definitionSource({ code: 'needy', requires: ['missing'] }) });
    try {
      const { code, stderr } = await runCli(['modules', 'graph'], { ...ctx.env, MODULES_DIR: tree.root });
      expect(code).toBe(1);
      expect(stderr).toContain('[needy] requires unknown module "missing"');
      expect(hasStackTrace(stderr)).toBe(false);
    } finally {
      tree.remove();
    }
  });
});
