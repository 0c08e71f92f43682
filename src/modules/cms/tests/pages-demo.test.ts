import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { loadDemoData, type DemoDataResult } from '../../../core/demo-data.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CmsPagesTables } from '../models/page.model.ts';

describe('cms demo pages', () => {
  let t: TestApp;
  let app: App;
  let first: DemoDataResult;
  let second: DemoDataResult;
  let third: DemoDataResult;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    const { database, registry, modules, storage } = app.wizamart;
    first = await loadDemoData({ db: database.db, registry, modules, storage });
    second = await loadDemoData({ db: database.db, registry, modules, storage });
    third = await loadDemoData({ db: database.db, registry, modules, storage });
  });
  afterAll(async () => t?.close());

  const visit = (vendor: string, path: string) => app.inject({ method: 'GET', url: `/_vendor/${vendor}${path}`, headers: { accept: 'text/html' } });
  const cmsPages = (result: DemoDataResult) => result.created.filter((r) => r.source === 'cms' && r.kind === 'page').map((r) => r.key);

  it('creates the five platform defaults in four languages and the Luxe Boutique pages once', async () => {
    // The loaders of core modules run by code, so cms may run before tenancy created the shops: the next run adds their pages.
    expect([...cmsPages(first), ...cmsPages(second)].sort()).toEqual([
      'default/about',
      'default/imprint',
      'default/privacy',
      'default/shipping',
      'default/terms',
      'luxe-boutique/about',
      'luxe-boutique/home',
    ]);
    expect(cmsPages(third)).toEqual([]);
    const db = app.wizamart.database.db.withTables<CmsPagesTables>();
    const languages = await db
      .selectFrom('cms_pages')
      .innerJoin('cms_page_translations', 'cms_page_translations.page_id', 'cms_pages.id')
      .select(['cms_pages.slug', 'cms_page_translations.language'])
      .where('cms_pages.vendor_id', 'is', null)
      .where('cms_pages.status', '=', 'published')
      .execute();
    for (const slug of ['about', 'terms', 'privacy', 'shipping', 'imprint']) {
      expect(languages.filter((l) => l.slug === slug).map((l) => l.language).sort(), slug).toEqual(['de', 'en', 'fr', 'lu']);
    }
  });

  it('Luxe Boutique shows its home and its own about page; Atelier Moselle shows the defaults', async () => {
    const home = await visit('luxe-boutique', '/?lang=fr');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('La nouvelle saison est arrivée');
    expect((await visit('luxe-boutique', '/pages/about?lang=en')).body).toContain('About Luxe Boutique');
    const moselle = await visit('atelier-moselle', '/pages/about?lang=lu');
    expect(moselle.body).toContain('Iwwer eis');
    // The defaults are in every shop's footer.
    for (const slug of ['about', 'shipping', 'terms', 'privacy', 'imprint']) expect(moselle.body).toContain(`href="/_vendor/atelier-moselle/pages/${slug}"`);
  });
});
