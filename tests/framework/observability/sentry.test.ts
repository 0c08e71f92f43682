import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSentrySdk, type SentrySdk } from '../../../src/core/observability/sentry.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { definitionSource, FRAMEWORK_FILES, writeModuleTree, type ModuleTree } from './module-tree.ts';

const DSN = 'https://public-key@o0.ingest.sentry.io/0';

/** An SDK that records what it is asked to do and sends nothing anywhere. */
function fakeSdk() {
  const calls = {
    loads: 0,
    init: [] as unknown[],
    captured: [] as Array<{ error: unknown; tags: Record<string, string> }>,
    flushes: 0,
  };
  const sdk: SentrySdk = {
    init: (options) => calls.init.push(options),
    captureException: (error, context) => {
      calls.captured.push({ error, tags: context.tags });
      return 'event-id';
    },
    flush: async () => {
      calls.flushes += 1;
      return true;
    },
  };
  const restore = useSentrySdk(async () => {
    calls.loads += 1;
    return sdk;
  });
  return { calls, restore };
}

const routerSource = `
import { defineRouter } from ${JSON.stringify(FRAMEWORK_FILES.routes)};
import { AppError } from ${JSON.stringify(FRAMEWORK_FILES.errors)};
import { FRAMEWORK_ERRORS } from ${JSON.stringify(FRAMEWORK_FILES.frameworkErrors)};
export const router = defineRouter(async (r) => {
  r.get('/boom', async () => { throw new Error('kaboom'); });
  r.get('/missing', async () => { throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: 'atlantis' }); });
});
`;

describe('Sentry error reporting', () => {
  let tree: ModuleTree;
  beforeAll(() => {
    tree = writeModuleTree({ 'crashy/definition.ts': definitionSource({ code: 'crashy' }), 'crashy/routes/api/admin.ts': routerSource });
  });
  afterAll(() => tree.remove());

  describe('without SENTRY_DSN', () => {
    let fake: ReturnType<typeof fakeSdk>;
    let t: TestApp;
    beforeAll(async () => {
      fake = fakeSdk();
      t = await createTestApp({ modulesDir: tree.dir });
    });
    afterAll(async () => {
      await t?.close();
      fake.restore();
    });

    it('loads no SDK and reports nothing', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/crashy/boom' })).statusCode).toBe(500);
      expect(fake.calls).toEqual({ loads: 0, init: [], captured: [], flushes: 0 });
    });
  });

  describe('with SENTRY_DSN', () => {
    let fake: ReturnType<typeof fakeSdk>;
    let first: TestApp;
    let second: TestApp;
    let secondClosed = false;
    beforeAll(async () => {
      fake = fakeSdk();
      first = await createTestApp({ modulesDir: tree.dir, settings: { sentryDsn: DSN } });
      second = await createTestApp({ modulesDir: tree.dir, settings: { sentryDsn: DSN } });
    });
    afterAll(async () => {
      await Promise.all([first?.close(), secondClosed ? undefined : second?.close()]);
      fake.restore();
    });

    it('initialises the SDK once per process, however many apps it builds', () => {
      expect(fake.calls.init).toEqual([{ dsn: DSN, environment: 'test', sendDefaultPii: false }]);
    });

    it('reports an error answered with a 5xx, tagged with its request id, route and module', async () => {
      fake.calls.captured.length = 0;
      const res = await first.app.inject({ method: 'GET', url: '/api/v1/admin/crashy/boom' });
      expect(res.statusCode).toBe(500);
      expect(fake.calls.captured).toHaveLength(1);
      const [event] = fake.calls.captured;
      expect((event!.error as Error).message).toBe('kaboom');
      expect(event!.tags).toEqual({
        request_id: res.headers['x-request-id'],
        method: 'GET',
        route: '/api/v1/admin/crashy/boom',
        module: 'crashy',
        status_code: '500',
      });
    });

    it('leaves errors answered with a 4xx alone', async () => {
      fake.calls.captured.length = 0;
      expect((await first.app.inject({ method: 'GET', url: '/api/v1/admin/crashy/missing' })).statusCode).toBe(404);
      expect((await first.app.inject({ method: 'GET', url: '/no/such/route' })).statusCode).toBe(404);
      expect(fake.calls.captured).toEqual([]);
    });

    it('flushes pending events when an app closes', async () => {
      const before = fake.calls.flushes;
      await second.close();
      secondClosed = true;
      expect(fake.calls.flushes).toBe(before + 1);
    });
  });
});
