import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the cms module; translated under `cms:errors.<CODE>`. */
export const CMS_ERRORS = defineErrors({
  CMS_PAGE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Content page "{page}" does not exist.' },
  CMS_PAGE_SLUG_TAKEN: { category: 'CONFLICT', message: 'A content page with the address "{slug}" already exists.' },
  // --- content pages (cms-pages): keep these together.
  CMS_PAGE_SLUG_INVALID: {
    category: 'INVALID_DATA',
    message: 'Page address "{slug}" is not valid: use 1 to {max} lower-case letters, digits and single hyphens (for example about-us).',
  },
  CMS_PAGE_SLUG_RESERVED: { category: 'INVALID_DATA', message: 'The address "{slug}" is reserved by the shop and cannot be used for a page.' },
  CMS_PAGE_TITLE_REQUIRED: { category: 'INVALID_DATA', message: 'A page needs a title in at least one language, and in every language that has content ({language}).' },
  CMS_PAGE_TITLE_TOO_LONG: { category: 'INVALID_DATA', message: 'A page title may hold at most {max} characters ({language}).' },
  CMS_PAGE_SEO_TITLE_TOO_LONG: { category: 'INVALID_DATA', message: 'The SEO title may hold at most {max} characters ({language}).' },
  CMS_PAGE_SEO_DESCRIPTION_TOO_LONG: { category: 'INVALID_DATA', message: 'The SEO description may hold at most {max} characters ({language}).' },
  CMS_PAGE_BODY_TOO_LONG: { category: 'INVALID_DATA', message: 'The page text may hold at most {max} characters ({language}).' },
  CMS_PAGE_STATUS_INVALID: { category: 'INVALID_DATA', message: '"{status}" is not a page status: choose draft or published.' },
  CMS_PAGE_SECTIONS_INVALID: { category: 'INVALID_DATA', message: 'Section {index} is not valid: {detail}.' },
  CMS_PAGE_SECTION_TYPE_UNAVAILABLE: { category: 'INVALID_DATA', message: 'Sections of type "{type}" are not available on this shop.' },
  CMS_PAGE_SECTION_LINK_INVALID: {
    category: 'INVALID_DATA',
    message: 'The button link "{link}" of section {index} is not valid: use a path such as /pages/about or an http(s) address.',
  },
  CMS_PAGE_SECTION_MEDIA_INVALID: { category: 'INVALID_DATA', message: 'Section {index} uses media file {media}, which is not in your media library.' },
  CMS_PAGE_NOT_OVERRIDABLE: { category: 'NOT_FOUND', message: 'There is no default page "{slug}" to override.' },
  CMS_PAGE_SORT_ORDER_INVALID: { category: 'INVALID_DATA', message: 'The position must be a whole number from {min} to {max}.' },
  // --- end of content pages.
  CMS_MEDIA_NOT_FOUND: { category: 'NOT_FOUND', message: 'Media file "{file}" does not exist.' },
  CMS_MEDIA_TOO_LARGE: { category: 'TOO_LARGE', message: 'The file is too large: at most {max} MB are allowed.' },
  CMS_MEDIA_TYPE_NOT_ALLOWED: { category: 'UNSUPPORTED_TYPE', message: 'Files of type "{type}" cannot be uploaded.' },
  CMS_THEME_NOT_FOUND: { category: 'NOT_FOUND', message: 'Theme "{theme}" does not exist.' },
  // ---- media library and themes (cms-media) ----
  CMS_MEDIA_FILE_MISSING: { category: 'INVALID_DATA', message: 'Choose a file to upload.' },
  CMS_MEDIA_IMAGE_UNREADABLE: { category: 'INVALID_DATA', message: 'The image "{file}" could not be read: it may be damaged.' },
  CMS_MEDIA_IMAGE_TOO_BIG: { category: 'INVALID_DATA', message: 'The image "{file}" is too big: at most {max} megapixels are allowed.' },
  CMS_MEDIA_IN_USE: { category: 'CONFLICT', message: 'Media file "{file}" is still used by {usages}: remove it there first.' },
  CMS_MEDIA_ALT_TOO_LONG: { category: 'INVALID_DATA', message: 'An alt text may hold at most {max} characters.' },
  CMS_MEDIA_NOT_AN_IMAGE: { category: 'INVALID_DATA', message: 'Media file "{file}" is not an image.' },
  CMS_THEME_PRESET_UNKNOWN: { category: 'INVALID_DATA', message: '"{theme}" is not a theme: choose one of {choices}.' },
  CMS_THEME_COLOR_INVALID: { category: 'INVALID_DATA', message: '"{value}" is not a colour: use #rrggbb, for example #1a73e8.' },
  CMS_THEME_FONT_UNKNOWN: { category: 'INVALID_DATA', message: '"{font}" is not an available font: choose one of {choices}.' },
  CMS_THEME_RADIUS_UNKNOWN: { category: 'INVALID_DATA', message: '"{radius}" is not a corner style: choose one of {choices}.' },
  CMS_THEME_TEXT_CONTRAST_TOO_LOW: {
    category: 'INVALID_DATA',
    message: 'The text colour on the background colour has a contrast of {ratio}:1; at least {min}:1 is needed so that everyone can read it.',
  },
  CMS_THEME_BUTTON_CONTRAST_TOO_LOW: {
    category: 'INVALID_DATA',
    message: 'White button text on the primary colour has a contrast of {ratio}:1; at least {min}:1 is needed: choose a darker primary colour.',
  },
});
