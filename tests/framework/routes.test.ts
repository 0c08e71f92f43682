import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { ModuleLoadError } from '../../src/modules/module-problems.ts';
import { createModuleTree, definitionSource, frameworkImport, pingRouterSource, type ModuleTree } from '../helpers/module-tree.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const countingRouter = (module: string) => `import { Type } from 'typebox';
import { defineRouter } from '${frameworkImport('modules/routes.ts')}';
export const router = defineRouter(async (r) => {
  r.get('/hits', { schema: { response: { 200: Type.Object({ hits: Type.Integer() }) } } }, async () => {
    const g = globalThis as { __${module}Hits?: number };
    g.__${module}Hits = (g.__${module}Hits ?? 0) + 1;
    return { hits: g.__${module}Hits };
  });
});
`;

const pageRouter = `import { defineRouter } from '${frameworkImport('modules/routes.ts')}';
export const router = defineRouter(async (r) => {
  r.get('/:vendorCode/shop', async (req, reply) => reply.type('text/html').send('<h1>shop of ' + (req.params as { vendorCode: string }).vendorCode + '</h1>'));
});
`;

describe('module routes', () => {
  let tree: ModuleTree;
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    tree.remove();
  });

  function shopTree(): ModuleTree {
    return createModuleTree({
      'base/definition.ts': definitionSource({ code: 'base', isCore: true }),
      'base/routes/api/admin.ts': pingRouterSource('base'),
      'shop/definition.ts': definitionSource({ code: 'shop' }),
      'shop/routes/api/vendor.ts': countingRouter('shop'),
      'shop/routes/pages/storefront.ts': pageRouter,
    });
  }

  it('mounts API routes at /api/v1/<frontend>/<code> and pages at /<frontend>', async () => {
    tree = shopTree();
    t = await createTestApp({ modulesDir: tree.root, platforms: { wizamart: ['shop'] } });
    const api = await t.app.inject({ url: '/api/v1/vendor/shop/hits' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({ hits: expect.any(Number) });
    const page = await t.app.inject({ url: '/luxshop/shop' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe('<h1>shop of luxshop</h1>');
    expect((await t.app.inject({ url: '/api/v1/admin/base/ping' })).json()).toEqual({ module: 'base' });
  });

  it('refuses a disabled module before the handler runs, per platform', async () => {
    tree = shopTree();
    t = await createTestApp({ modulesDir: tree.root, platforms: { wizamart: [], lux: ['shop'] } });
    const g = globalThis as { __shopHits?: number };
    g.__shopHits = 0;
    const refused = await t.app.inject({ url: '/api/v1/vendor/shop/hits' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual({
      error: {
        code: 'MODULE_DISABLED',
        message: 'The "shop" module is not enabled on platform "wizamart".',
        details: { module: 'shop', platform: 'wizamart' },
      },
    });
    expect(g.__shopHits).toBe(0);
    expect((await t.app.inject({ url: '/x/shop' })).statusCode).toBe(404);

    const other = await t.app.inject({ url: '/api/v1/vendor/shop/hits', headers: { 'x-wizamart-platform': 'lux' } });
    expect(other.statusCode).toBe(200);
    expect(g.__shopHits).toBe(1);

    await t.app.wizamart.modules.enableModule('wizamart', 'shop');
    expect((await t.app.inject({ url: '/api/v1/vendor/shop/hits' })).statusCode).toBe(200);
    await t.app.wizamart.modules.disableModule('wizamart', 'shop');
    expect((await t.app.inject({ url: '/api/v1/vendor/shop/hits' })).statusCode).toBe(404);
  });

  it('never gates a core module and answers 404 for an unknown platform', async () => {
    tree = shopTree();
    t = await createTestApp({ modulesDir: tree.root, platforms: { wizamart: [] } });
    expect((await t.app.inject({ url: '/api/v1/admin/base/ping' })).statusCode).toBe(200);
    const unknown = await t.app.inject({ url: '/api/v1/vendor/shop/hits', headers: { 'x-wizamart-platform': 'atlantis' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PLATFORM_NOT_FOUND');
  });

  it('reports a route file without `router` by file name', async () => {
    tree = shopTree();
    tree.write({ 'shop/routes/api/admin.ts': 'export const routes = [];\n' });
    const attempt = buildApp({ modulesDir: tree.root, env: {}, settings: { logLevel: 'silent', dataDir: 'memory' } });
    await expect(attempt).rejects.toThrow(ModuleLoadError);
    await expect(attempt).rejects.toThrow(/\[shop\] .*shop\/routes\/api\/admin\.ts: does not export `router`/);
  });

  it('reports a route file that is not named after a frontend', async () => {
    tree = shopTree();
    tree.write({ 'shop/routes/api/customer.ts': pingRouterSource('shop') });
    await expect(buildApp({ modulesDir: tree.root, env: {}, settings: { logLevel: 'silent', dataDir: 'memory' } })).rejects.toThrow(
      /routes\/api\/customer\.ts: route file name must be a frontend \(admin, vendor, storefront, platform\), not "customer"/,
    );
  });
});

describe('OpenAPI document', () => {
  it('lists every API route of the real modules with request and response schemas', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ url: '/docs/json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as { paths: Record<string, Record<string, { responses?: Record<string, unknown>; tags?: string[] }>> };
      const apiPaths = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/'));
      expect(apiPaths.map(([p]) => p)).toContain('/api/v1/admin/platforms/{platform}/modules/{module}/disable');
      for (const [path, methods] of apiPaths) {
        for (const [method, op] of Object.entries(methods)) {
          expect(op.responses?.['200'] ?? op.responses?.['201'] ?? op.responses?.['202'] ?? op.responses?.['204'], `${method.toUpperCase()} ${path} has a success response schema`).toBeDefined();
          expect(op.tags?.length, `${method.toUpperCase()} ${path} is tagged`).toBeGreaterThan(0);
        }
      }
      const html = await t.app.inject({ url: '/docs' });
      expect([200, 302]).toContain(html.statusCode);
    } finally {
      await t.close();
    }
  });
});
