import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { Language } from '../../locales.ts';
import type { PageSection } from '../schemas/page-section.schema.ts';

/** The tables of `cms_001_pages`, for `db.withTables<CmsPagesTables>()`. */

export const PAGE_STATUSES = ['draft', 'published'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string | undefined, string>;

/**
 * A content page. `vendor_id` null: one of the platform's default pages;
 * otherwise a vendor's page (an override when a default has its slug).
 * Vendor pages are reached through a VendorScope.
 */
export interface CmsPagesTable {
  id: Generated<number>;
  platform_id: number;
  vendor_id: number | null;
  /** Lower-case letters, digits and hyphens; unique per vendor and among the platform's defaults. */
  slug: string;
  status: ColumnType<PageStatus, PageStatus | undefined, PageStatus>;
  published_at: Date | null;
  sort_order: ColumnType<number, number | undefined, number>;
  show_in_footer: ColumnType<boolean, boolean | undefined, boolean>;
  sections: Json<PageSection[]>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** One language of a page; reached only through its page (whose owner is checked first). */
export interface CmsPageTranslationsTable {
  page_id: number;
  language: Language;
  title: string;
  /** Sanitised on save. */
  body_html: ColumnType<string, string | undefined, string>;
  seo_title: string | null;
  seo_description: string | null;
}

/**
 * The few columns of tenancy's tables the cms reads. Why not tenancy's own
 * types: a module imports another only through its public edge, and core
 * modules do not depend on each other (see core's dashboard.queries.ts).
 */
// A type alias, not an interface: `withTables` needs an index-signature-compatible shape.
export type CmsTenancyTables = {
  vendors: { id: number; code: string; name: string; platform_id: number; subdomain: string | null; custom_domain: string | null; status: string; default_language: string };
  platform_domains: { domain: string; platform_id: number; is_primary: boolean };
};

/** A type alias, not an interface: `withTables` needs an index-signature-compatible shape. */
export type CmsPagesTables = Omit<FrameworkTables, never> &
  CmsTenancyTables & {
    cms_pages: CmsPagesTable;
    cms_page_translations: CmsPageTranslationsTable;
  };

export type CmsPageRow = Selectable<CmsPagesTable>;
export type CmsPageTranslationRow = Selectable<CmsPageTranslationsTable>;
