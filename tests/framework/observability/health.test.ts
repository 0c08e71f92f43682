import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { definitionSource, writeModuleTree, type ModuleTree } from './module-tree.ts';

describe('/health and /health/ready on the installed modules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('/health answers ok without touching anything else', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/health/ready reports the database, the queue and each module check, and answers 200', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ status: string; checks: Record<string, { status: string; duration_ms: number }>}>();
    expect(body.status).toBe('ok');
    expect(body.checks.database).toMatchObject({ status: 'ok' });
    expect(body.checks.queue).toMatchObject({ status: 'ok' });
    expect(body.checks['module:monitoring']).toMatchObject({ status: 'ok' });
    for (const check of Object.values(body.checks)) expect(check.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('documents /health, /health/ready and /metrics under the framework tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { get?: { tags?: string[] } }>;
    }>();
    for (const path of ['/health', '/health/ready', '/metrics']) expect(doc.paths[path]?.get?.tags).toEqual(['framework']);
  });
});

describe('/health/ready with a failing module health check', () => {
  let tree: ModuleTree;
  let allEnabled: TestApp;
  let noneEnabled: TestApp;
  beforeAll(async () => {
    tree = writeModuleTree({
      'steady/definition.ts': definitionSource({ code: 'steady', healthCheck: "return { ok: true, detail: 'all quiet' };" }),
      'flaky/definition.ts': definitionSource({ code: 'flaky', healthCheck: "return { ok: false, detail: 'upstream API unreachable' };" }),
      'crashy/definition.ts': definitionSource({ code: 'crashy', healthCheck: "throw new Error('connection refused');" }),
      'plain/definition.ts': definitionSource({ code: 'plain' }),
    });
    allEnabled = await createTestApp({ modulesDir: tree.dir });
    noneEnabled = await createTestApp({ modulesDir: tree.dir, platforms: { wizamart: [] } });
  });
  afterAll(async () => {
    await Promise.all([allEnabled?.close(), noneEnabled?.close()]);
    tree.remove();
  });

  it('answers 503 and names each failed check with its reason, the others still ok', async () => {
    const res = await allEnabled.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    const body = res.json<{ status: string; checks: Record<string, { status: string; detail?: string }> }>();
    expect(body.status).toBe('fail');
    expect(body.checks).toMatchObject({
      database: { status: 'ok' },
      queue: { status: 'ok' },
      'module:steady': { status: 'ok', detail: 'all quiet' },
      'module:flaky': { status: 'fail', detail: 'upstream API unreachable' },
      'module:crashy': { status: 'fail', detail: 'connection refused' },
    });
    // A module without a health check has nothing to report.
    expect(body.checks).not.toHaveProperty('module:plain');
  });

  it('checks the modules that are installed, whatever the platform has enabled', async () => {
    const body = (await noneEnabled.app.inject({ method: 'GET', url: '/health/ready' })).json<{ checks: Record<string, unknown> }>();
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'module:crashy', 'module:flaky', 'module:steady', 'queue']);
  });
});
