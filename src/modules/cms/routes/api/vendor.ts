import { defineRouter } from '../../../routes.ts';
import { router as contentPages } from './vendor/pages.api.ts';
import { router as media } from './vendor/media.api.ts';
import { router as themes } from './vendor/themes.api.ts';

/**
 * The vendor cms API at `/api/v1/vendor/cms`. Each part (content pages,
 * media library, themes) is its own router in `./vendor/`; this file only
 * puts them together: one import and one call per part.
 */
export const router = defineRouter(async (r) => {
  await contentPages(r);
  await media(r);
  await themes(r);
});
