import { defineRouter } from '../../../../routes.ts';
import { MediaService } from '../../../services/media.service.ts';
import { mediaPages } from '../shared/media.pages.ts';

/** The platform's own media library under `/admin/media`: files of no vendor, for the platform's default pages. */
export const router = defineRouter(async (r) => {
  await mediaPages(r, { frontend: 'admin', library: (request) => MediaService.forPlatform(r.wizamart, request.platform.id) });
});
