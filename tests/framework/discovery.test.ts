import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/app.ts';
import { discoverModules } from '../../src/modules/discovery.ts';
import { ModuleLoadError } from '../../src/modules/module-problems.ts';
import { createModuleTree, definitionSource, pingRouterSource, type ModuleTree } from '../helpers/module-tree.ts';

/** A module holding one of every component kind of the specification's discovery table. */
export function everyComponentModule(code: string): Record<string, string> {
  return {
    [`${code}/definition.ts`]: definitionSource({ code }),
    [`${code}/config.ts`]: `export const configSchema = { type: 'object', properties: {} };\nexport const config = {};\n`,
    [`${code}/routes/api/vendor.ts`]: pingRouterSource(code),
    [`${code}/routes/pages/vendor.ts`]: pingRouterSource(code),
    [`${code}/tasks/index.ts`]: 'export const tasks = [];\n',
    [`${code}/templates/${code}/vendor/index.njk`]: '<p>{{ message }}</p>\n',
    [`${code}/static/vendor/js/${code}.js`]: 'console.log(1);\n',
    [`${code}/locales/en.json`]: '{"title": "Hello"}\n',
    [`${code}/locales/de.json`]: '{"title": "Hallo"}\n',
    [`${code}/migrations/versions/${code}_001_create_things.ts`]: 'export async function up() {}\nexport async function down() {}\n',
  };
}

describe('module discovery', () => {
  let tree: ModuleTree;
  afterEach(() => tree.remove());

  it('finds every component kind from the module folder', async () => {
    tree = createModuleTree(everyComponentModule('alpha'));
    const [manifest, ...rest] = await discoverModules(tree.root);
    expect(rest).toHaveLength(0);
    const dir = join(tree.root, 'alpha');
    expect(manifest).toMatchObject({
      dir,
      definitionFile: join(dir, 'definition.ts'),
      configFile: join(dir, 'config.ts'),
      tasksFile: join(dir, 'tasks/index.ts'),
      templatesDir: join(dir, 'templates'),
      staticDir: join(dir, 'static'),
      migrationsDir: join(dir, 'migrations/versions'),
      localeFiles: { en: join(dir, 'locales/en.json'), de: join(dir, 'locales/de.json') },
    });
    expect(manifest!.definition.code).toBe('alpha');
    expect(manifest!.routeFiles).toEqual([
      { kind: 'api', frontend: 'vendor', file: join(dir, 'routes/api/vendor.ts') },
      { kind: 'pages', frontend: 'vendor', file: join(dir, 'routes/pages/vendor.ts') },
    ]);
  });

  it('a removed folder leaves nothing behind', async () => {
    tree = createModuleTree({ ...everyComponentModule('alpha'), ...everyComponentModule('beta') });
    expect((await loadRegistry(tree.root)).codes()).toEqual(['alpha', 'beta']);
    rmSync(join(tree.root, 'beta'), { recursive: true });
    const registry = await loadRegistry(tree.root, 'after-removal');
    expect(registry.codes()).toEqual(['alpha']);
    expect([...registry.manifests.keys()]).toEqual(['alpha']);
  });

  it('ignores helper folders starting with _ or . and reports a folder without definition', async () => {
    tree = createModuleTree({
      ...everyComponentModule('alpha'),
      '_shared/readme.txt': 'not a module',
      'orphan/routes/api/admin.ts': pingRouterSource('orphan'),
    });
    await expect(discoverModules(tree.root)).rejects.toThrow(/\[orphan\] .*orphan\/definition\.ts: missing definition\.ts/);
  });

  it('reports every broken module at once, by file and reason', async () => {
    tree = createModuleTree({
      ...everyComponentModule('alpha'),
      'bad-def/definition.ts': definitionSource({ code: 'bad-def', version: 'latest' }),
      'wrong/definition.ts': definitionSource({ code: 'right' }),
      'noexport/definition.ts': 'export const def = 1;\n',
      'syntax/definition.ts': 'export const definition = {{;\n',
    });
    try {
      await discoverModules(tree.root);
      expect.unreachable('discovery should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ModuleLoadError);
      const problems = (error as ModuleLoadError).problems;
      expect(problems.map((p) => p.module).sort()).toEqual(['bad-def', 'noexport', 'syntax', 'wrong']);
      const byModule = Object.fromEntries(problems.map((p) => [p.module, p]));
      expect(byModule['bad-def']!.reason).toMatch(/version/);
      expect(byModule['bad-def']!.file).toMatch(/bad-def\/definition\.ts$/);
      expect(byModule.wrong!.reason).toBe('code "right" does not match folder name "wrong"');
      expect(byModule.noexport!.reason).toMatch(/does not export `definition`/);
      expect(byModule.syntax!.reason).not.toMatch(/\n\s+at /);
    }
  });

  it('reports dependency rule violations before anything is served', async () => {
    tree = createModuleTree({
      'a/definition.ts': definitionSource({ code: 'a', requires: ['b'] }),
      'b/definition.ts': definitionSource({ code: 'b', requires: ['a'] }),
      'c/definition.ts': definitionSource({ code: 'c', isCore: true, requires: ['a'] }),
    });
    const attempt = loadRegistry(tree.root);
    await expect(attempt).rejects.toThrow(/circular dependency: a -> b -> a/);
    await expect(attempt).rejects.toThrow(/core module "c" requires optional module "a"/);
  });
});
