import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths to the framework, for definitions written outside the repository. */
export const BASE_MODULE = fileURLToPath(new URL('../../../src/modules/base.ts', import.meta.url));
export const ROUTES_MODULE = fileURLToPath(new URL('../../../src/modules/routes.ts', import.meta.url));

/**
 * A throwaway modules tree in a temp dir: `files` maps paths below the
 * root (`hello/definition.ts`, `hello/locales/en.json`) to their content.
 */
export function writeModuleTree(files: Readonly<Record<string, string>>): { root: string; file(path: string): string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'wz-views-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { root, file: (path) => join(root, path), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A core module `hello` with one storefront page that shows two translated strings. */
export function helloModule(locales: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const files: Record<string, string> = {
    'hello/definition.ts': `import { defineModule } from ${JSON.stringify(BASE_MODULE)};
export const definition = defineModule({
  code: 'hello',
  name: 'Hello',
  isCore: true,
  menuItems: { storefront: [{ id: 'greeting', label: 'hello:menu.greeting', path: '/hello', icon: 'home' }] },
});
`,
    'hello/routes/pages/storefront.ts': `import { defineRouter } from ${JSON.stringify(ROUTES_MODULE)};
export const router = defineRouter(async (r) => {
  r.get('/hello', async (_request, reply) => reply.view('hello/storefront/page.njk', { name: '<Marie>' }));
  r.get('/hello/boom', async () => {
    throw new Error('the database password is hunter2');
  });
  r.get('/hello/broken-template', async (_request, reply) => reply.view('hello/storefront/missing.njk'));
});
`,
    'hello/templates/hello/storefront/page.njk': `{% extends layout %}
{% block title %}{{ t('hello:greeting') }}{% endblock %}
{% block content %}<h1 class="hello">{{ t('hello:greeting') }}, {{ name }}</h1><p class="farewell">{{ t('hello:farewell') }}</p>{% endblock %}
`,
    ...extra,
  };
  for (const [language, strings] of Object.entries(locales)) {
    files[`hello/locales/${language}.json`] = typeof strings === 'string' ? strings : JSON.stringify(strings);
  }
  return files;
}
