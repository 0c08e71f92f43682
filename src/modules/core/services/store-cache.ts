import type { Notifier } from '../../../core/database/database.ts';
import { TENANCY_CHANGED_CHANNEL } from '../../../core/tenants.ts';

/** Notified (payload `v:<vendor id>` or `p:<platform id>`) whenever store or platform settings change. */
export const CORE_SETTINGS_CHANGED_CHANNEL = 'wizamart_core_settings_changed';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly value: Promise<unknown>;
  readonly expires: number;
}

/**
 * The storefront's view of a store's settings, cached in memory per vendor:
 * every storefront page shows the store's name, address and hours, and they
 * rarely change. A save drops the vendor's entry here and, over LISTEN/
 * NOTIFY, on every other instance; a platform save drops them all (their
 * default languages come from it); a tenancy change (a vendor renamed by an
 * admin) drops everything. The TTL only covers a lost notification.
 */
export class StoreCache {
  readonly #entries = new Map<number, Entry>();

  get<T>(vendorId: number, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.#entries.get(vendorId);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const value = load();
    this.#entries.set(vendorId, { value, expires: now + TTL_MS });
    // A failed load is not remembered: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(vendorId)?.value === value) this.#entries.delete(vendorId);
    });
    return value;
  }

  /**
   * Applies a change message: `v:<vendor id>` drops that store; anything
   * else (`p:<platform id>`, a tenancy change) drops every store, as
   * platform changes are rare and reach many stores.
   */
  drop(message: string): void {
    const match = /^v:(\d+)$/.exec(message);
    if (match) this.#entries.delete(Number(match[1]));
    else this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

// One cache per database handle: several apps (tests) can live in one process.
const caches = new WeakMap<object, StoreCache>();
const listening = new WeakMap<object, Promise<() => Promise<void>>>();

export function storeCacheFor(db: object): StoreCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new StoreCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Subscribes the database's cache to the settings and tenancy channels,
 * once per database; returns the unsubscribe function (for the app's onClose).
 */
export function listenForStoreChanges(db: object, notifier: Notifier): Promise<() => Promise<void>> {
  let subscription = listening.get(db);
  if (!subscription) {
    const cache = storeCacheFor(db);
    const started = Promise.all([
      notifier.listen(CORE_SETTINGS_CHANGED_CHANNEL, (message) => cache.drop(message)),
      notifier.listen(TENANCY_CHANGED_CHANNEL, () => cache.drop('*')),
    ]);
    subscription = started.then((unlisteners) => async () => {
      // A rebuilt app on the same database (the dev server) subscribes again.
      if (listening.get(db) === subscription) listening.delete(db);
      await Promise.all(unlisteners.map((unlisten) => unlisten()));
    });
    listening.set(db, subscription);
  }
  return subscription;
}

/** After a save: drop the local entries now, and tell the other instances. */
export async function announceSettingsChange(db: object, notifier: Notifier, owner: { vendorId: number } | { platformId: number }): Promise<void> {
  const message = 'vendorId' in owner ? `v:${owner.vendorId}` : `p:${owner.platformId}`;
  storeCacheFor(db).drop(message);
  await notifier.notify(CORE_SETTINGS_CHANGED_CHANNEL, message);
}
