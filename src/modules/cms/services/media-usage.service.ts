import type { Kysely } from 'kysely';
import { AppError } from '../../../exceptions/base.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import type { CmsMediaTables } from '../models/media.model.ts';

/**
 * In-use tracking of the media library, for everything that shows a file:
 * content pages (`cms_page:<id>`), themes (`cms_theme:<vendor id>`). A file
 * with usages cannot be deleted (CMS_MEDIA_IN_USE names its users).
 *
 * Both functions take any Kysely instance, a transaction included, so the
 * caller records usages in the same transaction that saves its record.
 */

/**
 * Any Kysely instance or transaction, whatever its table types: callers pass
 * their own (a page service's transaction), and these functions only touch
 * the media tables, typed here.
 */
export interface AnyKysely {
  readonly isTransaction: boolean;
}

function ownedBy(db: AnyKysely) {
  return db as Kysely<CmsMediaTables>;
}

/**
 * Replaces the usages of `owner` by `mediaIds` (duplicates ignored; an empty
 * list clears them). Every id must be a file of that vendor (or, for
 * `vendorId` null, of the platform): another vendor's id is
 * CMS_MEDIA_NOT_FOUND, and nothing is changed.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('cms_pages').set(...).execute();
 *   await recordMediaUsage(trx, { vendorId: 7, owner: `cms_page:${page.id}`, mediaIds: [12, 15] });
 * });
 */
export async function recordMediaUsage(db: AnyKysely, input: { library: MediaLibrary; owner: string; mediaIds: readonly number[] }): Promise<void> {
  const k = ownedBy(db);
  const ids = [...new Set(input.mediaIds)];
  const vendorId = typeof input.library === 'number' ? input.library : null;
  if (ids.length > 0) {
    const query = inLibrary(k.selectFrom('cms_media').select('id').where('id', 'in', ids), input.library);
    const found = new Set((await query.execute()).map((r) => r.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new AppError(CMS_ERRORS.CMS_MEDIA_NOT_FOUND, { file: missing });
  }
  await k.deleteFrom('cms_media_usage').where('owner', '=', input.owner).execute();
  if (ids.length > 0) {
    await k
      .insertInto('cms_media_usage')
      .values(ids.map((id) => ({ media_id: id, vendor_id: vendorId, owner: input.owner })))
      .execute();
  }
}

/** Whether `id` is a file of the library. */
export async function mediaExists(db: AnyKysely, library: MediaLibrary, id: number): Promise<boolean> {
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return false;
  const query = inLibrary(ownedBy(db).selectFrom('cms_media').select('id').where('id', '=', id), library);
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * Whose files: a vendor's (its id), or a platform's own (no vendor). A
 * platform's files are its alone, so another platform's admins never reach them.
 */
export type MediaLibrary = number | { readonly platformId: number };

/** Narrows a query on `cms_media` to one library. */
export function inLibrary<Q extends { where: (...args: never[]) => unknown }>(query: Q, library: MediaLibrary): Q {
  const q = query as unknown as { where(column: string, op: string, value: unknown): typeof q };
  const narrowed = typeof library === 'number' ? q.where('cms_media.vendor_id', '=', library) : q.where('cms_media.vendor_id', 'is', null).where('cms_media.platform_id', '=', library.platformId);
  return narrowed as unknown as Q;
}
