import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMenu } from '../../../src/modules/views.ts';
import { adminCookie } from '../../helpers/auth.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

// Booting migrates this worker's database template first; generous for a busy CI machine.
const BOOT_TIMEOUT = 180_000;

let HTML: Record<string, string> = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('pages in the shared layout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    HTML = { ...HTML, ...(await adminCookie(t.app)) };
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await t.close();
  });

  it('renders a module template inside the back-office layout with the module-driven menu', async () => {
    const res = await t.app.inject({ url: '/admin/dev-tools/components', headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en"/);
    expect(html).toContain('<link rel="stylesheet" href="/static/css/app.css?v=');
    expect(html).toContain('src="/static/vendor/alpine.min.js?v=');
    expect(html).toContain('<aside id="sidebar" class="sidebar"');
    expect(html).toContain('<h1 class="page-header__title">Component library</h1>');
    // The page's own menu entry is active; its sibling is not.
    expect(html).toMatch(/<a class="nav-link is-active" href="\/admin\/dev-tools\/components" aria-current="page">/);
    expect(html).toMatch(/<a class="nav-link" href="\/admin\/dev-tools\/icons">/);
    expect(html).toContain('/static/modules/dev-tools/admin/js/dev-tools.js?v=');
  });

  it('lists every language in the switcher, the current one marked', async () => {
    const res = await t.app.inject({ url: '/admin/dev-tools/icons?lang=fr', headers: HTML });
    expect(res.body).toContain('<html lang="fr"');
    for (const [code, name] of [['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['lu', 'Lëtzebuergesch']]) {
      expect(res.body).toContain(`href="/admin/dev-tools/icons?lang=${code}"`);
      expect(res.body).toContain(`<span>${name}</span>`);
    }
    expect(res.body).toMatch(/<a class="dropdown__item is-active" href="\/admin\/dev-tools\/icons\?lang=fr"/);
    // Luxembourgish is `lb` for the browser, `lu` in URLs.
    expect(res.body).toContain('hreflang="lb" lang="lb"');
  });

  it('escapes context values and shows every icon of the set', async () => {
    const res = await t.app.inject({ url: '/admin/dev-tools/icons', headers: HTML });
    expect(res.statusCode).toBe(200);
    const names = [...t.app.views.icons.keys()];
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) expect(res.body).toContain(`data-name="${name}"`);
  });

  it('answers an unknown page URL with an HTML 404 page in the layout, in the asked language', async () => {
    const res = await t.app.inject({ url: '/admin/no-such-page', headers: { ...HTML, 'accept-language': 'de' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="de"');
    expect(res.body).toContain('Seite nicht gefunden');
    expect(res.body).toContain('Die Seite /admin/no-such-page wurde nicht gefunden.');
    expect(res.body).toContain('<code>ROUTE_NOT_FOUND</code>');
  });

  it('escapes the URL it echoes on the 404 page', async () => {
    const res = await t.app.inject({ url: '/admin/%3Cscript%3Ealert(1)%3C/script%3E', headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });

  it('keeps JSON errors for /api/ even when the client accepts HTML', async () => {
    const res = await t.app.inject({ url: '/api/v1/admin/no-such-thing', headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No route matches GET /api/v1/admin/no-such-thing.' } });
  });

  it('answers JSON for a page URL when the client does not accept HTML', async () => {
    const res = await t.app.inject({ url: '/admin/no-such-page', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it("translates a module's own error on its page (unknown icon → the module's message)", async () => {
    const res = await t.app.inject({ url: '/admin/dev-tools/icons/no-such-icon?lang=fr', headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page introuvable');
    expect(res.body).toContain('Il n’existe aucune icône nommée « no-such-icon ».');
    const api = await t.app.inject({ url: '/admin/dev-tools/icons/no-such-icon', headers: { accept: 'application/json', cookie: HTML.cookie! } });
    expect(api.json().error).toMatchObject({ code: 'DEV_TOOLS_ICON_NOT_FOUND', message: 'There is no icon named "no-such-icon".' });
  });

  it('renders a validation failure on a page as an HTML 400 page', async () => {
    const res = await t.app.inject({ url: '/admin/dev-tools/icons/Not_An_Icon', headers: HTML });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Bad request');
  });

  it('shows an icon with its group and how to call it', async () => {
    const res = await t.app.inject({ url: '/admin/dev-tools/icons/shopping-cart', headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-icon="shopping-cart"');
    expect(res.body).toContain('{{ icon(&#39;shopping-cart&#39;) }}');
  });
});

describe('a disabled module\'s pages', () => {
  it('refuse the dev-tools page with the 404 page when dev-tools is disabled on the platform', async () => {
    const t = await createTestApp({ platforms: { wizamart: [] } });
    try {
      const res = await t.app.inject({ url: '/admin/dev-tools/components', headers: HTML });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Page not found');
      expect(res.body).toContain('not enabled on this platform');
      expect(res.body).toContain('<code>MODULE_DISABLED</code>');
      expect(res.body).not.toContain('Component library');
    } finally {
      await t.close();
    }
  }, BOOT_TIMEOUT);

});

describe('the module-driven menu', () => {
  it('lists the enabled modules\' items by order, internal tools last, translated, and drops a disabled module', async () => {
    const t = await createTestApp();
    try {
      const tr = t.app.views.translations.translator('de');
      const input = { platform: 'wizamart', frontend: 'admin' as const, path: '/admin/dev-tools/icons', t: tr };
      const menu = await buildMenu(t.app.wizamart, input);
      const devTools = menu.filter((m) => m.module === 'dev-tools');
      expect(devTools.map((m) => [m.label, m.path, m.icon, m.active])).toEqual([
        ['Komponenten', '/admin/dev-tools/components', 'layout', false],
        ['Icons', '/admin/dev-tools/icons', 'shapes', true],
      ]);
      const firstInternal = menu.findIndex((m) => m.tier === 'internal');
      expect(menu.slice(firstInternal).every((m) => m.tier === 'internal')).toBe(true);
      expect(menu.filter((m) => m.active)).toHaveLength(1);

      await t.app.wizamart.modules.disableModule('wizamart', 'dev-tools', { actor: 'test' });
      const after = await buildMenu(t.app.wizamart, input);
      expect(after.map((m) => m.module)).not.toContain('dev-tools');
    } finally {
      await t.close();
    }
  }, BOOT_TIMEOUT);
});
