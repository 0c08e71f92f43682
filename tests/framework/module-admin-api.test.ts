import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('module management API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: [] } });
  });
  afterAll(async () => {
    await t.close();
  });
  const call = async (method: 'GET' | 'POST', url: string, headers?: Record<string, string>) =>
    t.app.inject({ method, url: `/api/v1/admin${url}`, headers: headers ?? (await adminHeaders(t.app)) });

  it('is refused without an access token, and with a wrong one', async () => {
    const none = await call('GET', '/modules', {});
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('AUTH_REQUIRED');
    const wrong = await call('GET', '/modules', { authorization: 'Bearer nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('AUTH_INVALID_TOKEN');
  });

  it('lists the registry with tiers and dependencies', async () => {
    const res = await call('GET', '/modules');
    expect(res.statusCode).toBe(200);
    const modules = res.json().modules as Array<{ code: string; tier: string; requires: string[]; dependents: string[] }>;
    expect(modules).toHaveLength(16);
    expect(modules.find((m) => m.code === 'checkout')).toMatchObject({ tier: 'optional', requires: ['cart', 'orders', 'payments'] });
    expect(modules.find((m) => m.code === 'payments')!.dependents.sort()).toEqual(['billing', 'checkout', 'orders']);
    expect(modules.find((m) => m.code === 'monitoring')!.tier).toBe('internal');
  });

  it('previews, applies and audits a cascade', async () => {
    const preview = await call('POST', '/platforms/wizamart/modules/checkout/enable?dry_run=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dry_run: true, changed: ['payments', 'cart', 'orders', 'checkout'] });
    const before = (await call('GET', '/platforms/wizamart/modules')).json().modules as Array<{ code: string; enabled: boolean }>;
    expect(before.find((m) => m.code === 'checkout')!.enabled).toBe(false);

    const applied = await call('POST', '/platforms/wizamart/modules/checkout/enable');
    expect(applied.json()).toMatchObject({ dry_run: false, changed: ['payments', 'cart', 'orders', 'checkout'] });
    const disabled = await call('POST', '/platforms/wizamart/modules/payments/disable');
    expect(disabled.json().changed).toEqual(['payments', 'orders', 'checkout']);

    const audit = await call('GET', '/platforms/wizamart/modules/audit?limit=1');
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({ total: 2, entries: [{ module: 'payments', action: 'disable', actor: expect.stringMatching(/^admin:\d+ <.*@example.test>$/), changed: ['payments', 'orders', 'checkout'] }] });
  });

  it('answers clear errors for core modules, unknown modules, platforms and bad input', async () => {
    const core = await call('POST', '/platforms/wizamart/modules/tenancy/disable');
    expect(core.statusCode).toBe(409);
    expect(core.json().error).toMatchObject({ code: 'MODULE_CORE_CANNOT_DISABLE' });
    expect((await call('POST', '/platforms/wizamart/modules/teleport/enable')).json().error.code).toBe('MODULE_NOT_FOUND');
    expect((await call('GET', '/platforms/atlantis/modules')).statusCode).toBe(404);
    const bad = await call('POST', '/platforms/Not%20A%20Code/modules/cart/enable');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', '/platforms/wizamart/modules/cart/enable?dry_run=maybe')).statusCode).toBe(400);
  });
});
