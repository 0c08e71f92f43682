import { describe, expect, it, vi } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { defineModule, ModuleDefinitionError, type ModuleDefinition } from './base.ts';
import { collectSiteContext } from './view-context.ts';
import { loadDashboardWidgets, type DashboardWidget } from './widgets.ts';

function widget(id: string, extra: Partial<DashboardWidget> = {}): DashboardWidget {
  return { id, title: `test:${id}`, load: async () => ({ stats: [{ label: id, value: 1 }] }), ...extra };
}

/** Just enough of the app for the loaders: which modules exist and which are enabled. */
function fakeContext(definitions: ModuleDefinition[], enabled: string[]) {
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  return {
    registry: { getModule: (code: string) => byCode.get(code), MODULES: byCode },
    modules: { getEnabledModuleCodes: async () => enabled },
    database: { db: {} },
    settings: { nodeEnv: 'test' },
  } as never;
}

function fakeRequest(permissions: string[] = []) {
  const error = vi.fn();
  const request = {
    principal: { permissions: new Set(permissions), vendor: { id: 7 } },
    platform: { code: 'wizamart' },
    t: (key: string) => `«${key}»`,
    language: 'en',
    urlPrefix: '/_vendor/shop',
    vendor: { id: 7, code: 'shop', name: 'Shop', status: 'active' },
    log: { error },
  } as unknown as FastifyRequest;
  return { request, error };
}

describe('dashboard widgets', () => {
  it('loads the widgets of enabled modules the user may see, in order, with a failing one marked', async () => {
    const shop = defineModule({
      code: 'shop',
      name: 'Shop',
      widgets: {
        vendor: [
          widget('late', { order: 50 }),
          widget('secret', { permission: 'shop.secret' }),
          widget('early', { order: 5, size: 'wide', load: async (input) => ({ link: { label: 'x', href: input.url('/vendor/shop/x') } }) }),
          widget('broken', { load: async () => Promise.reject(new Error('boom')) }),
        ],
      },
    });
    const off = defineModule({ code: 'off', name: 'Off', widgets: { vendor: [widget('gone')] } });
    const { request, error } = fakeRequest();
    const loaded = await loadDashboardWidgets(fakeContext([shop, off], ['shop']), request, 'vendor');
    expect(loaded.map((w) => w.key)).toEqual(['shop/early', 'shop/late', 'shop/broken']);
    expect(loaded[0]).toMatchObject({ title: '«test:early»', size: 'wide', content: { link: { href: '/_vendor/shop/vendor/shop/x' } }, failed: false });
    expect(loaded[2]).toMatchObject({ failed: true, content: null });
    expect(error).toHaveBeenCalledOnce();

    const withPermission = await loadDashboardWidgets(fakeContext([shop], ['shop']), fakeRequest(['shop.secret']).request, 'vendor');
    expect(withPermission.map((w) => w.id)).toContain('secret');
  });

  it('refuses a malformed widget declaration at definition time, naming the field', () => {
    expect(() => defineModule({ code: 'bad', name: 'Bad', widgets: { vendor: [{ id: 'Bad Id', title: '', load: 'no' } as never] } })).toThrow(ModuleDefinitionError);
    const problems = (() => {
      try {
        defineModule({ code: 'bad', name: 'Bad', widgets: { storefront: [] } as never, viewContext: { nowhere: async () => ({}) } as never });
        return [];
      } catch (e) {
        return (e as ModuleDefinitionError).problems;
      }
    })();
    expect(problems).toEqual([
      'widgets.storefront: dashboards exist for admin and vendor only',
      'viewContext.nowhere: not a frontend (admin, vendor, storefront, platform)',
    ]);
  });
});

describe('view context contributors', () => {
  it('puts each enabled module’s contribution under its code and skips one that fails', async () => {
    const theme = defineModule({ code: 'theme', name: 'Theme', viewContext: { storefront: async ({ vendor }) => ({ colour: vendor?.code === 'shop' ? 'teal' : 'grey' }) } });
    const broken = defineModule({ code: 'broken', name: 'Broken', viewContext: { storefront: async () => Promise.reject(new Error('down')) } });
    const off = defineModule({ code: 'off', name: 'Off', viewContext: { storefront: async () => ({ never: true }) } });
    const admin = defineModule({ code: 'admin-only', name: 'Admin only', viewContext: { admin: async () => ({ admin: true }) } });
    const { request, error } = fakeRequest();
    const site = await collectSiteContext(fakeContext([theme, broken, off, admin], ['theme', 'broken', 'admin-only']), request, 'storefront');
    expect(site).toEqual({ theme: { colour: 'teal' } });
    expect(error).toHaveBeenCalledOnce();
  });
});
