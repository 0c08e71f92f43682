import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerModuleCreate } from '../../src/cli/commands/module-create.ts';
import { createModule } from '../../src/tools/scaffolder/create-module.ts';
import { ScaffoldError } from '../../src/tools/scaffolder/scaffold-error.ts';
import { validateModules } from '../../src/tools/validator/validate.ts';
import { MigrationRunner } from '../../src/modules/migrations.ts';
import { adminHeaders, createTestApp, type TestApp } from '../helpers/test-app.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository (tmp/ is ignored), so the generated files resolve the project's packages.
mkdirSync(join(REPO, 'tmp'), { recursive: true }); // git-ignored: a fresh clone has none
const scratch = mkdtempSync(join(REPO, 'tmp', 'scaffold-'));
const modulesDir = join(scratch, 'modules');
mkdirSync(modulesDir);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a generated module', () => {
  let t: TestApp;

  beforeAll(async () => {
    createModule({ code: 'gift-cards', name: 'Gift Cards', frontends: ['admin', 'vendor'], modulesDir });
    createModule({ code: 'loyalty', requires: ['gift-cards'], frontends: ['storefront'], modulesDir });
    createModule({ code: 'notices', tier: 'core', frontends: ['platform'], modulesDir });
    createModule({ code: 'audit-trail', tier: 'internal', modulesDir });
    t = await createTestApp({ modulesDir });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('passes the architecture validator with no finding at all', () => {
    expect(validateModules(modulesDir).findings).toEqual([]);
  });

  it('is discovered with its tier, requirements and migration', async () => {
    const { registry } = t.app.wizamart;
    expect(registry.codes()).toEqual(['notices', 'gift-cards', 'loyalty', 'audit-trail']);
    expect(['notices', 'gift-cards', 'audit-trail'].map((code) => registry.getModuleTier(code))).toEqual(['core', 'optional', 'internal']);
    expect(registry.requiresOf('loyalty')).toEqual(['gift-cards']);
    const applied = await new MigrationRunner(t.app.wizamart.database.db, t.app.wizamart.registry).status();
    expect(applied.filter((m) => m.module !== 'framework').map((m) => [m.id, m.applied])).toEqual([
      ['notices_001', true],
      ['gift_cards_001', true],
      ['loyalty_001', true],
      ['audit_trail_001', true],
    ]);
  });

  it('serves its API routes', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/gift-cards', headers: await adminHeaders(t.app), payload: { name: 'Birthday' } });
    expect(created.statusCode).toBe(201);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/vendor/gift-cards/${created.json().id}` });
    expect(read.json()).toMatchObject({ name: 'Birthday' });
    const loyalty = await t.app.inject({ method: 'GET', url: '/api/v1/storefront/loyalty' });
    expect(loyalty.json()).toEqual({ items: [] });
  });

  it('renders its pages in the shared layout, in the request language', async () => {
    const admin = await t.app.inject({ method: 'GET', url: '/admin/gift-cards' });
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('<!DOCTYPE html>');
    expect(admin.body).toContain('/static/modules/gift-cards/admin/js/gift-cards.js');
    const german = await t.app.inject({ method: 'GET', url: '/loyalty?lang=de' });
    expect(german.statusCode).toBe(200);
    expect(german.body).toContain('Noch keine Einträge.');
    const core = await t.app.inject({ method: 'GET', url: '/platform/notices?lang=fr' });
    expect(core.body).toContain('Aucun élément pour l’instant.');
  });

  it('answers its own error codes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/gift-cards/424242', headers: await adminHeaders(t.app) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('GIFT_CARDS_ITEM_NOT_FOUND');
  });

  it('ships tests that pass', { timeout: 360_000 }, async () => {
    // The generated test files live outside the project's test globs; a config of their own runs them.
    // Two of them cover both shapes of the template (with and without the admin API); each boots an app.
    const config = join(scratch, 'vitest.config.ts');
    writeFileSync(
      config,
      `export default { test: { include: ['modules/{gift-cards,loyalty}/tests/*.test.ts'], testTimeout: 60000, hookTimeout: 120000, setupFiles: [${JSON.stringify(join(REPO, 'tests/helpers/setup.ts'))}] } };\n`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config, '--root', scratch], {
      cwd: scratch,
      env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 10 * 1024 * 1024,
    });
    expect(stdout).toMatch(/Test Files\s+2 passed/);
  });
});

describe('refusals', () => {
  const before = () => readdirSync(modulesDir).sort();

  it.each([
    [{ code: 'Gift_Cards' }, /"Gift_Cards" is not a valid module code: use lower-case letters, digits and hyphens/],
    [{ code: '-cards' }, /not a valid module code/],
    [{ code: 'gift-cards' }, /module "gift-cards" already exists/],
    [{ code: 'vouchers', requires: ['gift-cards', 'billing', 'nope'] }, /unknown module\(s\) in --requires: billing, nope \(installed: audit-trail, gift-cards, loyalty, notices\)/],
    [{ code: 'vouchers', tier: 'core', requires: ['gift-cards'] }, /core module "vouchers" cannot require "gift-cards", which is not a core module/],
    [{ code: 'vouchers', tier: 'internal', frontends: ['vendor'] }, /internal modules are admin-only/],
    [{ code: 'vouchers', tier: 'premium' }, /unknown tier "premium"/],
    [{ code: 'vouchers', frontends: ['kiosk'] }, /unknown frontend\(s\): kiosk/],
    [{ code: 'report-001' }, /cannot name its migrations unambiguously/],
  ])('refuses %o and writes nothing', (options, message) => {
    const listing = before();
    expect(() => createModule({ modulesDir, ...options })).toThrow(ScaffoldError);
    expect(() => createModule({ modulesDir, ...options })).toThrow(message);
    expect(before()).toEqual(listing);
  });

  it('exits with status 2 and the reason from the command line', async () => {
    const program = new Command('wizamart').exitOverride();
    registerModuleCreate(program);
    const run = program.parseAsync(['module', 'create', 'vouchers', '--requires', 'nope', '--modules-dir', modulesDir], { from: 'user' });
    await expect(run).rejects.toMatchObject({ name: 'CliError', exitCode: 2, message: expect.stringContaining('unknown module(s) in --requires: nope') });
  });
});
