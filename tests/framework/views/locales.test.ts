import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FRAMEWORK_ERRORS } from '../../../src/exceptions/framework-errors.ts';
import { DEV_TOOLS_ERRORS } from '../../../src/modules/dev-tools/index.ts';
import { LANGUAGES } from '../../../src/modules/locales.ts';
import { ModuleLoadError } from '../../../src/modules/module-problems.ts';
import { checkViews } from '../../../src/modules/views.ts';
import { loadRegistry } from '../../../src/app.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { helloModule, writeModuleTree } from './module-tree.ts';

const HTML = { accept: 'text/html' };
// A new modules tree means a freshly migrated database for it: slower than the shared one.
const FRESH_TREE_TIMEOUT = 180_000;
const trees: { remove(): void }[] = [];
afterEach(() => {
  for (const tree of trees.splice(0)) tree.remove();
});

describe('module locales', () => {
  it("merge under the module's namespace and fall back to English for a key missing in lu", async () => {
    const tree = writeModuleTree(
      helloModule({
        en: { greeting: 'Hello', farewell: 'Goodbye', menu: { greeting: 'Greeting' } },
        de: { greeting: 'Hallo', farewell: 'Auf Wiedersehen', menu: { greeting: 'Gruß' } },
        fr: { greeting: 'Bonjour', farewell: 'Au revoir', menu: { greeting: 'Salutation' } },
        // `farewell` is missing and `menu.greeting` is empty: both read in English.
        lu: { greeting: 'Moien', menu: { greeting: '' } },
      }),
    );
    trees.push(tree);
    const t = await createTestApp({ modulesDir: tree.root });
    try {
      const lu = await t.app.inject({ url: '/hello?lang=lu', headers: HTML });
      expect(lu.statusCode).toBe(200);
      expect(lu.body).toContain('<h1 class="hello">Moien, &lt;Marie&gt;</h1>');
      expect(lu.body).toContain('<p class="farewell">Goodbye</p>');
      // The storefront layout, with the module's menu item.
      expect(lu.body).toContain('class="site-header"');
      expect(lu.body).toMatch(/<a class="site-nav__link is-active" href="\/hello" aria-current="page">Greeting<\/a>/);

      const de = await t.app.inject({ url: '/hello', headers: { ...HTML, 'accept-language': 'de-DE,de;q=0.9' } });
      expect(de.body).toContain('<h1 class="hello">Hallo, &lt;Marie&gt;</h1>');
      expect(de.body).toContain('<p class="farewell">Auf Wiedersehen</p>');

      // A crash shows the translated 500 page, never the error's own message.
      for (const url of ['/hello/boom?lang=fr', '/hello/broken-template?lang=fr']) {
        const boom = await t.app.inject({ url, headers: HTML });
        expect(boom.statusCode, url).toBe(500);
        expect(boom.headers['content-type'], url).toBe('text/html; charset=utf-8');
        expect(boom.body, url).toContain('Une erreur est survenue');
        expect(boom.body, url).not.toContain('hunter2');
        expect(boom.body, url).not.toContain('missing.njk');
      }
    } finally {
      await t.close();
    }
  }, FRESH_TREE_TIMEOUT);

  it('report a locale file that is not valid JSON at start-up, naming the file', async () => {
    const tree = writeModuleTree(helloModule({ en: { greeting: 'Hello' }, de: '{ "greeting": "Hallo", }' }));
    trees.push(tree);
    const error = await createTestApp({ modulesDir: tree.root }).then(
      async (t) => {
        await t.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModuleLoadError);
    const problems = (error as ModuleLoadError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ module: 'hello', file: tree.file('hello/locales/de.json') });
    expect(problems[0]!.reason).toMatch(/^not valid JSON: /);
    expect((error as Error).message).toContain(tree.file('hello/locales/de.json'));
  }, FRESH_TREE_TIMEOUT);

  it('report every bad locale file at once: wrong shape, and a language the platform does not offer', async () => {
    const tree = writeModuleTree(helloModule({ en: { greeting: ['Hello'] }, es: { greeting: 'Hola' }, fr: '[]' }));
    trees.push(tree);
    // The same check the start-up runs (shown above), without a database.
    const problems = checkViews(await loadRegistry(tree.root));
    expect(problems.map((p) => [p.file, p.reason])).toEqual([
      [tree.file('hello/locales/en.json'), '"greeting" must be a string or an object of strings'],
      [tree.file('hello/locales/es.json'), '"es" is not a platform language (en, de, fr, lu)'],
      [tree.file('hello/locales/fr.json'), 'must hold a JSON object of translation keys'],
    ]);
  });

  it('report templates kept outside templates/<code>/, where they could shadow another module', async () => {
    const tree = writeModuleTree(helloModule({ en: { greeting: 'Hello' } }, { 'hello/templates/layouts/base.njk': 'hijacked' }));
    trees.push(tree);
    expect(checkViews(await loadRegistry(tree.root))).toEqual([
      expect.objectContaining({ module: 'hello', file: tree.file('hello/templates/layouts'), reason: expect.stringContaining('templates/hello/<frontend>/') }),
    ]);
  });
});

describe('module templates', () => {
  it('are re-read on every render in development and cached otherwise', async () => {
    const tree = writeModuleTree(helloModule({ en: { greeting: 'Hello', farewell: 'Bye' } }));
    trees.push(tree);
    const page = tree.file('hello/templates/hello/storefront/page.njk');
    for (const [nodeEnv, seesEdit] of [['development', true], ['production', false]] as const) {
      writeFileSync(page, '{% extends layout %}{% block content %}<p id="v">one</p>{% endblock %}');
      const t = await createTestApp({ modulesDir: tree.root, settings: { nodeEnv } });
      try {
        expect((await t.app.inject({ url: '/hello', headers: HTML })).body).toContain('<p id="v">one</p>');
        writeFileSync(page, '{% extends layout %}{% block content %}<p id="v">two</p>{% endblock %}');
        const again = await t.app.inject({ url: '/hello', headers: HTML });
        expect(again.body, nodeEnv).toContain(seesEdit ? '<p id="v">two</p>' : '<p id="v">one</p>');
      } finally {
        await t.close();
      }
    }
  }, FRESH_TREE_TIMEOUT);
});

describe('the shipped translations', () => {
  const keys = (node: unknown, prefix = ''): string[] =>
    Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
  const load = (dir: URL, language: string) => JSON.parse(readFileSync(new URL(`${language}.json`, dir), 'utf8')) as Record<string, unknown>;

  for (const [name, dir] of [
    ['common (src/templates/locales)', new URL('../../../src/templates/locales/', import.meta.url)],
    ['dev-tools', new URL('../../../src/modules/dev-tools/locales/', import.meta.url)],
  ] as const) {
    it(`${name}: every language has exactly the English keys`, () => {
      expect(readdirSync(dir).sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
      const english = keys(load(dir, 'en')).sort();
      for (const language of LANGUAGES) expect(keys(load(dir, language)).sort(), language).toEqual(english);
    });
  }

  it('translate every framework and dev-tools error code', () => {
    const common = load(new URL('../../../src/templates/locales/', import.meta.url), 'en') as { errors: Record<string, unknown> };
    for (const code of Object.keys(FRAMEWORK_ERRORS)) expect(common.errors[code], code).toEqual(expect.any(String));
    const devTools = load(new URL('../../../src/modules/dev-tools/locales/', import.meta.url), 'en') as { errors: Record<string, unknown> };
    for (const code of Object.keys(DEV_TOOLS_ERRORS)) expect(devTools.errors[code], code).toEqual(expect.any(String));
  });
});
