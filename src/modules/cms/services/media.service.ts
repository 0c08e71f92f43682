import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import type { ObjectStorage } from '../../../core/storage/object-storage.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import type { CmsMediaTables, MediaKind, MediaRow, MediaVariants, VariantName } from '../models/media.model.ts';
import { processUpload, type UploadInput } from './media-processing.ts';

/** A file of the media library, with what pages need to show it. */
export interface Media {
  readonly id: number;
  readonly kind: MediaKind;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly storageKey: string;
  /** `/media/<key>` of the original. */
  readonly url: string;
  /** `/media/<key>` of each resized copy (images only). */
  readonly variantUrls: Partial<Record<VariantName, string>>;
  readonly variants: MediaVariants;
  readonly createdAt: Date;
}

export interface MediaDetail extends Media {
  /** Alt text per language; a language without one is absent. */
  readonly alt: Partial<Record<Language, string>>;
  /** Who uses the file, such as `cms_page:12` or `cms_theme:3`. */
  readonly usages: readonly string[];
}

export interface MediaPage {
  readonly items: readonly Media[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
}

export const ALT_MAX_LENGTH = 300;
export const MEDIA_PER_PAGE = 24;

/** The URL of a stored object on any host: the framework serves `/media/<key>`. */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

export function toMedia(row: MediaRow): Media {
  const variantUrls: Partial<Record<VariantName, string>> = {};
  for (const [name, variant] of Object.entries(row.variants ?? {})) {
    if (variant) variantUrls[name as VariantName] = mediaUrl(variant.key);
  }
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    width: row.width,
    height: row.height,
    storageKey: row.storage_key,
    url: mediaUrl(row.storage_key),
    variantUrls,
    variants: row.variants ?? {},
    createdAt: row.created_at,
  };
}

type Owner = { readonly vendorId: number } | { readonly platformId: number };

/**
 * The media library of one vendor (through a VendorScope: another
 * vendor's file id is "not found", exactly like one that does not exist),
 * or of a platform (its files with no vendor).
 *
 * @example
 * const media = MediaService.forPrincipal(app.wizamart, request.principal);
 * const logo = await media.upload({ filename: 'logo.png', body, maxMb: 10 });
 * await media.updateAlt(logo.id, { en: 'Our logo', de: 'Eist Logo' });
 */
export class MediaService {
  readonly #db: Kysely<CmsMediaTables>;
  readonly #scope: VendorScope<CmsMediaTables> | undefined;
  readonly #owner: Owner;
  readonly #storage: ObjectStorage;

  constructor(db: Kysely<CmsMediaTables>, storage: ObjectStorage, owner: Owner) {
    this.#db = db;
    this.#storage = storage;
    this.#owner = owner;
    this.#scope = 'vendorId' in owner ? new VendorScope(db, owner.vendorId) : undefined;
  }

  /** The library of the vendor the principal's session is bound to (never of a vendor named in the request). */
  static forPrincipal(ctx: Pick<AppContext, 'database' | 'storage'>, principal: Principal | undefined): MediaService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return MediaService.forVendor(ctx, vendorId);
  }

  static forVendor(ctx: Pick<AppContext, 'database' | 'storage'>, vendorId: number): MediaService {
    return new MediaService(ctx.database.db.withTables<CmsMediaTables>(), ctx.storage, { vendorId });
  }

  /** The platform's own files (`vendor_id` null), managed by admins. */
  static forPlatform(ctx: Pick<AppContext, 'database' | 'storage'>, platformId: number | undefined): MediaService {
    if (platformId === undefined) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: '' });
    return new MediaService(ctx.database.db.withTables<CmsMediaTables>(), ctx.storage, { platformId });
  }

  /** The vendor id of the library; null for a platform's. */
  get vendorId(): number | null {
    return 'vendorId' in this.#owner ? this.#owner.vendorId : null;
  }

  #media(): SelectQueryBuilder<CmsMediaTables, 'cms_media', object> {
    if (this.#scope) return this.#scope.selectFrom('cms_media');
    const platformId = (this.#owner as { platformId: number }).platformId;
    return this.#db.selectFrom('cms_media').where('vendor_id', 'is', null).where('platform_id', '=', platformId);
  }

  /** Newest first, a page at a time; `kind` filters images or PDFs. */
  async list(options: { page?: number; perPage?: number; kind?: MediaKind | undefined } = {}): Promise<MediaPage> {
    const perPage = Math.min(Math.max(options.perPage ?? MEDIA_PER_PAGE, 1), 100);
    const page = Math.max(options.page ?? 1, 1);
    let query = this.#media();
    if (options.kind) query = query.where('kind', '=', options.kind);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(perPage).offset((page - 1) * perPage).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toMedia), total: Number(count.n), page, perPage };
  }

  async get(id: number): Promise<MediaDetail> {
    const row = await this.#media().selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(CMS_ERRORS.CMS_MEDIA_NOT_FOUND, { file: id });
    const [alts, usages] = await Promise.all([
      this.#db.selectFrom('cms_media_alt').select(['language', 'alt']).where('media_id', '=', id).execute(),
      this.#db.selectFrom('cms_media_usage').select('owner').where('media_id', '=', id).orderBy('owner').execute(),
    ]);
    return { ...toMedia(row), alt: Object.fromEntries(alts.map((a) => [a.language, a.alt])), usages: usages.map((u) => u.owner) };
  }

  /** Checks the upload by its content, stores the file and its variants, and records it. */
  async upload(input: UploadInput): Promise<MediaDetail> {
    const owner = 'vendorId' in this.#owner ? `v${this.#owner.vendorId}` : `p${this.#owner.platformId}`;
    const processed = await processUpload(owner, input);
    // Objects first: a row never names a file that is not there. A failed insert leaves
    // content-addressed objects that the same upload would write again.
    await Promise.all(processed.files.map((f) => this.#storage.put(f.key, f.body, { contentType: f.contentType })));
    const row = await this.#db
      .insertInto('cms_media')
      .values({
        vendor_id: 'vendorId' in this.#owner ? this.#owner.vendorId : null,
        platform_id: 'platformId' in this.#owner ? this.#owner.platformId : null,
        kind: processed.kind,
        filename: processed.filename,
        content_type: processed.contentType,
        size: processed.size,
        width: processed.width,
        height: processed.height,
        storage_key: processed.storageKey,
        variants: JSON.stringify(processed.variants),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...toMedia(row), alt: {}, usages: [] };
  }

  /**
   * Sets the alt texts of the languages given; an empty text removes that
   * language's. Languages not given keep theirs.
   */
  async updateAlt(id: number, alt: Partial<Record<Language, string | null>>): Promise<MediaDetail> {
    const media = await this.get(id);
    const entries = LANGUAGES.filter((l) => alt[l] !== undefined).map((l) => [l, (alt[l] ?? '').trim().replace(/\s+/g, ' ')] as const);
    for (const [, text] of entries) {
      if (text.length > ALT_MAX_LENGTH) throw new AppError(CMS_ERRORS.CMS_MEDIA_ALT_TOO_LONG, { max: ALT_MAX_LENGTH });
    }
    await this.#db.transaction().execute(async (trx) => {
      for (const [language, text] of entries) {
        if (text === '') {
          await trx.deleteFrom('cms_media_alt').where('media_id', '=', media.id).where('language', '=', language).execute();
        } else {
          await trx
            .insertInto('cms_media_alt')
            .values({ media_id: media.id, language, alt: text })
            .onConflict((oc) => oc.columns(['media_id', 'language']).doUpdateSet({ alt: text }))
            .execute();
        }
      }
    });
    return this.get(id);
  }

  /**
   * Deletes a file nobody uses (409 CMS_MEDIA_IN_USE names who does), then
   * its stored objects unless another record shares them (the same upload twice).
   */
  async delete(id: number): Promise<void> {
    const media = await this.get(id);
    if (media.usages.length > 0) throw new AppError(CMS_ERRORS.CMS_MEDIA_IN_USE, { file: media.filename, usages: media.usages });
    const deleted = await this.#db.transaction().execute(async (trx) => {
      // The usage check again, under a lock on the row: a page saved meanwhile wins.
      const locked = await trx.selectFrom('cms_media').select('id').where('id', '=', media.id).forUpdate().executeTakeFirst();
      if (!locked) return false;
      const used = await trx.selectFrom('cms_media_usage').select('owner').where('media_id', '=', media.id).execute();
      if (used.length > 0) throw new AppError(CMS_ERRORS.CMS_MEDIA_IN_USE, { file: media.filename, usages: used.map((u) => u.owner) });
      await trx.deleteFrom('cms_media').where('id', '=', media.id).execute();
      const shared = await trx.selectFrom('cms_media').select('id').where('storage_key', '=', media.storageKey).executeTakeFirst();
      return !shared;
    });
    if (!deleted) return;
    const keys = [media.storageKey, ...Object.values(media.variants).map((v) => v.key)];
    await Promise.all(keys.map((key) => this.#storage.delete(key)));
  }

  /** Images of the library for pickers (logo, favicon, page sections): newest first, at most `limit`. */
  async images(limit = 60): Promise<Media[]> {
    const rows = await this.#media().selectAll().where('kind', '=', 'image').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toMedia);
  }

  /** How many files and bytes the library holds. */
  async totals(): Promise<{ files: number; bytes: number }> {
    const row = await this.#media()
      .select((eb) => [eb.fn.countAll<string>().as('files'), sql<string>`coalesce(sum(size), 0)`.as('bytes')])
      .executeTakeFirstOrThrow();
    return { files: Number(row.files), bytes: Number(row.bytes) };
  }
}
