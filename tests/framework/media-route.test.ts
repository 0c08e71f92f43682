import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModuleTree, definitionSource, type ModuleTree } from '../helpers/module-tree.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('GET /media/<key>', () => {
  let tree: ModuleTree;
  let t: TestApp;

  beforeAll(async () => {
    tree = createModuleTree({ 'base/definition.ts': definitionSource({ code: 'base', isCore: true }) });
    t = await createTestApp({ modulesDir: tree.root });
  });

  afterAll(async () => {
    await t.close();
    tree.remove();
  });

  it('serves a stored object with its type, cached for good and never run as a page', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await t.app.wizamart.storage.put('media/v1/ab12/logo.png', png, { contentType: 'image/png' });
    const res = await t.app.inject({ url: '/media/media/v1/ab12/logo.png' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.rawPayload.equals(png)).toBe(true);
  });

  it('answers 404 for a missing object and for a key that tries to leave the storage', async () => {
    expect((await t.app.inject({ url: '/media/media/v1/none.png' })).statusCode).toBe(404);
    const escape = await t.app.inject({ url: '/media/..%2F..%2Fpackage.json' });
    expect(escape.statusCode).toBe(404);
    await t.app.wizamart.storage.delete('media/v1/ab12/logo.png');
    expect((await t.app.inject({ url: '/media/media/v1/ab12/logo.png' })).statusCode).toBe(404);
  });
});
