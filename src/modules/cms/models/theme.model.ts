import type { ColumnType, Selectable } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { CmsMediaAltTable, CmsMediaTable, CmsMediaUsageTable } from './media.model.ts';

/** The theme table of `cms_002_media_themes`, for `db.withTables<CmsThemeTables>()`. */

/** One vendor's storefront theme; no row: the default theme. Reached through a VendorScope. */
export interface CmsThemesTable {
  vendor_id: number;
  /** A preset code (see theme-presets.ts). */
  code: string;
  /** `#rrggbb`, lower-case. */
  color_primary: string;
  color_accent: string;
  color_background: string;
  color_text: string;
  /** Codes of the font stacks (see theme-presets.ts). */
  font_heading: string;
  font_body: string;
  /** A radius code: none, small, medium, large. */
  radius: string;
  logo_media_id: number | null;
  favicon_media_id: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The media tables too: a theme's logo and favicon are files of the library. */
export type CmsThemeTables = Omit<FrameworkTables, never> & {
  cms_media: CmsMediaTable;
  cms_media_alt: CmsMediaAltTable;
  cms_media_usage: CmsMediaUsageTable;
  cms_themes: CmsThemesTable;
};

export type ThemeRow = Selectable<CmsThemesTable>;
