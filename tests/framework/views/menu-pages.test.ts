import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMenu } from '../../../src/modules/views.ts';
import { adminCookie } from '../../helpers/auth.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('module menu', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('lists only the items whose page exists, so no menu entry leads to a 404', async () => {
    const menu = await buildMenu(t.app.wizamart, {
      platform: 'wizamart',
      frontend: 'admin',
      path: '/admin/dev-tools/components',
      t: t.app.views.translations.translator('en'),
      hasPage: (pattern) => t.app.hasRoute({ method: 'GET', url: pattern }),
    });
    const paths = menu.map((m) => m.path);
    expect(paths).toContain('/admin/dev-tools/components');
    expect(paths).toContain('/admin/dashboard');
    // Signed in as a super admin: each page renders (200), not only the sign-in redirect.
    const cookie = await adminCookie(t.app);
    for (const entry of menu) {
      const res = await t.app.inject({ url: entry.path, headers: { accept: 'text/html', ...cookie } });
      // /admin/modules redirects to the platform's own modules page.
      expect([200, 302], entry.path).toContain(res.statusCode);
    }
  });
});
