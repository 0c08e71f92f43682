import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminUser, createVendor, createVendorUser } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { menuOrderFromForm } from '../routes/pages/admin/modules.pages.ts';

/**
 * The per-platform menu editor: hiding and reordering the items the enabled
 * modules put in the admin and vendor sidebars, seen on the platform's
 * other pages, never on another platform's; reset brings the modules' own
 * order back.
 */
describe('menu editor', () => {
  let t: TestApp;
  let admin: PageSession;
  const onMoselle = { 'x-wizamart-platform': 'moselle' };

  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', moselle: ['dev-tools', 'catalog'], ardennes: ['analytics', 'catalog'] } });
    admin = await PageSession.signedIn(t.app, 'admin', (await createAdminUser(t.app, { superAdmin: true })).id);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    for (const platform of ['wizamart', 'moselle', 'ardennes']) {
      for (const frontend of ['admin', 'vendor']) await t.app.wizamart.menus.reset(platform, frontend, 'test');
    }
  });

  /** The links of the sidebar on a page, in order. */
  const sidebar = (html: string) => {
    const aside = /<aside id="sidebar"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
    return [...aside.matchAll(/class="nav-link[^"]*" href="([^"]+)"/g)].map((m) => m[1]);
  };
  /** The item keys of one menu in the editor, in order. */
  const editorKeys = (html: string, frontend: string) => {
    const section = new RegExp(`data-menu="${frontend}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    return [...section.matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]!);
  };
  const editorRow = (html: string, key: string) => new RegExp(`<tr data-key="${key}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

  it('lists, per back office, the items of the modules enabled on the platform with label, icon and module', async () => {
    const page = await admin.get('/admin/platforms/moselle/menus', onMoselle);
    expect(page.statusCode).toBe(200);
    const adminKeys = editorKeys(page.body, 'admin');
    expect(adminKeys).toEqual(expect.arrayContaining(['core/dashboard', 'tenancy/modules', 'catalog/products', 'dev-tools/components', 'dev-tools/icons']));
    // Internal tools come last, as in the sidebar.
    expect(adminKeys.slice(-2)).toEqual(['dev-tools/components', 'dev-tools/icons']);
    const vendorKeys = editorKeys(page.body, 'vendor');
    expect(vendorKeys).toEqual(expect.arrayContaining(['tenancy/team', 'catalog/products', 'catalog/categories']));
    // Modules disabled on moselle contribute nothing.
    expect([...adminKeys, ...vendorKeys].some((k) => /^(orders|billing|analytics|payments)\//.test(k))).toBe(false);

    const icons = editorRow(page.body, 'dev-tools/icons');
    expect(icons).toContain('data-icon="shapes"');
    expect(icons).toContain('Icons');
    expect(icons).toContain('name="hidden" value="dev-tools/icons"');
    expect(icons).not.toMatch(/value="dev-tools\/icons" checked/);
  });

  it('hiding an item takes it out of that platform\'s sidebar on every page, and not out of another platform\'s', async () => {
    expect(sidebar((await admin.get('/admin/dev-tools/components')).body)).toContain('/admin/dev-tools/icons');

    const editor = await admin.get('/admin/platforms/wizamart/menus');
    const res = await admin.post('/admin/platforms/wizamart/menus', { frontend: 'admin', key: editorKeys(editor.body, 'admin'), hidden: ['dev-tools/icons'] });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/platforms/wizamart/menus?notice=saved#menu-admin');

    const onWizamart = sidebar((await admin.get('/admin/dev-tools/components')).body);
    expect(onWizamart).not.toContain('/admin/dev-tools/icons');
    expect(onWizamart).toContain('/admin/dev-tools/components');
    // The page itself is still there: hiding is about the menu only.
    expect((await admin.get('/admin/dev-tools/icons')).statusCode).toBe(200);
    // Another platform keeps its own menu.
    expect(sidebar((await admin.get('/admin/dev-tools/components', onMoselle)).body)).toContain('/admin/dev-tools/icons');
    // The editor shows the item, ticked; the vendor menu is untouched.
    const after = await admin.get('/admin/platforms/wizamart/menus');
    expect(editorRow(after.body, 'dev-tools/icons')).toMatch(/value="dev-tools\/icons" checked/);
    expect(await t.app.wizamart.menus.get('wizamart', 'vendor')).toEqual(new Map());
  });

  it('moving an item up changes the sidebar order, and reset restores the modules\' order', async () => {
    const before = sidebar((await admin.get('/admin/dev-tools/components')).body);
    expect(before.indexOf('/admin/dev-tools/components')).toBeLessThan(before.indexOf('/admin/dev-tools/icons'));

    const editor = await admin.get('/admin/platforms/wizamart/menus');
    const keys = editorKeys(editor.body, 'admin');
    await admin.post('/admin/platforms/wizamart/menus', { frontend: 'admin', key: keys, move: 'up:dev-tools/icons' });
    const moved = sidebar((await admin.get('/admin/dev-tools/components')).body);
    expect(moved.indexOf('/admin/dev-tools/icons')).toBeLessThan(moved.indexOf('/admin/dev-tools/components'));
    expect(moved).toHaveLength(before.length);

    // Rows posted in a new order (what the drag-free JavaScript editor does): the modules page link goes last.
    const reordered = [...keys.filter((k) => k !== 'tenancy/modules' && !k.startsWith('dev-tools/')), 'tenancy/modules', 'dev-tools/icons', 'dev-tools/components'];
    await admin.post('/admin/platforms/wizamart/menus', { frontend: 'admin', key: reordered });
    const posted = sidebar((await admin.get('/admin/dev-tools/components')).body);
    expect(posted.slice(-3)).toEqual(['/admin/modules', '/admin/dev-tools/icons', '/admin/dev-tools/components']);

    const reset = await admin.post('/admin/platforms/wizamart/menus', { frontend: 'admin', action: 'reset' });
    expect(reset.statusCode).toBe(303);
    expect(sidebar((await admin.get('/admin/dev-tools/components')).body)).toEqual(before);
    expect(await t.app.wizamart.menus.get('wizamart', 'admin')).toEqual(new Map());
  });

  it('keeps moves inside their group: internal tools stay after the other items', async () => {
    const editor = await admin.get('/admin/platforms/wizamart/menus');
    const keys = editorKeys(editor.body, 'admin');
    expect(editorRow(editor.body, 'dev-tools/components')).toMatch(/value="up:dev-tools\/components"[^>]*disabled/);
    await admin.post('/admin/platforms/wizamart/menus', { frontend: 'admin', key: keys, move: 'up:dev-tools/components' });
    expect(editorKeys((await admin.get('/admin/platforms/wizamart/menus')).body, 'admin')).toEqual(keys);
  });

  it('a hidden or moved vendor item changes the sidebar of that platform\'s shops, not of another platform\'s', async () => {
    const here = await createVendor(t.app, { platform: 'ardennes' });
    const there = await createVendor(t.app, { platform: 'moselle' });
    const owner = async (vendor: { id: number }) => PageSession.signedIn(t.app, 'vendor', (await createVendorUser(t.app, vendor, { role: 'owner' })).id, vendor.id);
    const ardennesShop = await owner(here);
    const moselleShop = await owner(there);
    const shopSidebar = async (session: PageSession, code: string, platform: string) => {
      const res = await session.get(`/vendor/${code}/dashboard`, { 'x-wizamart-platform': platform });
      expect(res.statusCode).toBe(200);
      return sidebar(res.body);
    };
    const team = (code: string) => `/vendor/${code}/team`;
    const dashboard = (code: string) => `/vendor/${code}/dashboard`;
    const before = await shopSidebar(ardennesShop, here.code, 'ardennes');
    expect(before).toContain(team(here.code));
    expect(before.indexOf(dashboard(here.code))).toBeLessThan(before.indexOf(team(here.code)));

    const editor = await admin.get('/admin/platforms/ardennes/menus');
    const keys = editorKeys(editor.body, 'vendor');
    // Team to the top (what the JavaScript editor posts), and then hidden.
    await admin.post('/admin/platforms/ardennes/menus', { frontend: 'vendor', key: ['tenancy/team', ...keys.filter((k) => k !== 'tenancy/team')] });
    const moved = await shopSidebar(ardennesShop, here.code, 'ardennes');
    expect(moved.indexOf(team(here.code))).toBeLessThan(moved.indexOf(dashboard(here.code)));

    await admin.post('/admin/platforms/ardennes/menus', { frontend: 'vendor', key: keys, hidden: ['tenancy/team'] });
    const hidden = await shopSidebar(ardennesShop, here.code, 'ardennes');
    expect(hidden).not.toContain(team(here.code));
    expect(hidden).toContain(dashboard(here.code));
    expect(await shopSidebar(moselleShop, there.code, 'moselle')).toContain(team(there.code));

    await admin.post('/admin/platforms/ardennes/menus', { frontend: 'vendor', action: 'reset' });
    expect(await shopSidebar(ardennesShop, here.code, 'ardennes')).toEqual(before);
  });

  it('edits the vendor menu of the platform, which is what its shops get', async () => {
    const editor = await admin.get('/admin/platforms/ardennes/menus', { 'x-wizamart-platform': 'ardennes' });
    const keys = editorKeys(editor.body, 'vendor');
    expect(keys).toEqual(expect.arrayContaining(['analytics/analytics', 'catalog/products', 'tenancy/team']));
    await admin.post('/admin/platforms/ardennes/menus', { frontend: 'vendor', key: keys, hidden: ['analytics/analytics'] });
    const overrides = await t.app.wizamart.menus.get('ardennes', 'vendor');
    expect(overrides.get('analytics/analytics')).toMatchObject({ hidden: true });
    const saved = [...overrides].sort(([, a], [, b]) => (a.position ?? 0) - (b.position ?? 0)).map(([key]) => key);
    expect(saved).toEqual(keys);
    // The shops of another platform are not affected.
    expect(await t.app.wizamart.menus.get('wizamart', 'vendor')).toEqual(new Map());
  });

  it('keeps the choices made for items of a module that is disabled, for when it comes back', async () => {
    const editor = await admin.get('/admin/platforms/ardennes/menus');
    await admin.post('/admin/platforms/ardennes/menus', { frontend: 'vendor', key: editorKeys(editor.body, 'vendor'), hidden: ['analytics/analytics'] });
    await t.app.wizamart.modules.disableModule('ardennes', 'analytics', { actor: 'test' });
    try {
      const without = await admin.get('/admin/platforms/ardennes/menus');
      expect(editorKeys(without.body, 'vendor')).not.toContain('analytics/analytics');
      await admin.post('/admin/platforms/ardennes/menus', { frontend: 'vendor', key: editorKeys(without.body, 'vendor'), hidden: ['catalog/categories'] });
      await t.app.wizamart.modules.enableModule('ardennes', 'analytics', { actor: 'test' });
      const back = await admin.get('/admin/platforms/ardennes/menus');
      expect(editorRow(back.body, 'analytics/analytics')).toMatch(/checked/);
      expect(editorRow(back.body, 'catalog/categories')).toMatch(/checked/);
    } finally {
      await t.app.wizamart.modules.enableModule('ardennes', 'analytics', { actor: 'test' });
    }
  });

  it('refuses an unknown menu and needs the CSRF token', async () => {
    await admin.get('/admin/platforms/wizamart/menus');
    expect((await admin.post('/admin/platforms/wizamart/menus', { frontend: 'storefront' })).statusCode).toBe(400);
    expect((await admin.post('/admin/platforms/wizamart/menus', { frontend: 'admin', _csrf: 'forged' })).statusCode).toBe(403);
  });

  it('a platform admin cannot edit the menus of a platform they do not administer', async () => {
    const user = await createAdminUser(t.app, { superAdmin: false, platforms: ['moselle'] });
    const session = await PageSession.signedIn(t.app, 'admin', user.id, undefined, 'moselle');
    expect((await session.get('/admin/platforms/moselle/menus', onMoselle)).statusCode).toBe(200);
    const res = await session.post('/admin/platforms/wizamart/menus', { frontend: 'admin', hidden: ['dev-tools/icons'] }, onMoselle);
    expect(res.statusCode).toBe(403);
    expect(await t.app.wizamart.menus.get('wizamart', 'admin')).toEqual(new Map());
  });
});

describe('menuOrderFromForm', () => {
  const items = [
    { key: 'core/dashboard', internal: false },
    { key: 'core/settings', internal: false },
    { key: 'catalog/products', internal: false },
    { key: 'dev-tools/components', internal: true },
    { key: 'dev-tools/icons', internal: true },
  ];
  const keys = (list: Array<{ key: string }>) => list.map((i) => i.key);

  it('takes the posted order and the ticked boxes', () => {
    const out = menuOrderFromForm(items, ['catalog/products', 'core/dashboard', 'core/settings', 'dev-tools/icons', 'dev-tools/components'], ['core/settings']);
    expect(keys(out)).toEqual(['catalog/products', 'core/dashboard', 'core/settings', 'dev-tools/icons', 'dev-tools/components']);
    expect(out.filter((i) => i.hidden).map((i) => i.key)).toEqual(['core/settings']);
  });

  it('ignores unknown and repeated keys, and appends items the form did not list', () => {
    const out = menuOrderFromForm(items, ['core/settings', 'evil/item', 'core/settings'], []);
    expect(keys(out)).toEqual(['core/settings', 'core/dashboard', 'catalog/products', 'dev-tools/components', 'dev-tools/icons']);
  });

  it('moves an item one place within its group, never across the edge of a group or the list', () => {
    expect(keys(menuOrderFromForm(items, [], [], 'down:core/dashboard')).slice(0, 2)).toEqual(['core/settings', 'core/dashboard']);
    expect(keys(menuOrderFromForm(items, [], [], 'up:dev-tools/icons')).slice(-2)).toEqual(['dev-tools/icons', 'dev-tools/components']);
    expect(keys(menuOrderFromForm(items, [], [], 'down:catalog/products'))).toEqual(keys(items));
    expect(keys(menuOrderFromForm(items, [], [], 'up:core/dashboard'))).toEqual(keys(items));
    expect(keys(menuOrderFromForm(items, [], [], 'down:dev-tools/icons'))).toEqual(keys(items));
    expect(keys(menuOrderFromForm(items, [], [], 'up:nothing/here'))).toEqual(keys(items));
  });
});
