import { defineRouter } from '../../../../routes.ts';
import { PageService } from '../../../services/page.service.ts';
import { pagesApi } from '../shared/pages.api.ts';

/**
 * The platform's default content pages at `/api/v1/admin/cms/pages` (about,
 * terms, privacy, ...): shown on every shop of the platform that has no page
 * of its own at that address. Always the pages of the request's platform.
 */
export const router = defineRouter(async (r) => {
  await pagesApi(r, { service: async (request) => PageService.forPlatform(r.wizamart, request.platform.id), whose: "The platform's default" });
});
