import type { Kysely } from 'kysely';
import type { Notifier } from '../../../core/database/database.ts';

/** Notified (payload `v:<vendor id>` or `p:<platform id>`) whenever a content page changes. */
export const CMS_PAGES_CHANGED_CHANNEL = 'wizamart_cms_pages_changed';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly value: Promise<unknown>;
  readonly expires: number;
}

/**
 * What storefronts read about pages on every request (the footer list, a
 * page by its address), cached in memory per platform and vendor. A save
 * drops the vendor's entries here and, through LISTEN/NOTIFY, on every
 * other instance; a change to a platform default drops the whole
 * platform's, as every shop there may show it. The TTL is only a safety
 * net for a lost notification.
 *
 * Keys are `<platform id>/<vendor id or 0>/<what>`.
 */
export class PageCache {
  readonly #entries = new Map<string, Entry>();

  get<T>(platformId: number, vendorId: number | null, what: string, load: () => Promise<T>): Promise<T> {
    const key = `${platformId}/${vendorId ?? 0}/${what}`;
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const value = load();
    this.#entries.set(key, { value, expires: now + TTL_MS });
    // A failed load is not remembered: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  /** Applies a change message: `v:<vendor id>` or `p:<platform id>`. */
  drop(message: string): void {
    const [kind, id] = message.split(':');
    if (!id || !/^\d+$/.test(id)) {
      this.#entries.clear();
      return;
    }
    for (const key of this.#entries.keys()) {
      const [platform, vendor] = key.split('/');
      if ((kind === 'v' && vendor === id) || (kind === 'p' && platform === id)) this.#entries.delete(key);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

// One cache per database handle: several apps (tests) can live in one process.
const caches = new WeakMap<object, PageCache>();
const listening = new WeakMap<object, Promise<() => Promise<void>>>();

export function pageCacheFor(db: Kysely<never> | object): PageCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new PageCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Subscribes the database's cache to the change channel, once per
 * database; returns the unsubscribe function (for the app's onClose).
 */
export function listenForPageChanges(db: object, notifier: Notifier): Promise<() => Promise<void>> {
  let subscription = listening.get(db);
  if (!subscription) {
    const cache = pageCacheFor(db);
    const started = notifier.listen(CMS_PAGES_CHANGED_CHANNEL, (message) => cache.drop(message));
    subscription = started.then((unlisten) => async () => {
      // A rebuilt app on the same database (the dev server) subscribes again.
      if (listening.get(db) === subscription) listening.delete(db);
      await unlisten();
    });
    listening.set(db, subscription);
  }
  return subscription;
}

/** After a save: drop the local entries now, and tell the other instances. */
export async function announcePageChange(db: object, notifier: Notifier, owner: { vendorId: number | null; platformId: number }): Promise<void> {
  const message = owner.vendorId === null ? `p:${owner.platformId}` : `v:${owner.vendorId}`;
  pageCacheFor(db).drop(message);
  await notifier.notify(CMS_PAGES_CHANGED_CHANNEL, message);
}
