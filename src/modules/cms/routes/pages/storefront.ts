import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TENANCY_CHANGED_CHANNEL } from '../../../../core/tenants.ts';
import { AppError } from '../../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../../exceptions/framework-errors.ts';
import { defineRouter } from '../../../routes.ts';
import { CMS_ERRORS } from '../../exceptions.ts';
import { listenForPageChanges, pageCacheFor } from '../../services/page-cache.service.ts';
import { linkView, loadPageIndex, loadPlatformShops, loadPublishedPage, renderPage, type ShopRef } from '../../services/page-storefront.service.ts';

const HOME_SLUG = 'home';
/** Looser than the slug rule on purpose: anything else simply is not a page (404), not a validation error. */
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });

/**
 * The shop's pages at the root of its host: `/` (its `home` page, or a
 * default home with its name and pages; without a shop, the platform's
 * landing page listing its shops) and `/pages/<slug>` (the shop's own page,
 * else the platform's default; only published ones).
 */
export const router = defineRouter(async (r) => {
  const { database, settings } = r.wizamart;
  const db = database.db;
  // Saved pages drop the cached answers on every instance; tenant changes (a new
  // shop, a renamed one, another default language) drop them all.
  const unlistenPages = await listenForPageChanges(db, database.notifier);
  const unlistenTenancy = await database.notifier.listen(TENANCY_CHANGED_CHANNEL, () => pageCacheFor(db).drop('*'));
  r.addHook('onClose', async () => {
    await unlistenPages();
    await unlistenTenancy();
  });

  const development = settings.nodeEnv !== 'production';

  function shopOf(request: FastifyRequest): ShopRef {
    const platformId = request.platform.id;
    if (!request.vendor || platformId === undefined) throw new AppError(FRAMEWORK_ERRORS.STOREFRONT_NOT_FOUND);
    return { platformId, vendorId: request.vendor.id };
  }

  /**
   * Renders the page when the shop has it published, and says whether it did.
   * It never returns the reply itself: a reply is thenable, and awaiting it
   * would wait for the response to finish and then read as "no page".
   */
  async function showPage(request: FastifyRequest, reply: FastifyReply, shop: ShopRef, slug: string): Promise<boolean> {
    const [page, index] = await Promise.all([loadPublishedPage(db, shop, slug), loadPageIndex(db, shop)]);
    if (!page) return false;
    const view = await renderPage(db, page, { language: request.language, vendorLanguage: index.vendorLanguage, urlPrefix: request.urlPrefix });
    if (!view) return false;
    await reply.view('cms/storefront/pages/page.njk', { page: view, isHome: slug === HOME_SLUG });
    return true;
  }

  r.get('/', { config: { vendorOptional: true } }, async (request, reply) => {
    if (!request.vendor) {
      const platformId = request.platform.id;
      if (platformId === undefined) throw new AppError(FRAMEWORK_ERRORS.STOREFRONT_NOT_FOUND);
      const shops = await loadPlatformShops(db, platformId, { development, protocol: request.protocol });
      return reply.view('cms/storefront/pages/landing.njk', { platformName: request.platform.name || request.platform.code, shops });
    }
    const shop = shopOf(request);
    if (await showPage(request, reply, shop, HOME_SLUG)) return reply;
    const index = await loadPageIndex(db, shop);
    const options = { language: request.language, vendorLanguage: index.vendorLanguage, urlPrefix: request.urlPrefix };
    return reply.view('cms/storefront/pages/home.njk', {
      storeName: request.vendor.name,
      pages: index.pages.filter((p) => p.slug !== HOME_SLUG).map((p) => linkView(p, options)),
    });
  });

  r.get('/pages/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    if (await showPage(request, reply, shopOf(request), request.params.slug.toLowerCase())) return reply;
    throw new AppError(CMS_ERRORS.CMS_PAGE_NOT_FOUND, { page: request.params.slug.slice(0, 80) });
  });
});
