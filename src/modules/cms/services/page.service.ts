import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import type { Database, Notifier } from '../../../core/database/database.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import type { CmsPageRow, CmsPagesTables, PageStatus } from '../models/page.model.ts';
import type { PageSection } from '../schemas/page-section.schema.ts';
import { mediaExists, recordMediaUsage, type MediaLibrary } from './media-usage.service.ts';
import { announcePageChange } from './page-cache.service.ts';
import {
  checkPageSections,
  checkSlug,
  checkSortOrder,
  checkStatus,
  checkTranslations,
  sectionMediaIds,
  type CheckedTranslation,
  type TranslationInput,
} from './page-input.service.ts';

/** Whose pages a service works on: a vendor's, or (vendorId null) a platform's defaults. */
export interface PageOwner {
  readonly platformId: number;
  readonly vendorId: number | null;
}

/** The media library a page's images come from: its vendor's, or its platform's own. */
export function mediaLibraryOf(owner: PageOwner): MediaLibrary {
  return owner.vendorId ?? { platformId: owner.platformId };
}

export interface PageSummary {
  readonly id: number;
  readonly slug: string;
  readonly status: PageStatus;
  readonly publishedAt: Date | null;
  readonly updatedAt: Date;
  readonly sortOrder: number;
  readonly showInFooter: boolean;
  /** The title in each language the page has. */
  readonly titles: Partial<Record<Language, string>>;
}

export interface PageDetail extends PageSummary {
  readonly vendorId: number | null;
  readonly createdAt: Date;
  readonly translations: Partial<Record<Language, CheckedTranslation>>;
  readonly sections: PageSection[];
}

/** A platform default page as a vendor sees it: with its own page of that address, if any. */
export interface DefaultPageView extends PageSummary {
  /** The vendor's page with this slug (it overrides the default while published). */
  readonly override: { readonly id: number; readonly status: PageStatus } | null;
}

/** What a caller may set; raw as typed. Only given fields change on update. */
export interface PageInput {
  readonly slug: string;
  readonly status?: string | undefined;
  readonly sortOrder?: number | undefined;
  readonly showInFooter?: boolean | undefined;
  /** Per language; a language given with every field empty is removed. */
  readonly translations: Partial<Record<Language, TranslationInput>>;
  /** Checked against the section schemas; default none. */
  readonly sections?: unknown;
}

export type PageChanges = Partial<PageInput>;

const VENDOR_SLUG_KEY = 'cms_pages_vendor_slug_key';
const DEFAULT_SLUG_KEY = 'cms_pages_platform_default_slug_key';

/**
 * The content pages of one owner: a vendor (reached through a VendorScope,
 * so another vendor's page id is "not found") or a platform's default
 * pages. Every write runs in one transaction with the media in-use record
 * (`cms_page:<id>`), then drops the storefront cache for the owner on every
 * instance.
 *
 * @example
 * const pages = await PageService.forVendor(app.wizamart, principal.vendor.id);
 * const about = await pages.create({ slug: 'about', translations: { en: { title: 'About us', body: '<p>Hi</p>' } } });
 * await pages.setStatus(about.id, 'published');
 */
export class PageService {
  readonly #db: Kysely<CmsPagesTables>;
  /**
   * The app's own database handle, which names the storefront's page cache.
   * `withTables()` makes a new handle, so dropping entries through `#db`
   * would empty another (unused) cache and leave this instance's stale until
   * its own LISTEN/NOTIFY message came back.
   */
  readonly #cacheKey: object;
  readonly #notifier: Notifier;
  readonly owner: PageOwner;

  constructor(ctx: { readonly database: Pick<Database, 'db' | 'notifier'> }, owner: PageOwner) {
    this.#db = ctx.database.db.withTables<CmsPagesTables>();
    this.#cacheKey = ctx.database.db;
    this.#notifier = ctx.database.notifier;
    this.owner = owner;
  }

  /** A vendor's pages; the platform is the vendor's own (read from its row, never from the request). */
  static async forVendor(ctx: { readonly database: Pick<Database, 'db' | 'notifier'> }, vendorId: number): Promise<PageService> {
    const vendor = await ctx.database.db.withTables<CmsPagesTables>().selectFrom('vendors').select('platform_id').where('id', '=', vendorId).executeTakeFirst();
    if (!vendor) throw new AppError(CMS_ERRORS.CMS_PAGE_NOT_FOUND, { page: '' });
    return new PageService(ctx, { platformId: vendor.platform_id, vendorId });
  }

  /** The pages of the vendor the principal's session is bound to (never of a vendor named in the request). */
  static async forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): Promise<PageService> {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return PageService.forVendor(ctx, vendorId);
  }

  /** A platform's default pages. */
  static forPlatform(ctx: { readonly database: Pick<Database, 'db' | 'notifier'> }, platformId: number | undefined): PageService {
    if (platformId === undefined) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: '' });
    return new PageService(ctx, { platformId, vendorId: null });
  }

  /** The owner's pages as a query; vendors' through their scope. */
  #pages(db: Kysely<CmsPagesTables> = this.#db) {
    const { vendorId, platformId } = this.owner;
    if (vendorId !== null) return new VendorScope(db, vendorId).selectFrom('cms_pages');
    return db.selectFrom('cms_pages').where('cms_pages.platform_id', '=', platformId).where('cms_pages.vendor_id', 'is', null);
  }

  #update(db: Kysely<CmsPagesTables>) {
    const { vendorId, platformId } = this.owner;
    if (vendorId !== null) return new VendorScope(db, vendorId).updateTable('cms_pages');
    return db.updateTable('cms_pages').where('platform_id', '=', platformId).where('vendor_id', 'is', null);
  }

  #delete(db: Kysely<CmsPagesTables>) {
    const { vendorId, platformId } = this.owner;
    if (vendorId !== null) return new VendorScope(db, vendorId).deleteFrom('cms_pages');
    return db.deleteFrom('cms_pages').where('platform_id', '=', platformId).where('vendor_id', 'is', null);
  }

  /** By position, then address. */
  async list(): Promise<PageSummary[]> {
    const rows = await this.#pages().selectAll('cms_pages').orderBy('sort_order').orderBy('slug').execute();
    const titles = await this.#titles(rows.map((r) => r.id));
    return rows.map((r) => toSummary(r, titles.get(r.id) ?? {}));
  }

  /** For a vendor: the platform's default pages, each with the vendor's page of the same address. */
  async defaults(): Promise<DefaultPageView[]> {
    const { vendorId, platformId } = this.owner;
    if (vendorId === null) return [];
    const rows = await this.#db
      .selectFrom('cms_pages as d')
      .leftJoin('cms_pages as o', (j) => j.onRef('o.slug', '=', 'd.slug').on('o.vendor_id', '=', vendorId))
      .selectAll('d')
      .select(['o.id as override_id', 'o.status as override_status'])
      .where('d.platform_id', '=', platformId)
      .where('d.vendor_id', 'is', null)
      .where('d.status', '=', 'published')
      .orderBy('d.sort_order')
      .orderBy('d.slug')
      .execute();
    const titles = await this.#titles(rows.map((r) => r.id));
    return rows.map((r) => ({
      ...toSummary(r, titles.get(r.id) ?? {}),
      override: r.override_id !== null && r.override_status !== null ? { id: r.override_id, status: r.override_status } : null,
    }));
  }

  async get(id: number): Promise<PageDetail> {
    const row = await this.#pages().selectAll('cms_pages').where('cms_pages.id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    const translations = await this.#db.selectFrom('cms_page_translations').selectAll().where('page_id', '=', id).execute();
    return toDetail(row, translations);
  }

  async create(input: PageInput): Promise<PageDetail> {
    const slug = checkSlug(input.slug);
    const status = input.status !== undefined ? checkStatus(input.status) : 'draft';
    const sortOrder = input.sortOrder !== undefined ? checkSortOrder(input.sortOrder) : 0;
    const translations = checkTranslations(input.translations);
    const sections = checkPageSections(input.sections ?? []);
    const id = await this.#write(slug, async (trx) => {
      await this.#assertSlugFree(trx, slug);
      await this.#assertMedia(trx, sections);
      const row = await trx
        .insertInto('cms_pages')
        .values({
          platform_id: this.owner.platformId,
          vendor_id: this.owner.vendorId,
          slug,
          status,
          published_at: status === 'published' ? new Date() : null,
          sort_order: sortOrder,
          show_in_footer: input.showInFooter ?? false,
          sections: JSON.stringify(sections),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.#saveTranslations(trx, row.id, translations);
      await this.#recordUsage(trx, row.id, sections);
      return row.id;
    });
    return this.get(id);
  }

  /** Changes the given fields; translations merge per language (a language sent empty is removed). */
  async update(id: number, changes: PageChanges): Promise<PageDetail> {
    const slug = changes.slug !== undefined ? checkSlug(changes.slug) : undefined;
    const status = changes.status !== undefined ? checkStatus(changes.status) : undefined;
    const sortOrder = changes.sortOrder !== undefined ? checkSortOrder(changes.sortOrder) : undefined;
    const sections = changes.sections !== undefined ? checkPageSections(changes.sections) : undefined;
    await this.#write(slug ?? '', async (trx) => {
      const current = await this.#pages(trx).select(['cms_pages.id', 'cms_pages.slug', 'cms_pages.status']).where('cms_pages.id', '=', id).forUpdate().executeTakeFirst();
      if (!current) throw notFound(id);
      if (slug !== undefined && slug !== current.slug) await this.#assertSlugFree(trx, slug);
      if (changes.translations !== undefined) {
        const existing = await trx.selectFrom('cms_page_translations').selectAll().where('page_id', '=', id).execute();
        const merged: Partial<Record<Language, TranslationInput>> = {};
        for (const t of existing) merged[t.language] = { title: t.title, body: t.body_html, seoTitle: t.seo_title, seoDescription: t.seo_description };
        Object.assign(merged, changes.translations);
        await this.#saveTranslations(trx, id, checkTranslations(merged));
      }
      if (sections !== undefined) {
        await this.#assertMedia(trx, sections);
        await this.#recordUsage(trx, id, sections);
      }
      await this.#update(trx)
        .set({
          ...(slug !== undefined ? { slug } : {}),
          ...(status !== undefined ? { status, ...(status === 'published' && current.status !== 'published' ? { published_at: new Date() } : {}) } : {}),
          ...(sortOrder !== undefined ? { sort_order: sortOrder } : {}),
          ...(changes.showInFooter !== undefined ? { show_in_footer: changes.showInFooter } : {}),
          ...(sections !== undefined ? { sections: JSON.stringify(sections) } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      return id;
    });
    return this.get(id);
  }

  /** Publishes or takes offline. */
  async setStatus(id: number, status: PageStatus): Promise<PageDetail> {
    return this.update(id, { status });
  }

  /**
   * Deletes a page and its in-use records. A deleted override makes the
   * platform's default page show again on the vendor's storefront.
   */
  async delete(id: number): Promise<void> {
    await this.#write('', async (trx) => {
      const row = await this.#pages(trx).select('cms_pages.id').where('cms_pages.id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound(id);
      await this.#recordUsage(trx, id, []);
      await this.#delete(trx).where('id', '=', id).execute();
      return id;
    });
  }

  /**
   * A vendor's own copy of a published platform default, as a draft with
   * the same address: the vendor edits it, and once published it replaces
   * the default on its storefront.
   */
  async override(slug: string): Promise<PageDetail> {
    const { vendorId, platformId } = this.owner;
    const checked = checkSlug(slug);
    if (vendorId === null) throw new AppError(CMS_ERRORS.CMS_PAGE_NOT_OVERRIDABLE, { slug: checked });
    const source = await this.#db
      .selectFrom('cms_pages')
      .selectAll()
      .where('platform_id', '=', platformId)
      .where('vendor_id', 'is', null)
      .where('slug', '=', checked)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!source) throw new AppError(CMS_ERRORS.CMS_PAGE_NOT_OVERRIDABLE, { slug: checked });
    const translations = await this.#db.selectFrom('cms_page_translations').selectAll().where('page_id', '=', source.id).execute();
    // The default's images are the platform's: the copy keeps the texts and drops sections that show one.
    const sections = source.sections.filter((s) => sectionMediaIds([s]).length === 0);
    return this.create({
      slug: checked,
      status: 'draft',
      sortOrder: source.sort_order,
      showInFooter: source.show_in_footer,
      translations: Object.fromEntries(translations.map((t) => [t.language, { title: t.title, body: t.body_html, seoTitle: t.seo_title, seoDescription: t.seo_description }])),
      sections,
    });
  }

  /** Runs a write in a transaction, maps a slug race to CMS_PAGE_SLUG_TAKEN, and drops the storefront cache. */
  async #write(slug: string, work: (trx: Transaction<CmsPagesTables>) => Promise<number>): Promise<number> {
    let id: number;
    try {
      id = await this.#db.transaction().execute(work);
    } catch (error) {
      if (isUniqueViolation(error, VENDOR_SLUG_KEY) || isUniqueViolation(error, DEFAULT_SLUG_KEY)) {
        throw new AppError(CMS_ERRORS.CMS_PAGE_SLUG_TAKEN, { slug }, { cause: error });
      }
      throw error;
    }
    await announcePageChange(this.#cacheKey, this.#notifier, this.owner);
    return id;
  }

  async #assertSlugFree(trx: Kysely<CmsPagesTables>, slug: string): Promise<void> {
    const taken = await this.#pages(trx).select('cms_pages.id').where('cms_pages.slug', '=', slug).executeTakeFirst();
    if (taken) throw new AppError(CMS_ERRORS.CMS_PAGE_SLUG_TAKEN, { slug });
  }

  /** Every image a section shows must be a file of the page's owner. */
  async #assertMedia(trx: Kysely<CmsPagesTables>, sections: readonly PageSection[]): Promise<void> {
    for (const [index, section] of sections.entries()) {
      for (const media of sectionMediaIds([section])) {
        if (!(await mediaExists(trx, mediaLibraryOf(this.owner), media))) throw new AppError(CMS_ERRORS.CMS_PAGE_SECTION_MEDIA_INVALID, { index: index + 1, media });
      }
    }
  }

  async #recordUsage(trx: Kysely<CmsPagesTables>, id: number, sections: readonly PageSection[]): Promise<void> {
    await recordMediaUsage(trx, { library: mediaLibraryOf(this.owner), owner: `cms_page:${id}`, mediaIds: sectionMediaIds(sections) });
  }

  async #saveTranslations(trx: Kysely<CmsPagesTables>, id: number, translations: ReadonlyMap<Language, CheckedTranslation>): Promise<void> {
    await trx.deleteFrom('cms_page_translations').where('page_id', '=', id).execute();
    await trx
      .insertInto('cms_page_translations')
      .values(
        [...translations].map(([language, t]) => ({
          page_id: id,
          language,
          title: t.title,
          body_html: t.bodyHtml,
          seo_title: t.seoTitle,
          seo_description: t.seoDescription,
        })),
      )
      .execute();
  }

  async #titles(ids: readonly number[]): Promise<Map<number, Partial<Record<Language, string>>>> {
    const out = new Map<number, Partial<Record<Language, string>>>();
    if (ids.length === 0) return out;
    const rows = await this.#db.selectFrom('cms_page_translations').select(['page_id', 'language', 'title']).where('page_id', 'in', ids).execute();
    for (const r of rows) out.set(r.page_id, { ...out.get(r.page_id), [r.language]: r.title });
    return out;
  }
}

function notFound(id: number): AppError {
  return new AppError(CMS_ERRORS.CMS_PAGE_NOT_FOUND, { page: id });
}

function toSummary(row: CmsPageRow, titles: Partial<Record<Language, string>>): PageSummary {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    sortOrder: row.sort_order,
    showInFooter: row.show_in_footer,
    titles,
  };
}

function toDetail(row: CmsPageRow, translations: ReadonlyArray<{ language: Language; title: string; body_html: string; seo_title: string | null; seo_description: string | null }>): PageDetail {
  const byLanguage: Partial<Record<Language, CheckedTranslation>> = {};
  for (const language of LANGUAGES) {
    const t = translations.find((x) => x.language === language);
    if (t) byLanguage[language] = { title: t.title, bodyHtml: t.body_html, seoTitle: t.seo_title, seoDescription: t.seo_description };
  }
  const titles = Object.fromEntries(Object.entries(byLanguage).map(([l, t]) => [l, t.title])) as Partial<Record<Language, string>>;
  return { ...toSummary(row, titles), vendorId: row.vendor_id, createdAt: row.created_at, translations: byLanguage, sections: row.sections };
}

/** Counts for the dashboards: published and draft pages of a vendor, or of a platform's defaults. */
export async function countPages(db: Kysely<CmsPagesTables>, owner: PageOwner): Promise<{ published: number; draft: number }> {
  const base =
    owner.vendorId !== null
      ? new VendorScope(db, owner.vendorId).selectFrom('cms_pages')
      : db.selectFrom('cms_pages').where('platform_id', '=', owner.platformId).where('vendor_id', 'is', null);
  const row = await base
    .select([
      sql<number>`count(*) filter (where status = 'published')::int`.as('published'),
      sql<number>`count(*) filter (where status = 'draft')::int`.as('draft'),
    ])
    .executeTakeFirstOrThrow();
  return { published: row.published, draft: row.draft };
}
