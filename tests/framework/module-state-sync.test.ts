import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { openDatabase, wrapPGlite, type Database } from '../../src/core/database/database.ts';
import { adminHeaders, createTestApp, TEST_AUTH_SECRET, type TestApp } from '../helpers/test-app.ts';

/** Polls until `check` is true; bounded, so a broken notification fails instead of hanging. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe('module state across processes', () => {
  let first: TestApp;
  let second: App | undefined;
  let secondDb: Database | undefined;
  afterEach(async () => {
    await second?.close();
    await secondDb?.close();
    await first.close();
  });

  it('a change made by one app instance reaches the cache of another on the same database', async () => {
    first = await createTestApp({ platforms: { wizamart: [] } });
    // A second instance on the same database, as a second server process would be.
    secondDb = first.database.url
      ? await openDatabase({ databaseUrl: first.database.url })
      : wrapPGlite(first.database.pglite!, 'memory', false);
    second = await buildApp({
      database: secondDb,
      migrate: false,
      env: {},
      settings: { logLevel: 'silent', nodeEnv: 'test', authSecret: TEST_AUTH_SECRET },
    });
    const other = second.wizamart.modules;
    expect(await other.isModuleEnabled('wizamart', 'billing')).toBe(false);
    expect(other.isModuleEnabledCached('wizamart', 'billing')).toBe(false);

    const res = await first.app.inject({
      method: 'POST',
      url: '/api/v1/admin/platforms/wizamart/modules/billing/enable',
      headers: await adminHeaders(first.app),
    });
    expect(res.statusCode).toBe(200);
    expect(await eventually(async () => other.isModuleEnabledCached('wizamart', 'billing') !== false)).toBe(true);
    expect(await other.isModuleEnabled('wizamart', 'billing')).toBe(true);

    await first.app.wizamart.modules.disableModule('wizamart', 'payments');
    expect(await eventually(async () => !(await other.isModuleEnabled('wizamart', 'billing')))).toBe(true);
  });
});
