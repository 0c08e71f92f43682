import { defineRouter } from '../../../../routes.ts';
import { PageService } from '../../../services/page.service.ts';
import { pagesApi } from '../shared/pages.api.ts';

/**
 * The vendor's content pages at `/api/v1/vendor/cms/pages`: always the pages
 * of the session's vendor (another vendor's page id answers 404). Reading
 * needs `cms.pages.view`, changing `cms.pages.manage`.
 */
export const router = defineRouter(async (r) => {
  await pagesApi(r, { service: (request) => PageService.forPrincipal(r.wizamart, request.principal), whose: "The vendor's" });
});
