import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** Per-IP limits on sign-in (per-account lock-out is in auth-api.test.ts). */
describe('sign-in rate limit per IP address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ settings: { loginRateLimit: 3 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  // An address of its own: with REDIS_URL the counts are shared by every test worker on this machine.
  const remoteAddress = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
  const attempt = (audience: 'admin' | 'vendor', email: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/${audience}/auth/login`, remoteAddress, payload: { email, password: 'whatever password' } });

  it('answers 429 RATE_LIMITED once an address spends its attempts, whichever accounts it tries', async () => {
    const statuses: number[] = [];
    for (const email of ['a@example.test', 'b@example.test', 'c@example.test', 'd@example.test']) {
      statuses.push((await attempt('admin', email)).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Each sign-in route counts on its own.
    expect((await attempt('vendor', 'e@example.test')).statusCode).toBe(401);
    const limited = await attempt('admin', 'f@example.test');
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', remoteAddress: '198.51.100.9', payload: { email: 'g@example.test', password: 'x' } });
    expect(other.statusCode).toBe(401);
  });
});
