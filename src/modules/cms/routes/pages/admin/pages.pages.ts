import { defineRouter } from '../../../../routes.ts';
import { MediaService } from '../../../services/media.service.ts';
import { PageService } from '../../../services/page.service.ts';
import { pagesUi } from '../shared/pages.pages.ts';

/**
 * The platform's default content pages under `/admin/content-pages` (about,
 * terms, privacy, shipping, imprint...): every shop of the platform shows
 * them unless it publishes its own page at the same address.
 */
export const router = defineRouter(async (r) => {
  await pagesUi(r, {
    frontend: 'admin',
    route: '/content-pages',
    params: {},
    basePath: () => '/admin/content-pages',
    service: async (request) => PageService.forPlatform(r.wizamart, request.platform.id),
    media: (_request, pages) => MediaService.forPlatform(r.wizamart, pages.owner.platformId),
  });
});
