import type { Frontend } from '../../../modules/base.ts';
import type { ScaffoldContext } from '../scaffold-context.ts';

/** The URL of the generated page for a frontend, as a test requests it. */
function pageUrl(c: ScaffoldContext, frontend: Frontend): string {
  if (frontend === 'storefront') return `/${c.code}`;
  return frontend === 'vendor' ? `/vendor/acme/${c.code}` : `/${frontend}/${c.code}`;
}

/**
 * `tests/<code>.test.ts`: HTTP tests of the module on a real (embedded)
 * database, through the same app factory as main.ts.
 */
export function renderTest(c: ScaffoldContext): string {
  const p = c.pascal;
  const api = `/api/v1/${c.frontends[0] ?? 'admin'}/${c.code}`;
  const headers = c.frontends[0] === 'admin' ? ', headers: await adminHeaders(t.app)' : '';
  const cases: string[] = [];
  if (c.frontends.includes('admin')) {
    cases.push(`  it('adds an item through the admin API and lists it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/${c.code}', headers: await adminHeaders(t.app), payload: { name: 'First' } });
    expect(created.statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/${c.code}', headers: await adminHeaders(t.app) });
    expect(list.json().items).toContainEqual({ id: created.json().id, name: 'First', createdAt: expect.any(String) });
  });

  it('refuses a second item with the same name', async () => {
    await items().create('wizamart', { name: 'Taken' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/admin/${c.code}', headers: await adminHeaders(t.app), payload: { name: 'Taken' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('${c.constant}_ITEM_NAME_TAKEN');
  });

  it('keeps the admin API behind sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/${c.code}' });
    // A module tree without tenancy (which provides admin sign-in) leaves admin routes open outside production.
    expect(res.statusCode).toBe(t.app.wizamart.auth.supports('admin') ? 401 : 200);
  });`);
  }
  cases.push(`  it('answers ${c.constant}_ITEM_NOT_FOUND for an item the platform does not have', async () => {
    const res = await t.app.inject({ method: 'GET', url: '${api}/999'${headers} });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('${c.constant}_ITEM_NOT_FOUND');
  });`);
  for (const frontend of c.frontends) {
    cases.push(`  it('renders the ${frontend} page with the platform\\'s items and its script', async () => {
    await items().create('wizamart', { name: 'Shown on the ${frontend} page' });
    const res = await t.app.inject({ method: 'GET', url: '${pageUrl(c, frontend)}' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\\/html/);
    expect(res.body).toContain('Shown on the ${frontend} page');
    expect(res.body).toContain('/static/modules/${c.code}/${frontend}/js/${c.code}.js');
    const script = await t.app.inject({ method: 'GET', url: '/static/modules/${c.code}/${frontend}/js/${c.code}.js' });
    expect(script.statusCode).toBe(200);
  });`);
  }
  cases.push(`  it('counts the platform\\'s items in its task', async () => {
    await items().create('wizamart', { name: 'Counted' });
    await t.app.wizamart.queue.enqueue('${c.code}.count_items', {}, { platform: 'wizamart' });
    await t.app.wizamart.queue.drain({ timeoutMs: 10_000 });
    const run = await t.app.wizamart.database.db.selectFrom('task_runs').select('status').where('task_name', '=', '${c.code}.count_items').executeTakeFirst();
    expect(run?.status).toBe('succeeded');
  });`);

  return `import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ${c.frontends.includes('admin') ? 'adminHeaders, ' : ''}createTestApp, type TestApp } from '${c.importFrom('tests', 'testApp')}';
import { ${p}Service } from '../services/${c.code}.service.ts';

// The modules root this module sits in, so the test runs wherever the module lives.
const modulesDir = fileURLToPath(new URL('../../', import.meta.url));

// One app for the file: each test uses names of its own, so they do not meet.
describe('the ${c.code} module', () => {
  let t: TestApp;
  const items = () => new ${p}Service(t.app.wizamart.database.db);

  beforeAll(async () => {
    t = await createTestApp({ modulesDir, startWorker: true });
  });

  afterAll(async () => {
    await t.close();
  });

${cases.join('\n\n')}
});
`;
}
