import { defineRouter } from '../../../routes.ts';
import { router as contentPages } from './admin/pages.pages.ts';
import { router as media } from './admin/media.pages.ts';

/**
 * The cms pages of the admin back office (`/admin/...`): the platform's
 * default content pages, and whatever other cms parts add in `./admin/`
 * (one import and one call per part).
 */
export const router = defineRouter(async (r) => {
  await contentPages(r);
  await media(r);
});
