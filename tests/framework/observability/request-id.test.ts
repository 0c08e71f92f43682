import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { definitionSource, writeModuleTree, type ModuleTree } from './module-tree.ts';

interface LogLine {
  reqId?: string;
  msg?: string;
  level: number;
  [key: string]: unknown;
}

/**
 * Sends every line the app logs from now on to an array. Request loggers are
 * children of `app.log` and inherit its destination, so replacing the root's
 * stream (pino exposes its symbols for this) catches request lines too.
 * BuildAppOptions has no logger destination yet; this reaches the same end.
 */
function captureLogs(app: App): LogLine[] {
  const lines: LogLine[] = [];
  const destination = { write: (chunk: string) => void lines.push(JSON.parse(chunk) as LogLine) };
  (app.log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = destination;
  return lines;
}

describe('request ids in logs', () => {
  let tree: ModuleTree;
  let t: TestApp;
  let lines: LogLine[];
  beforeAll(async () => {
    tree = writeModuleTree({ 'flaky/definition.ts': definitionSource({ code: 'flaky', healthCheck: "return { ok: false, detail: 'down' };" }) });
    t = await createTestApp({ modulesDir: tree.dir, settings: { logLevel: 'info' } });
    lines = captureLogs(t.app);
  });
  afterAll(async () => {
    await t.close();
    tree.remove();
  });

  it('tags every line a request logs, its handler’s included, with the id sent back in X-Request-Id', async () => {
    lines.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const warning = lines.find((l) => l.msg === 'readiness check failed');
    expect(warning).toMatchObject({ reqId: id, failed: { 'module:flaky': { status: 'fail', detail: 'down' } } });
    expect(lines.filter((l) => l.reqId === id).map((l) => l.msg)).toEqual(['incoming request', 'readiness check failed', 'request completed']);
    expect(lines.every((l) => l.reqId === id)).toBe(true);
  });

  it('keeps a well-formed request id sent by the caller, so one id follows a request across services', async () => {
    lines.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'edge-proxy-0001' } });
    expect(res.headers['x-request-id']).toBe('edge-proxy-0001');
    expect(lines.map((l) => l.reqId)).toEqual(['edge-proxy-0001', 'edge-proxy-0001']);
  });
});
