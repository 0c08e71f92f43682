import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

// Booting migrates this worker's database template first; generous for a busy CI machine.
const BOOT_TIMEOUT = 180_000;

describe('static files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await t.close();
  });

  it("serves a module's static folder at /static/modules/<code>/", async () => {
    const res = await t.app.inject({ url: '/static/modules/dev-tools/admin/js/dev-tools.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    const onDisk = readFileSync(new URL('../../../src/modules/dev-tools/static/admin/js/dev-tools.js', import.meta.url), 'utf8');
    expect(res.body).toBe(onDisk);
  });

  it('serves the shared stylesheet at /static/ and Alpine.js from node_modules at /static/vendor/', async () => {
    const css = await t.app.inject({ url: '/static/css/app.css?v=abc' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.body).toContain('--color-primary');

    const alpine = await t.app.inject({ url: '/static/vendor/alpine.min.js' });
    expect(alpine.statusCode).toBe(200);
    expect(alpine.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(alpine.body.length).toBeGreaterThan(10_000);
    const again = await t.app.inject({ url: '/static/vendor/alpine.min.js', headers: { 'if-none-match': String(alpine.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('answers a missing file or a path outside the folder with 404, even when HTML is accepted', async () => {
    for (const url of ['/static/modules/dev-tools/admin/js/missing.js', '/static/modules/dev-tools/../definition.ts', '/static/modules/no-such-module/x.js']) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
    }
  });
});
