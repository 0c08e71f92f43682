import type { Kysely } from 'kysely';
import type { Notifier } from './database/database.ts';
import type { FrameworkTables } from './database/tables.ts';

/** A platform's change to one menu item: hidden, or moved to `position`. */
export interface MenuItemOverride {
  readonly hidden: boolean;
  readonly position: number | null;
}

/** `<module>/<item id>`: how a menu item is named in the configuration. */
export function menuItemKey(module: string, id: string): string {
  return `${module}/${id}`;
}

const MENU_CHANGED_CHANNEL = 'wizamart_menu_changed';

/**
 * Per-platform menu configuration: a platform admin hides or reorders
 * the items the modules contribute. Read on every back-office page, so
 * it is cached per platform and frontend, and dropped on every instance
 * when any instance saves a change (LISTEN/NOTIFY).
 */
export class MenuConfigStore {
  readonly #db: Kysely<FrameworkTables>;
  readonly #notifier: Notifier;
  readonly #cache = new Map<string, Promise<ReadonlyMap<string, MenuItemOverride>>>();
  #unlisten: (() => Promise<void>) | undefined;

  constructor(db: Kysely<FrameworkTables>, notifier: Notifier) {
    this.#db = db;
    this.#notifier = notifier;
  }

  async start(): Promise<void> {
    this.#unlisten = await this.#notifier.listen(MENU_CHANGED_CHANNEL, (key) => this.#cache.delete(key));
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
  }

  /** The overrides of a platform's menu for one frontend, by item key. */
  get(platform: string, frontend: string): Promise<ReadonlyMap<string, MenuItemOverride>> {
    const key = `${platform}|${frontend}`;
    let entry = this.#cache.get(key);
    if (!entry) {
      entry = this.#load(platform, frontend);
      entry.catch(() => this.#cache.delete(key));
      this.#cache.set(key, entry);
    }
    return entry;
  }

  /**
   * Replaces a platform's overrides for one frontend in one transaction:
   * `items` lists every item in the wanted order with its hidden flag.
   */
  async save(platform: string, frontend: string, items: ReadonlyArray<{ key: string; hidden: boolean }>, actor: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('platforms').select('id').where('code', '=', platform).executeTakeFirst();
      if (!row) throw new Error(`platform "${platform}" does not exist`);
      await trx.deleteFrom('platform_menu_config').where('platform_id', '=', row.id).where('frontend', '=', frontend).execute();
      if (items.length > 0) {
        await trx
          .insertInto('platform_menu_config')
          .values(items.map((item, index) => ({ platform_id: row.id, frontend, item_key: item.key, hidden: item.hidden, position: index + 1, updated_by: actor })))
          .execute();
      }
    });
    const key = `${platform}|${frontend}`;
    this.#cache.delete(key);
    await this.#notifier.notify(MENU_CHANGED_CHANNEL, key);
  }

  /** Back to the modules' own order, nothing hidden. */
  async reset(platform: string, frontend: string, actor: string): Promise<void> {
    await this.save(platform, frontend, [], actor);
  }

  async #load(platform: string, frontend: string): Promise<ReadonlyMap<string, MenuItemOverride>> {
    const rows = await this.#db
      .selectFrom('platform_menu_config')
      .innerJoin('platforms', 'platforms.id', 'platform_menu_config.platform_id')
      .select(['item_key', 'hidden', 'position'])
      .where('platforms.code', '=', platform)
      .where('frontend', '=', frontend)
      .execute();
    return new Map(rows.map((r) => [r.item_key, { hidden: r.hidden, position: r.position }]));
  }
}
