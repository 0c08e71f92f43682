import type { Kysely } from 'kysely';
import type { AnyKysely } from './media-usage.service.ts';
import type { Database } from '../../../core/database/database.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import type { CmsThemeTables } from '../models/theme.model.ts';
import type { MediaVariants } from '../models/media.model.ts';
import { mediaUrl } from './media.service.ts';
import type { ThemeRow } from '../models/theme.model.ts';
import { cssVariablesOf, DEFAULT_THEME, type ThemeFont, type ThemeLook, type ThemeRadius } from './theme-presets.ts';

/** A vendor's theme: its look, logo and favicon. */
export interface Theme extends ThemeLook {
  readonly logoMediaId: number | null;
  readonly faviconMediaId: number | null;
  /** Null while the vendor has never saved one (the default theme). */
  readonly updatedAt: Date | null;
}

export function themeOfRow(row: ThemeRow | undefined): Theme {
  if (!row) return { ...DEFAULT_THEME, logoMediaId: null, faviconMediaId: null, updatedAt: null };
  return {
    code: row.code,
    colors: { primary: row.color_primary, accent: row.color_accent, background: row.color_background, text: row.color_text },
    fontHeading: row.font_heading as ThemeFont,
    fontBody: row.font_body as ThemeFont,
    radius: row.radius as ThemeRadius,
    logoMediaId: row.logo_media_id,
    faviconMediaId: row.favicon_media_id,
    updatedAt: row.updated_at,
  };
}

/** `site.cms.theme` of the storefront templates (a contract with layouts/site.njk). */
export interface StorefrontTheme {
  readonly code: string;
  /** `--color-primary:#…;--color-accent:…;--color-background:…;--color-text:…;--font-body:…;--font-heading:…;--radius:…` */
  readonly cssVariables: string;
  readonly logo: { readonly url: string; readonly alt: string } | null;
  readonly faviconUrl: string | null;
}

/** Instances tell each other a vendor's theme changed; the payload is the vendor id. */
export const THEME_CHANGED_CHANNEL = 'wizamart_cms_theme_changed';

interface CachedTheme {
  readonly code: string;
  readonly cssVariables: string;
  readonly logo: { readonly url: string; readonly alts: Partial<Record<Language, string>> } | null;
  readonly faviconUrl: string | null;
}

/**
 * Per database (each test app has its own), per vendor: the promise of its
 * theme, so that concurrent first requests share one load. Themes change
 * rarely and every storefront page shows one.
 */
const caches = new WeakMap<object, Map<number, Promise<CachedTheme>>>();

function cacheOf(db: object): Map<number, Promise<CachedTheme>> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The theme of a vendor's storefront, for `site.cms.theme`: from memory
 * after the first request (two queries then), until the vendor saves
 * another one here or on another instance.
 *
 * @example
 * viewContext: { storefront: async ({ db, vendor, language }) => vendor ? { theme: await loadStorefrontTheme(db, vendor.id, language) } : undefined }
 */
export async function loadStorefrontTheme(db: AnyKysely, vendorId: number, language: Language = 'en'): Promise<StorefrontTheme> {
  const cache = cacheOf(db);
  let pending = cache.get(vendorId);
  if (!pending) {
    pending = readTheme(db as unknown as Kysely<CmsThemeTables>, vendorId);
    cache.set(vendorId, pending);
    // A failed load is not remembered: the next request tries again.
    pending.catch(() => {
      if (cache.get(vendorId) === pending) cache.delete(vendorId);
    });
  }
  const theme = await pending;
  const alts = theme.logo?.alts ?? {};
  return {
    code: theme.code,
    cssVariables: theme.cssVariables,
    logo: theme.logo ? { url: theme.logo.url, alt: alts[language] ?? alts.en ?? LANGUAGES.map((l) => alts[l]).find(Boolean) ?? '' } : null,
    faviconUrl: theme.faviconUrl,
  };
}

async function readTheme(db: Kysely<CmsThemeTables>, vendorId: number): Promise<CachedTheme> {
  const theme = themeOfRow(await db.selectFrom('cms_themes').selectAll().where('vendor_id', '=', vendorId).executeTakeFirst());
  const ids = [theme.logoMediaId, theme.faviconMediaId].filter((id): id is number => id !== null);
  const media =
    ids.length === 0
      ? []
      : await db
          .selectFrom('cms_media')
          .leftJoin('cms_media_alt', 'cms_media_alt.media_id', 'cms_media.id')
          .select(['cms_media.id', 'cms_media.storage_key', 'cms_media.variants', 'cms_media_alt.language', 'cms_media_alt.alt'])
          .where('cms_media.id', 'in', ids)
          .where('cms_media.vendor_id', '=', vendorId)
          .execute();
  const byId = (id: number | null) => media.filter((m) => m.id === id);
  const logoRows = byId(theme.logoMediaId);
  const faviconRow = byId(theme.faviconMediaId)[0];
  return {
    code: theme.code,
    cssVariables: cssVariablesOf(theme),
    // The 800 px copy: sharp on high-density screens at header height, far lighter than the original.
    logo: logoRows[0]
      ? {
          url: variantUrl(logoRows[0].storage_key, logoRows[0].variants, 'medium'),
          alts: Object.fromEntries(logoRows.filter((r) => r.language && r.alt).map((r) => [r.language, r.alt])) as Partial<Record<Language, string>>,
        }
      : null,
    faviconUrl: faviconRow ? variantUrl(faviconRow.storage_key, faviconRow.variants, 'thumb') : null,
  };
}

function variantUrl(key: string, variants: MediaVariants, name: 'thumb' | 'medium'): string {
  return mediaUrl(variants?.[name]?.key ?? key);
}

/** Drops a vendor's cached theme in this instance. */
export function invalidateStorefrontTheme(db: object, vendorId: number): void {
  caches.get(db)?.delete(vendorId);
}

/** After a save: this instance forgets the theme now, the others when the notification arrives. */
export async function announceThemeChange(database: Pick<Database, 'db' | 'notifier'>, vendorId: number): Promise<void> {
  invalidateStorefrontTheme(database.db, vendorId);
  await database.notifier.notify(THEME_CHANGED_CHANNEL, String(vendorId));
}

/** Listens for other instances' theme changes; returns the function that stops listening. */
export async function listenForThemeChanges(database: Pick<Database, 'db' | 'notifier'>): Promise<() => Promise<void>> {
  return database.notifier.listen(THEME_CHANGED_CHANNEL, (payload) => {
    const vendorId = Number(payload);
    if (Number.isInteger(vendorId)) invalidateStorefrontTheme(database.db, vendorId);
  });
}

/** The look as the storefront shows it, for a preview of values that are not saved. */
export function previewCssVariables(look: ThemeLook): string {
  return cssVariablesOf(look);
}
