import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** The value of the sample of `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(t: TestApp): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

describe('/metrics', () => {
  let t: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    [t, other] = await Promise.all([createTestApp(), createTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), other.close()]);
  });

  it('counts and times a request under its route pattern and owning module', async () => {
    for (const id of [41, 42]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/monitoring/task-runs/${id}?x=1`, headers: await adminHeaders(t.app) });
      expect(res.statusCode).toBe(404);
    }
    await t.app.inject({ method: 'GET', url: '/api/v1/admin/monitoring/task-runs?limit=5', headers: await adminHeaders(t.app) });
    const text = await scrape(t);
    const route = '/api/v1/admin/monitoring/task-runs/:id';
    expect(sample(text, 'http_requests_total', { method: 'GET', route, module: 'monitoring', status_code: '404' })).toBe(2);
    expect(
      sample(text, 'http_requests_total', { method: 'GET', route: '/api/v1/admin/monitoring/task-runs', module: 'monitoring', status_code: '200' }),
    ).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route, module: 'monitoring' })).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { route, module: 'monitoring', le: '+Inf' })).toBe(2);
    // Raw URLs never become label values.
    expect(text).not.toContain('task-runs/41');
  });

  it("labels the framework's own routes `framework` and unmatched URLs `__not_found__`", async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    await t.app.inject({ method: 'GET', url: '/no/such/page/123' });
    const text = await scrape(t);
    expect(sample(text, 'http_requests_total', { route: '/health', module: 'framework', status_code: '200' })).toBe(1);
    expect(sample(text, 'http_requests_total', { route: '__not_found__', module: 'framework', status_code: '404' })).toBe(1);
    expect(text).not.toContain('/no/such/page');
  });

  it('reports the task queue depth, read at scrape time, and the process metrics', async () => {
    const text = await scrape(t);
    expect(sample(text, 'task_queue_depth', { backend: t.app.wizamart.queue.kind })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeDefined();
  });

  it('counts only the requests of its own app when several run in one process', async () => {
    await other.app.inject({ method: 'GET', url: '/health/ready' });
    const mine = await scrape(t);
    const theirs = await scrape(other);
    expect(sample(theirs, 'http_requests_total', { route: '/health/ready', status_code: '200' })).toBe(1);
    expect(sample(mine, 'http_requests_total', { route: '/health/ready' })).toBeUndefined();
    expect(sample(theirs, 'http_requests_total', { route: '/health' })).toBeUndefined();
  });
});
