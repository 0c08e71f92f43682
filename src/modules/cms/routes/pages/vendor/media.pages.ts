import { defineRouter } from '../../../../routes.ts';
import { MediaService } from '../../../services/media.service.ts';
import { mediaPages } from '../shared/media.pages.ts';

/** The vendor's media library under `/vendor/<code>/media`: the files of the session's vendor. */
export const router = defineRouter(async (r) => {
  await mediaPages(r, { frontend: 'vendor', library: (request) => MediaService.forPrincipal(r.wizamart, request.principal) });
});
