import { defineRouter } from '../../../routes.ts';
import { router as contentPages } from './admin/pages.api.ts';

/**
 * The admin cms API at `/api/v1/admin/cms`: the platform's default content
 * pages, and whatever other cms parts add in `./admin/` (one import and one
 * call per part).
 */
export const router = defineRouter(async (r) => {
  await contentPages(r);
});
