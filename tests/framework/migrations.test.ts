import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/app.ts';
import { MigrationRunner } from '../../src/modules/migrations.ts';
import { createModuleTree, definitionSource, type ModuleTree } from '../helpers/module-tree.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const createTable = (table: string, extra = '') => `
import { sql } from 'kysely';
${extra}
export async function up(db) { await sql\`create table ${table} (id serial primary key)\`.execute(db); }
export async function down(db) { await sql\`drop table ${table}\`.execute(db); }
`;

describe('migrations', () => {
  let tree: ModuleTree;
  let database: TestDatabase;
  beforeEach(() => {
    tree = createModuleTree({
      'alpha/definition.ts': definitionSource({ code: 'alpha', requires: ['beta'] }),
      'alpha/migrations/versions/alpha_001_create_a.ts': createTable('a_one'),
      'alpha/migrations/versions/alpha_002_create_more.ts': createTable('a_two'),
      'beta/definition.ts': definitionSource({ code: 'beta' }),
      'beta/migrations/versions/beta_001_create_b.ts': createTable('b_one'),
      // beta_002 must follow alpha_001 although alpha depends on beta.
      'beta/migrations/versions/beta_002_link.ts': createTable('b_two', "export const after = ['alpha_001'];"),
    });
  });
  afterEach(async () => {
    await database?.close();
    tree.remove();
  });

  async function setup() {
    const registry = await loadRegistry(tree.root);
    database = await createTestDatabase(registry, { migrate: false });
    return new MigrationRunner(database.db, registry);
  }
  const tableExists = async (name: string) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = ${name}`.execute(database.db);
    return rows[0]!.n === 1;
  };

  it('orders by module dependency, then sequence, honouring `after`', async () => {
    const runner = await setup();
    const ids = (await runner.list()).map((m) => m.id);
    expect(ids).toEqual(['framework_001', 'framework_002', 'framework_003', 'framework_004', 'beta_001', 'alpha_001', 'beta_002', 'alpha_002']);
    expect(await runner.up()).toEqual(ids);
    expect(await runner.up()).toEqual([]);
    for (const t of ['a_one', 'a_two', 'b_one', 'b_two', 'platforms', 'platform_modules', 'module_audit_log', 'task_runs']) {
      expect(await tableExists(t)).toBe(true);
    }
  });

  it('prints status and history', async () => {
    const runner = await setup();
    await runner.up({ to: 'beta_001' });
    const status = await runner.status();
    expect(status.filter((s) => s.applied).map((s) => s.id)).toEqual(['framework_001', 'framework_002', 'framework_003', 'framework_004', 'beta_001']);
    expect(status.find((s) => s.id === 'alpha_001')).toMatchObject({ applied: false, appliedAt: null });
    await runner.up();
    const history = await runner.history();
    expect(history.map((h) => [h.id, h.batch])).toEqual([
      ['framework_001', 1],
      ['framework_002', 1],
      ['framework_003', 1],
      ['framework_004', 1],
      ['beta_001', 1],
      ['alpha_001', 2],
      ['beta_002', 2],
      ['alpha_002', 2],
    ]);
  });

  it('downgrades a number of steps, newest first', async () => {
    const runner = await setup();
    await runner.up();
    expect(await runner.down({ steps: 2 })).toEqual(['alpha_002', 'beta_002']);
    expect(await tableExists('b_two')).toBe(false);
    expect(await tableExists('a_one')).toBe(true);
  });

  it('downgrades one module, and refuses when another migration depends on it', async () => {
    const runner = await setup();
    await runner.up();
    await expect(runner.down({ module: 'alpha' })).rejects.toThrow(/cannot revert alpha_001: applied migration beta_002 depends on it/);
    expect(await runner.down({ steps: 1 })).toEqual(['alpha_002']);
    await expect(runner.down({ module: 'beta' })).rejects.toThrow(/cannot revert beta: alpha requires it/);
    await runner.down({ steps: 1 }); // beta_002
    expect(await runner.down({ module: 'alpha' })).toEqual(['alpha_001']);
    expect(await tableExists('a_one')).toBe(false);
  });

  it('a failed migration leaves the database as it was', async () => {
    tree.write({
      'alpha/migrations/versions/alpha_003_broken.ts': `
import { sql } from 'kysely';
export async function up(db) { await sql\`create table half_done (id int)\`.execute(db); throw new Error('disk on fire'); }
export async function down() {}
`,
    });
    const runner = await setup();
    await expect(runner.up()).rejects.toThrow(/migration alpha_003 .* failed on up: disk on fire/);
    expect(await tableExists('half_done')).toBe(false);
    expect(await tableExists('a_one')).toBe(false);
    expect(await tableExists('platforms')).toBe(false);
  });

  it('rejects badly named files and unknown `after` targets, naming the file', async () => {
    tree.write({
      'beta/migrations/versions/001_no_prefix.ts': createTable('x'),
      'alpha/migrations/versions/alpha_004_later.ts': createTable('y', "export const after = ['ghost_001'];"),
    });
    const runner = await setup();
    await expect(runner.list()).rejects.toThrow(/001_no_prefix\.ts: migration file names must be beta_<sequence>_<description>\.ts/);
    await expect(runner.list()).rejects.toThrow(/alpha_004_later\.ts: `after` names unknown migration "ghost_001"/);
  });
});
