import { defineRouter } from '../../../routes.ts';
import { router as contentPages } from './vendor/pages.pages.ts';
import { router as media } from './vendor/media.pages.ts';
import { router as themes } from './vendor/themes.pages.ts';

/**
 * The cms pages of the vendor back office (`/vendor/<code>/...`). Each part
 * (content pages, media library, themes) is its own router in `./vendor/`;
 * this file only puts them together: one import and one call per part.
 */
export const router = defineRouter(async (r) => {
  await contentPages(r);
  await media(r);
  await themes(r);
});
