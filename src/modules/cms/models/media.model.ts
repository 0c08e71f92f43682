import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { Language } from '../../locales.ts';

/** The media tables of `cms_002_media_themes`, for `db.withTables<CmsMediaTables>()`. */

export const MEDIA_KINDS = ['image', 'pdf'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const VARIANT_NAMES = ['thumb', 'medium', 'large'] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

/** A resized WebP copy of an image. */
export interface MediaVariant {
  readonly key: string;
  readonly width: number;
  readonly height: number;
}
export type MediaVariants = Partial<Record<VariantName, MediaVariant>>;

/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string | undefined, string>;

/**
 * A file of the media library. `vendor_id` null: a platform's file
 * (`platform_id` set); otherwise a vendor's, reached through a VendorScope.
 */
export interface CmsMediaTable {
  id: Generated<number>;
  vendor_id: number | null;
  platform_id: number | null;
  kind: MediaKind;
  /** The name as uploaded, for people; never used as a path. */
  filename: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  /** Content-addressed: `media/<v<vendor>|p<platform>>/<sha256 prefix>/<name>.<ext>`. */
  storage_key: string;
  variants: Json<MediaVariants>;
  created_at: ColumnType<Date, never, never>;
}

/** Alt text of an image in one language; reached only through its media. */
export interface CmsMediaAltTable {
  media_id: number;
  language: Language;
  alt: string;
}

/** Who uses a file: `owner` such as `cms_page:12` or `cms_theme:3`. */
export interface CmsMediaUsageTable {
  media_id: number;
  vendor_id: number | null;
  owner: string;
  created_at: ColumnType<Date, never, never>;
}

/** A type alias, not an interface: `withTables` needs an index-signature-compatible shape. */
export type CmsMediaTables = Omit<FrameworkTables, never> & {
  cms_media: CmsMediaTable;
  cms_media_alt: CmsMediaAltTable;
  cms_media_usage: CmsMediaUsageTable;
};

export type MediaRow = Selectable<CmsMediaTable>;
