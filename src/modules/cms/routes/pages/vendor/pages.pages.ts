import { Type } from 'typebox';
import { defineRouter } from '../../../../routes.ts';
import { MediaService } from '../../../services/media.service.ts';
import { PageService } from '../../../services/page.service.ts';
import { pagesUi } from '../shared/pages.pages.ts';

/**
 * The vendor's content pages under `/vendor/<code>/content-pages`: its own
 * pages, the platform's defaults it can override, the editor. The vendor is
 * always the session's; another vendor's page id is 404.
 */
export const router = defineRouter(async (r) => {
  await pagesUi(r, {
    frontend: 'vendor',
    route: '/:vendor_code/content-pages',
    params: { vendor_code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }) },
    basePath: (request) => `/vendor/${request.principal!.vendor!.code}/content-pages`,
    service: (request) => PageService.forPrincipal(r.wizamart, request.principal),
    media: (_request, pages) => MediaService.forVendor(r.wizamart, pages.owner.vendorId!),
  });
});
