import type { Kysely } from 'kysely';
import { inLibrary, type AnyKysely, type MediaLibrary } from './media-usage.service.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import type { CmsMediaTables, MediaKind } from '../models/media.model.ts';
import { mediaUrl, toMedia } from './media.service.ts';

/** A file as a page shows it: URLs, size and the alt text in the page's language. */
export interface DisplayMedia {
  readonly id: number;
  readonly kind: MediaKind;
  readonly filename: string;
  /** The original. */
  readonly url: string;
  /** The 800 px copy of an image (the original for a PDF or a small image). */
  readonly src: string;
  /** `<url> <width>w, ...` of the WebP copies, for `<img srcset>`. */
  readonly srcset: string;
  readonly width: number | null;
  readonly height: number | null;
  /** In the language asked for, else English, else any; '' when none is set (a decorative image). */
  readonly alt: string;
}

/**
 * The files `ids` of a vendor (or of the platform, `vendorId` null) for
 * display, in two queries whatever their number. Ids that are not the
 * vendor's are left out.
 *
 * @example
 * const media = await loadMediaForDisplay(db, vendor.id, [12, 15], request.language);
 * const hero = media.get(12); // { src, srcset, alt, width, height, ... }
 */
export async function loadMediaForDisplay(db: AnyKysely, library: MediaLibrary, ids: readonly number[], language: Language): Promise<Map<number, DisplayMedia>> {
  const unique = [...new Set(ids)].filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  const out = new Map<number, DisplayMedia>();
  if (unique.length === 0) return out;
  const k = db as unknown as Kysely<CmsMediaTables>;
  const query = inLibrary(k.selectFrom('cms_media').selectAll().where('id', 'in', unique), library);
  const [rows, alts] = await Promise.all([
    query.execute(),
    k.selectFrom('cms_media_alt').select(['media_id', 'language', 'alt']).where('media_id', 'in', unique).execute(),
  ]);
  for (const row of rows) {
    const media = toMedia(row);
    const own = new Map(alts.filter((a) => a.media_id === row.id).map((a) => [a.language, a.alt]));
    const alt = own.get(language) ?? own.get('en') ?? LANGUAGES.map((l) => own.get(l)).find(Boolean) ?? '';
    const variants = Object.values(media.variants).filter((v) => v !== undefined);
    const widths = new Map(variants.map((v) => [v.width, mediaUrl(v.key)]));
    out.set(row.id, {
      id: media.id,
      kind: media.kind,
      filename: media.filename,
      url: media.url,
      src: media.variantUrls.medium ?? media.url,
      srcset: [...widths].sort((a, b) => a[0] - b[0]).map(([w, url]) => `${url} ${w}w`).join(', '),
      width: media.variants.medium?.width ?? media.width,
      height: media.variants.medium?.height ?? media.height,
      alt,
    });
  }
  return out;
}
