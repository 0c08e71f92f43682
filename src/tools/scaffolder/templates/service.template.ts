import type { ScaffoldContext } from '../scaffold-context.ts';

/** `services/<code>.service.ts`: the business rules; routes and tasks call it. */
export function renderService(c: ScaffoldContext): string {
  const p = c.pascal;
  const E = `${c.constant}_ERRORS.${c.constant}`;
  return `import type { Kysely } from 'kysely';
import type { FrameworkTables } from '${c.importFrom('services', 'tables')}';
import { AppError } from '${c.importFrom('services', 'errors')}';
import { ${c.constant}_ERRORS } from '../exceptions.ts';
import type { ${p}ItemRow, ${p}Tables } from '../models/${c.code}-item.model.ts';
import type { Create${p}Item, ${p}Item } from '../schemas/${c.code}.schema.ts';

/**
 * The items of ${c.name}, always scoped to one platform. Errors are
 * AppErrors with the module's codes; the framework maps them to responses.
 *
 * @example
 * const items = new ${p}Service(app.wizamart.database.db);
 * await items.create('wizamart', { name: 'First' });
 */
export class ${p}Service {
  readonly #db: Kysely<FrameworkTables & ${p}Tables>;

  constructor(db: Kysely<FrameworkTables>) {
    this.#db = db.withTables<${p}Tables>();
  }

  /** The platform's items, oldest first, at most \`limit\`. */
  async list(platform: string, limit: number): Promise<${p}Item[]> {
    const rows = await this.#db
      .selectFrom('${c.table}')
      .selectAll()
      .where('platform_code', '=', platform)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }

  async get(platform: string, id: number): Promise<${p}Item> {
    const row = await this.#db
      .selectFrom('${c.table}')
      .selectAll()
      .where('platform_code', '=', platform)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError(${E}_ITEM_NOT_FOUND, { id });
    return toItem(row);
  }

  /** Adds an item; a name the platform already has is refused. */
  async create(platform: string, input: Create${p}Item): Promise<${p}Item> {
    const name = input.name.trim();
    // The unique constraint decides, so two concurrent requests cannot both win.
    const row = await this.#db
      .insertInto('${c.table}')
      .values({ platform_code: platform, name })
      .onConflict((oc) => oc.columns(['platform_code', 'name']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError(${E}_ITEM_NAME_TAKEN, { name });
    return toItem(row);
  }

  /** How many items one platform has, or all platforms together. */
  async count(platform: string | undefined): Promise<number> {
    let query = this.#db.selectFrom('${c.table}').select((eb) => eb.fn.countAll<number>().as('count'));
    if (platform !== undefined) query = query.where('platform_code', '=', platform);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

function toItem(row: ${p}ItemRow): ${p}Item {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
}
`;
}
