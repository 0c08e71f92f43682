import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the cms module; translated under `cms:errors.<CODE>`. */
export const CMS_ERRORS = defineErrors({
  CMS_PAGE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Content page "{page}" does not exist.' },
  CMS_PAGE_SLUG_TAKEN: { category: 'CONFLICT', message: 'A content page with the address "{slug}" already exists.' },
  CMS_MEDIA_NOT_FOUND: { category: 'NOT_FOUND', message: 'Media file "{file}" does not exist.' },
  CMS_MEDIA_TOO_LARGE: { category: 'INVALID_DATA', message: 'The file is too large: at most {max} MB are allowed.' },
  CMS_MEDIA_TYPE_NOT_ALLOWED: { category: 'INVALID_DATA', message: 'Files of type "{type}" cannot be uploaded.' },
  CMS_THEME_NOT_FOUND: { category: 'NOT_FOUND', message: 'Theme "{theme}" does not exist.' },
});
