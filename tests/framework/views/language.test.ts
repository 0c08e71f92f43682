import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../../src/modules/locales.ts';
import { readCookie, resolveLanguage } from '../../../src/modules/views.ts';
import { adminCookie } from '../../helpers/auth.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

// Booting migrates this worker's database template first; generous for a busy CI machine.
const BOOT_TIMEOUT = 180_000;

const PAGE = '/admin/dev-tools/components';
let HTML: Record<string, string> = { accept: 'text/html' };

describe('negotiateLanguage', () => {
  it('picks the highest q-value the platform offers, in header order for ties', () => {
    expect(negotiateLanguage('es;q=1, fr;q=0.4, de;q=0.8')).toBe('de');
    expect(negotiateLanguage('de-LU, fr;q=0.9')).toBe('de');
    expect(negotiateLanguage('fr-BE,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(negotiateLanguage('en;q=0.5, de;q=0.5')).toBe('en');
  });

  it('reads Luxembourgish (lb) as the platform\'s lu', () => {
    expect(negotiateLanguage('lb-LU,lb;q=0.9,de;q=0.8')).toBe('lu');
    expect(negotiateLanguage('lu')).toBe('lu');
  });

  it('ignores q=0, wildcards, malformed parts and languages not offered', () => {
    expect(negotiateLanguage('de;q=0, fr;q=0.1')).toBe('fr');
    expect(negotiateLanguage('*, es, ja;q=0.9')).toBeUndefined();
    expect(negotiateLanguage(';;,  ,de;q=abc')).toBeUndefined();
    expect(negotiateLanguage(undefined)).toBeUndefined();
  });
});

describe('resolveLanguage', () => {
  const shop = { id: 1, code: 'shop', name: 'Shop', status: 'active' as const, defaultLanguage: 'fr' };
  const request = (url: string, headers: Record<string, string> = {}, vendor?: typeof shop) => ({ url, headers, vendor });

  it('speaks a shop’s own language to a visitor who has not chosen one, before their browser’s', () => {
    expect(resolveLanguage(request('/', { 'accept-language': 'de' }, shop))).toBe('fr');
    expect(resolveLanguage(request('/', { 'accept-language': 'de' }))).toBe('de');
  });

  it('lets a chosen language win over the shop’s: ?lang= first, then the cookie', () => {
    expect(resolveLanguage(request('/?lang=lu', { cookie: 'lang=de' }, shop))).toBe('lu');
    expect(resolveLanguage(request('/', { cookie: 'lang=de' }, shop))).toBe('de');
    expect(resolveLanguage(request('/', {}, { ...shop, defaultLanguage: 'xx' }))).toBe('en');
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; lang=lu; b=2', 'lang')).toBe('lu');
    expect(readCookie('xlang=de; lang="fr"', 'lang')).toBe('fr');
    expect(readCookie('a=1', 'lang')).toBeUndefined();
  });
});

describe('the request language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    HTML = { ...HTML, ...(await adminCookie(t.app)) };
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await t.close();
  });

  const title = (body: string) => /<h1 class="page-header__title">([^<]*)<\/h1>/.exec(body)?.[1];
  // Pages also set the CSRF cookie on a first visit; these tests are about the language cookie only.
  const langCookie = (res: { headers: Record<string, unknown> }) => {
    const all = res.headers['set-cookie'];
    const found = (Array.isArray(all) ? all : all === undefined ? [] : [String(all)]).filter((c: string) => c.startsWith('lang='));
    return found.length > 0 ? found.join(', ') : undefined;
  };

  it('defaults to English', async () => {
    const res = await t.app.inject({ url: PAGE, headers: HTML });
    expect(title(res.body)).toBe('Component library');
    expect(langCookie(res)).toBeUndefined();
  });

  it('follows Accept-Language with q-values', async () => {
    const res = await t.app.inject({ url: PAGE, headers: { ...HTML, 'accept-language': 'es;q=1, fr;q=0.5, de;q=0.9' } });
    expect(res.body).toContain('<html lang="de"');
    expect(title(res.body)).toBe('Komponentenbibliothek');
    expect(res.headers.vary).toContain('Accept-Language');
  });

  it('remembers an explicit ?lang= choice in a cookie, which then wins over Accept-Language', async () => {
    const chosen = await t.app.inject({ url: `${PAGE}?lang=lu`, headers: { ...HTML, 'accept-language': 'fr' } });
    expect(title(chosen.body)).toBe('Komponentebibliothéik');
    expect(chosen.body).toContain('<html lang="lb"');
    const cookie = String(langCookie(chosen));
    expect(cookie).toMatch(/^lang=lu; Path=\/; Max-Age=31536000; SameSite=Lax; HttpOnly$/);

    const next = await t.app.inject({ url: PAGE, headers: { ...HTML, 'accept-language': 'fr', cookie: `${HTML.cookie}; session=x; lang=lu` } });
    expect(title(next.body)).toBe('Komponentebibliothéik');
    expect(langCookie(next)).toBeUndefined();
  });

  it('lets ?lang= override the cookie, and ignores a language the platform does not offer', async () => {
    const res = await t.app.inject({ url: `${PAGE}?lang=fr`, headers: { ...HTML, cookie: `${HTML.cookie}; lang=de` } });
    expect(title(res.body)).toBe('Bibliothèque de composants');
    expect(String(langCookie(res))).toMatch(/^lang=fr;/);

    const bad = await t.app.inject({ url: `${PAGE}?lang=xx`, headers: { ...HTML, cookie: `${HTML.cookie}; lang=de` } });
    expect(title(bad.body)).toBe('Komponentenbibliothek');
    expect(langCookie(bad)).toBeUndefined();
  });

  it('is exposed as request.language and request.t to every route', async () => {
    const translations = t.app.views.translations;
    expect(translations.translator('de')('common:errors.status.404')).toBe('Seite nicht gefunden');
    expect(translations.translator('lu')('dev-tools:menu.icons')).toBe('Ikonen');
    // Unknown keys read as the key, never as an empty string.
    expect(translations.translator('fr')('dev-tools:no.such.key')).toBe('no.such.key');
  });

  it('answers repeated lookups alike, and never reuses a text filled with other values', async () => {
    const en = t.app.views.translations.translator('en');
    expect(en('common:errors.status.404')).toBe(en('common:errors.status.404'));
    expect(en('common:no.such.key', { defaultValue: 'First' })).toBe('First');
    expect(en('common:no.such.key', { defaultValue: 'Second' })).toBe('Second');
    expect(en('common:errors.AUTH_WRONG_PLATFORM', { platform: 'one' })).toContain('one');
    expect(en('common:errors.AUTH_WRONG_PLATFORM', { platform: 'two' })).toContain('two');
  });
});
