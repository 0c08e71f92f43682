import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import type { CmsPagesTables, PageStatus } from '../models/page.model.ts';
import type { LocalisedText, PageSection } from '../schemas/page-section.schema.ts';
import { loadMediaForDisplay, type DisplayMedia } from './media-display.service.ts';
import { pageCacheFor } from './page-cache.service.ts';
import { chooseLanguage, sectionMediaIds, type CheckedTranslation } from './page-input.service.ts';

/**
 * What storefronts read: the page a shop shows at an address, the list of
 * its published pages, and the platform's shops. Every answer is cached
 * per platform and vendor (see PageCache) and dropped when a page is saved,
 * so a page view costs no query when warm, and one (two more for images)
 * when cold.
 *
 * Which page a shop shows at an address: the vendor's own published page,
 * else the platform's published default. A vendor's draft of a default's
 * address (an override not yet published) leaves the default showing.
 */

/** The shop a storefront request is for. */
export interface ShopRef {
  readonly platformId: number;
  readonly vendorId: number;
}

/** A published page with every language it has. */
export interface PublishedPage {
  readonly id: number;
  readonly platformId: number;
  /** null: the platform's default page. */
  readonly vendorId: number | null;
  readonly slug: string;
  readonly sections: readonly PageSection[];
  readonly translations: Partial<Record<Language, CheckedTranslation>>;
  readonly updatedAt: Date;
}

/** A published page in a list (navigation, footer, the default home). */
export interface PageLink {
  readonly slug: string;
  readonly titles: Partial<Record<Language, string>>;
  readonly showInFooter: boolean;
  readonly sortOrder: number;
}

export interface PageIndex {
  /** The vendor's default language, second in the language fallback. */
  readonly vendorLanguage: string | null;
  readonly pages: readonly PageLink[];
}

type Db = Kysely<FrameworkTables> | Kysely<CmsPagesTables>;
const pagesDb = (db: Db) => (db as Kysely<FrameworkTables>).withTables<CmsPagesTables>();

/** The page a shop shows at `slug`, or undefined (no published page there). One query when not cached. */
export function loadPublishedPage(db: Db, shop: ShopRef, slug: string): Promise<PublishedPage | undefined> {
  return pageCacheFor(db).get(shop.platformId, shop.vendorId, `page:${slug}`, async () => {
    const rows = await pagesDb(db)
      .selectFrom('cms_pages as p')
      .leftJoin('cms_page_translations as t', 't.page_id', 'p.id')
      .select(['p.id', 'p.vendor_id', 'p.slug', 'p.sections', 'p.updated_at', 't.language', 't.title', 't.body_html', 't.seo_title', 't.seo_description'])
      .where('p.slug', '=', slug)
      .where('p.status', '=', 'published' satisfies PageStatus)
      .where('p.platform_id', '=', shop.platformId)
      .where((eb) => eb.or([eb('p.vendor_id', '=', shop.vendorId), eb('p.vendor_id', 'is', null)]))
      .execute();
    // The vendor's own page wins over the platform's default.
    const chosen = rows.find((r) => r.vendor_id !== null) ?? rows[0];
    if (!chosen) return undefined;
    const translations: Partial<Record<Language, CheckedTranslation>> = {};
    for (const r of rows) {
      if (r.id !== chosen.id || r.language === null || r.title === null) continue;
      translations[r.language] = { title: r.title, bodyHtml: r.body_html ?? '', seoTitle: r.seo_title, seoDescription: r.seo_description };
    }
    return { id: chosen.id, platformId: shop.platformId, vendorId: chosen.vendor_id, slug: chosen.slug, sections: chosen.sections, translations, updatedAt: chosen.updated_at };
  });
}

/** The shop's published pages (its own and the defaults it does not replace), by position. One query when not cached. */
export function loadPageIndex(db: Db, shop: ShopRef): Promise<PageIndex> {
  return pageCacheFor(db).get(shop.platformId, shop.vendorId, 'index', async () => {
    const k = pagesDb(db);
    const [rows, vendor] = await Promise.all([
      k
        .selectFrom('cms_pages as p')
        .innerJoin('cms_page_translations as t', 't.page_id', 'p.id')
        .select(['p.id', 'p.vendor_id', 'p.slug', 'p.show_in_footer', 'p.sort_order', 't.language', 't.title'])
        .where('p.status', '=', 'published' satisfies PageStatus)
        .where('p.platform_id', '=', shop.platformId)
        .where((eb) => eb.or([eb('p.vendor_id', '=', shop.vendorId), eb('p.vendor_id', 'is', null)]))
        .execute(),
      k.selectFrom('vendors').select('default_language').where('id', '=', shop.vendorId).executeTakeFirst(),
    ]);
    const bySlug = new Map<string, { own: boolean; link: { slug: string; titles: Partial<Record<Language, string>>; showInFooter: boolean; sortOrder: number }; id: number }>();
    for (const r of rows) {
      const own = r.vendor_id !== null;
      let entry = bySlug.get(r.slug);
      if (!entry || (own && !entry.own)) {
        entry = { own, id: r.id, link: { slug: r.slug, titles: {}, showInFooter: r.show_in_footer, sortOrder: r.sort_order } };
        bySlug.set(r.slug, entry);
      }
      if (entry.id === r.id) entry.link.titles[r.language] = r.title;
    }
    const pages = [...bySlug.values()].map((e) => e.link).sort((a, b) => a.sortOrder - b.sortOrder || a.slug.localeCompare(b.slug));
    return { vendorLanguage: vendor?.default_language ?? null, pages };
  });
}

/** The language order of a shop's page: the visitor's, the shop's, English, then any. */
export function languageOrder(requested: Language, vendorLanguage: string | null): Array<string | null> {
  return [requested, vendorLanguage];
}

/** A localised text in the best language available, '' when it has none. */
export function pickText(text: LocalisedText | undefined, preferred: ReadonlyArray<string | null>): string {
  if (!text) return '';
  const language = chooseLanguage(LANGUAGES.filter((l) => text[l]), preferred);
  return language ? (text[language] ?? '') : '';
}

export type SectionView =
  | { readonly type: 'hero'; readonly heading: string; readonly subheading: string; readonly buttonLabel: string; readonly buttonLink: string; readonly image: DisplayMedia | null }
  | { readonly type: 'rich_text'; readonly html: string }
  | { readonly type: 'image_text'; readonly html: string; readonly image: DisplayMedia | null; readonly imagePosition: 'left' | 'right' };

/** A page in one language, ready for the template. */
export interface PageView {
  readonly slug: string;
  readonly language: Language;
  readonly title: string;
  readonly bodyHtml: string;
  readonly seoTitle: string;
  readonly seoDescription: string;
  readonly sections: readonly SectionView[];
}

/**
 * A page in the visitor's language (with the fallbacks), its sections
 * resolved: texts picked per language, images loaded with their alt text
 * (two queries, only when a section shows an image). Links that are site
 * paths get the development prefix.
 */
export async function renderPage(db: Db, page: PublishedPage, options: { language: Language; vendorLanguage: string | null; urlPrefix: string }): Promise<PageView | undefined> {
  const preferred = languageOrder(options.language, options.vendorLanguage);
  const language = chooseLanguage(Object.keys(page.translations) as Language[], preferred);
  const t = language ? page.translations[language] : undefined;
  if (!language || !t) return undefined;
  const order = [language, ...preferred];
  const ids = sectionMediaIds(page.sections);
  const media = ids.length > 0 ? await loadMediaForDisplay(pagesDb(db), page.vendorId ?? { platformId: page.platformId }, ids, language) : new Map<number, DisplayMedia>();
  const link = (href: string) => (href.startsWith('/') ? `${options.urlPrefix}${href}` : href);
  const sections = page.sections.map((s): SectionView => {
    switch (s.type) {
      case 'hero':
        return {
          type: 'hero',
          heading: pickText(s.heading, order),
          subheading: pickText(s.subheading, order),
          buttonLabel: pickText(s.button_label, order),
          buttonLink: s.button_link ? link(s.button_link) : '',
          image: (s.image_id ? media.get(s.image_id) : undefined) ?? null,
        };
      case 'rich_text':
        return { type: 'rich_text', html: pickText(s.html, order) };
      case 'image_text':
        return { type: 'image_text', html: pickText(s.text, order), image: media.get(s.image_id) ?? null, imagePosition: s.image_position ?? 'left' };
    }
  });
  return {
    slug: page.slug,
    language,
    title: t.title,
    bodyHtml: t.bodyHtml,
    seoTitle: t.seoTitle ?? t.title,
    seoDescription: t.seoDescription ?? '',
    sections: sections.filter((s) => (s.type === 'hero' ? s.heading !== '' : s.type === 'rich_text' ? s.html !== '' : s.html !== '' || s.image !== null)),
  };
}

/** A page link in the visitor's language. */
export function linkView(link: PageLink, options: { language: Language; vendorLanguage: string | null; urlPrefix: string }): { slug: string; title: string; url: string; footer: boolean } {
  const language = chooseLanguage(Object.keys(link.titles) as Language[], languageOrder(options.language, options.vendorLanguage));
  return { slug: link.slug, title: (language && link.titles[language]) || link.slug, url: `${options.urlPrefix}/pages/${link.slug}`, footer: link.showInFooter };
}

/** A shop of the platform, for its landing page. */
export interface ShopLink {
  readonly code: string;
  readonly name: string;
  /** Where its storefront answers; null when it has no address yet (no subdomain nor domain). */
  readonly url: string | null;
}

/**
 * The platform's active shops, by name, with their storefront address: in
 * development the `/_vendor/<code>/` prefix, otherwise the custom domain or
 * `<subdomain>.<primary platform domain>`. Cached per platform; dropped on
 * tenancy changes (see the storefront router).
 */
export function loadPlatformShops(db: Db, platformId: number, options: { development: boolean; protocol: string }): Promise<ShopLink[]> {
  return pageCacheFor(db).get(platformId, null, `shops:${options.development ? 'dev' : options.protocol}`, async () => {
    const k = pagesDb(db);
    const [vendors, domain] = await Promise.all([
      k.selectFrom('vendors').select(['code', 'name', 'subdomain', 'custom_domain']).where('platform_id', '=', platformId).where('status', '=', 'active').orderBy('name').orderBy('code').execute(),
      k.selectFrom('platform_domains').select('domain').where('platform_id', '=', platformId).orderBy('is_primary', 'desc').orderBy('domain').executeTakeFirst(),
    ]);
    return vendors.map((v) => ({ code: v.code, name: v.name, url: shopUrl(v, domain?.domain ?? null, options) }));
  });
}

interface ShopAddressFacts {
  readonly code: string;
  readonly subdomain: string | null;
  readonly custom_domain: string | null;
}

/** Where a shop's storefront answers (ending in `/`); null when it has no address yet. */
function shopUrl(v: ShopAddressFacts, platformDomain: string | null, options: { development: boolean; protocol: string }): string | null {
  if (options.development) return `/_vendor/${encodeURIComponent(v.code)}/`;
  if (v.custom_domain) return `${options.protocol}://${v.custom_domain}/`;
  if (v.subdomain && platformDomain) return `${options.protocol}://${v.subdomain}.${platformDomain}/`;
  return null;
}

/** The storefront address of one shop, for the back office's "view on the storefront" links. */
export async function shopAddress(db: Db, vendorId: number, options: { development: boolean; protocol: string }): Promise<string | null> {
  const k = pagesDb(db);
  const vendor = await k.selectFrom('vendors').select(['code', 'subdomain', 'custom_domain', 'platform_id']).where('id', '=', vendorId).executeTakeFirst();
  if (!vendor) return null;
  const domain = await k.selectFrom('platform_domains').select('domain').where('platform_id', '=', vendor.platform_id).orderBy('is_primary', 'desc').orderBy('domain').executeTakeFirst();
  return shopUrl(vendor, domain?.domain ?? null, options);
}
