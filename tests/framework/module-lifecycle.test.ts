import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createModuleTree, definitionSource, frameworkImport, pingRouterSource, type ModuleTree } from '../helpers/module-tree.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A throwaway module with one of every component kind, each observable through the app. */
function fullModule(code: string): Record<string, string> {
  return {
    [`${code}/definition.ts`]: definitionSource({
      code,
      extra: `menuItems: { admin: [{ id: 'hello', label: '${code}:menu.hello', path: '/${code}/hello' }] },`,
    }),
    [`${code}/config.ts`]: `import { Type } from 'typebox';
import { loadModuleConfig } from '${frameworkImport('modules/config.ts')}';
export const configSchema = Type.Object({ greetingCount: Type.Integer({ default: 3, minimum: 1 }) });
export const config = loadModuleConfig('${code}', configSchema);
`,
    [`${code}/routes/api/admin.ts`]: pingRouterSource(code),
    [`${code}/routes/pages/admin.ts`]: `import { defineRouter } from '${frameworkImport('modules/routes.ts')}';
export const router = defineRouter(async (r) => {
  r.get('/${code}/hello', async (_req, reply) => reply.view('${code}/admin/hello.njk', {}));
});
`,
    [`${code}/templates/${code}/admin/hello.njk`]: `{% extends layout %}
{% block content %}<p id="greeting">{{ t('${code}:greeting') }}</p>{% endblock %}
`,
    [`${code}/static/admin/js/${code}.js`]: `window.${code} = true;\n`,
    [`${code}/locales/en.json`]: JSON.stringify({ greeting: 'Hello', menu: { hello: 'Hello page' } }),
    [`${code}/locales/de.json`]: JSON.stringify({ greeting: 'Hallo', menu: { hello: 'Hallo-Seite' } }),
    [`${code}/locales/fr.json`]: JSON.stringify({ greeting: 'Bonjour', menu: { hello: 'Page bonjour' } }),
    [`${code}/locales/lu.json`]: JSON.stringify({ greeting: 'Moien', menu: { hello: 'Moien-Säit' } }),
    [`${code}/tasks/index.ts`]: `import { defineTask } from '${frameworkImport('core/queue.ts')}';
export const tasks = [defineTask({ name: '${code}.work', perPlatform: false, handler: async () => {} })];
`,
    [`${code}/migrations/versions/${code}_001_create_things.ts`]: `import { sql } from 'kysely';
export async function up(db) { await sql\`create table ${code}_things (id serial primary key)\`.execute(db); }
export async function down(db) { await sql\`drop table ${code}_things\`.execute(db); }
`,
  };
}

describe('a module folder, added and removed', () => {
  let tree: ModuleTree;
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    tree.remove();
  });

  it('every component kind is picked up from the folder, and nothing is left once it is deleted', async () => {
    tree = createModuleTree({ ...fullModule('alpha'), ...fullModule('beta') });
    t = await createTestApp({ modulesDir: tree.root });
    const app = t.app;

    expect(app.wizamart.registry.codes()).toEqual(['alpha', 'beta']);
    expect(app.wizamart.moduleConfigs.get('beta')).toEqual({ greetingCount: 3 });
    expect((await app.inject({ url: '/api/v1/admin/beta/ping' })).json()).toEqual({ module: 'beta' });
    const page = await app.inject({ url: '/admin/beta/hello?lang=lu', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<p id="greeting">Moien</p>');
    expect(page.body).toContain('Moien-Säit');
    expect((await app.inject({ url: '/static/modules/beta/admin/js/beta.js' })).body).toBe('window.beta = true;\n');
    expect(await app.wizamart.queue.enqueue('beta.work')).toEqual(expect.any(String));
    const status = await app.wizamart.database.db
      .selectFrom('schema_migrations')
      .select('name')
      .where('module_code', '=', 'beta')
      .execute();
    expect(status.map((s) => s.name)).toEqual(['beta_001']);
    expect(((await app.inject({ url: '/docs/json' })).json() as { paths: object }).paths).toHaveProperty(['/api/v1/admin/beta/ping']);
    await t.close();

    rmSync(join(tree.root, 'beta'), { recursive: true });
    t = await createTestApp({ modulesDir: tree.root });
    const after = t.app;
    expect(after.wizamart.registry.codes()).toEqual(['alpha']);
    expect(after.wizamart.moduleConfigs.get('beta')).toBeUndefined();
    expect((await after.inject({ url: '/api/v1/admin/beta/ping' })).statusCode).toBe(404);
    expect((await after.inject({ url: '/admin/beta/hello', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    expect((await after.inject({ url: '/static/modules/beta/admin/js/beta.js' })).statusCode).toBe(404);
    await expect(after.wizamart.queue.enqueue('beta.work')).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    expect(after.views.translations.namespaces).not.toContain('beta');
    expect(after.views.translations.translator('lu')('beta:greeting')).not.toBe('Moien');
    expect(((await after.inject({ url: '/docs/json' })).json() as { paths: object }).paths).not.toHaveProperty(['/api/v1/admin/beta/ping']);
    const alphaPage = await after.inject({ url: '/admin/alpha/hello', headers: { accept: 'text/html' } });
    expect(alphaPage.body).toContain('<p id="greeting">Hello</p>');
    expect(alphaPage.body).not.toContain('Hallo-Seite');
  }, 180_000);
});
