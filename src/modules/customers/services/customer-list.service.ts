import { toAddress, type Address } from './address.service.ts';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import type { CustomerAddressRow, CustomerRow, CustomerStatus } from '../models/customer.model.ts';
import type { CrmTables, SegmentMatch } from '../models/crm.model.ts';
import { DEFAULT_SORT, filterConditions, type CustomerFilters, type CustomerSort } from './customer-list.filters.ts';
import { segmentCondition, storedRules, TAG_MAX_LENGTH, TAG_PATTERN } from './segment-rules.ts';

export const PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
export const MAX_TAGS = 20;
const TAG_REGEX = new RegExp(TAG_PATTERN);

/** A customer as the back office lists it. */
export interface CustomerSummary {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly language: string;
  readonly status: CustomerStatus;
  readonly emailVerifiedAt: Date | null;
  readonly marketingOptIn: boolean;
  readonly tags: readonly string[];
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
}

/** An address as the back office shows it: the storefront's own shape. */
export type CustomerAddress = Address;

export interface CustomerDetail extends CustomerSummary {
  readonly updatedAt: Date;
  readonly addresses: readonly CustomerAddress[];
}

export interface CustomerPage {
  readonly customers: readonly CustomerSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface PageRequest {
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
  readonly sort?: CustomerSort | undefined;
}

type Where = (eb: ExpressionBuilder<CrmTables, 'customers'>) => Expression<SqlBool>;

/**
 * The vendor back office's view of its customers: the filtered, sorted and
 * paged list, one customer with its addresses, and the changes staff make
 * (tags, status). Every query goes through the vendor's scope, so another
 * vendor's customer id is "not found", exactly like an id that does not
 * exist. Storefront registration and sign-in are the customers service's.
 *
 * @example
 * const customers = CustomerListService.forPrincipal(app.wizamart, request.principal);
 * const { customers: rows, total } = await customers.list({ q: 'dupont', tag: 'vip' }, { page: 2 });
 */
export class CustomerListService {
  readonly scope: VendorScope<CrmTables>;
  readonly #onDisabled: ((customerId: number) => Promise<unknown>) | undefined;

  constructor(scope: VendorScope<CrmTables>, options: { onDisabled?: (customerId: number) => Promise<unknown> } = {}) {
    this.scope = scope;
    this.#onDisabled = options.onDisabled;
  }

  /** The customers of the vendor the principal's session is bound to; disabling one ends its storefront sessions. */
  static forPrincipal(ctx: Pick<AppContext, 'database' | 'auth'>, principal: Principal | undefined): CustomerListService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new CustomerListService(new VendorScope(ctx.database.db.withTables<CrmTables>(), vendorId), {
      onDisabled: (id) => ctx.auth.sessions.revokeAllForUser('customer', id, { reason: 'account_disabled' }),
    });
  }

  /**
   * The condition of `filters` as one function of the query, with a
   * segment filter resolved to its rules (CUSTOMERS_SEGMENT_NOT_FOUND when
   * it is not one of this vendor's segments).
   */
  async where(filters: CustomerFilters): Promise<Where> {
    let segment: { match: SegmentMatch; rules: ReturnType<typeof storedRules> } | undefined;
    if (filters.segment !== undefined) {
      const row = await this.scope.selectFrom('customer_segments').select(['match', 'rules']).where('id', '=', filters.segment).executeTakeFirst();
      if (!row) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_NOT_FOUND, { segment: filters.segment });
      segment = { match: row.match, rules: storedRules(row.rules) };
    }
    return (eb) => eb.and([...filterConditions(eb, filters), ...(segment ? [segmentCondition(eb, segment)] : [])]);
  }

  /** One page of the customers matching `filters`, and how many match in all. */
  async list(filters: CustomerFilters, request: PageRequest = {}): Promise<CustomerPage> {
    const pageSize = Math.min(Math.max(1, request.pageSize ?? PAGE_SIZE), MAX_PAGE_SIZE);
    const page = Math.max(1, request.page ?? 1);
    const where = await this.where(filters);
    const [rows, count] = await Promise.all([
      orderBy(this.scope.selectFrom('customers').selectAll('customers').where(where), request.sort ?? DEFAULT_SORT)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      this.scope.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where(where).executeTakeFirstOrThrow(),
    ]);
    return { customers: rows.map(toSummary), total: Number(count.n), page, pageSize };
  }

  /** How many customers the vendor has, and how many signed up in the last `days` days (dashboard card). */
  async counts(days = 30): Promise<{ total: number; recent: number }> {
    const row = await this.scope
      .selectFrom('customers')
      .select([
        (eb) => eb.fn.countAll<string>().as('total'),
        sql<string>`count(*) filter (where customers.created_at >= now() - make_interval(days => ${days}))`.as('recent'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), recent: Number(row.recent) };
  }

  async get(id: number): Promise<CustomerDetail> {
    const [row, addresses] = await Promise.all([
      this.scope.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst(),
      this.scope
        .selectFrom('customer_addresses')
        .selectAll()
        .where('customer_id', '=', id)
        .orderBy('is_default_shipping', 'desc')
        .orderBy('is_default_billing', 'desc')
        .orderBy('id')
        .execute(),
    ]);
    if (!row) throw notFound(id);
    return { ...toSummary(row), updatedAt: row.updated_at, addresses: addresses.map(toAddress) };
  }

  /** Replaces the customer's tags (lower-cased, duplicates dropped, at most MAX_TAGS). */
  async setTags(id: number, tags: readonly string[]): Promise<CustomerDetail> {
    const checked = checkTags(tags);
    const result = await this.scope
      .updateTable('customers')
      .set({ tags: JSON.stringify(checked), updated_at: new Date() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound(id);
    return this.get(id);
  }

  /** Adds one tag (or several, separated by commas or spaces); one the customer has already is kept once. */
  async addTags(id: number, input: string): Promise<CustomerDetail> {
    const added = splitTags(input);
    if (added.length === 0) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_TAG_INVALID, { tag: '', max: TAG_MAX_LENGTH });
    return this.#changeTags(id, (current) => [...current, ...added]);
  }

  async removeTag(id: number, tag: string): Promise<CustomerDetail> {
    const gone = tag.trim().toLowerCase();
    return this.#changeTags(id, (current) => current.filter((t) => t !== gone));
  }

  async #changeTags(id: number, change: (current: string[]) => string[]): Promise<CustomerDetail> {
    await this.scope.db.transaction().execute(async (trx) => {
      const scope = this.scope.withTransaction(trx);
      const row = await scope.selectFrom('customers').select('tags').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound(id);
      const tags = checkTags(change([...row.tags]));
      await scope.updateTable('customers').set({ tags: JSON.stringify(tags), updated_at: new Date() }).where('id', '=', id).execute();
    });
    return this.get(id);
  }

  /** Enables or disables the account; a disabled customer cannot sign in, and their open sessions end. */
  async setStatus(id: number, status: CustomerStatus): Promise<CustomerDetail> {
    const result = await this.scope.updateTable('customers').set({ status, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound(id);
    if (status === 'disabled') await this.#onDisabled?.(id);
    return this.get(id);
  }

  /** The vendor's most used tags (filter suggestions), counted in the database. */
  async tagNames(limit = 100): Promise<string[]> {
    const tags = this.scope.selectFrom('customers').select(sql<string>`jsonb_array_elements_text(customers.tags)`.as('tag'));
    const rows = await this.scope.db
      .selectFrom(tags.as('t'))
      .select('t.tag')
      .groupBy('t.tag')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('t.tag')
      .limit(limit)
      .execute();
    return rows.map((r) => r.tag);
  }
}

function orderBy<Q extends { orderBy: (...args: never[]) => unknown }>(query: Q, sort: CustomerSort): Q {
  const q = query as unknown as {
    orderBy(expr: unknown, dir?: 'asc' | 'desc'): typeof q;
  };
  let ordered: typeof q;
  switch (sort) {
    case 'oldest':
      ordered = q.orderBy('customers.created_at', 'asc');
      break;
    case 'name':
      ordered = q.orderBy(sql`lower(customers.name)`, 'asc');
      break;
    case 'name_desc':
      ordered = q.orderBy(sql`lower(customers.name)`, 'desc');
      break;
    case 'email':
      ordered = q.orderBy('customers.email', 'asc');
      break;
    case 'last_login':
      ordered = q.orderBy(sql`customers.last_login_at desc nulls last`);
      break;
    case 'newest':
      ordered = q.orderBy('customers.created_at', 'desc');
      break;
  }
  // A stable tie-break, so that no customer appears on two pages or on none.
  return ordered.orderBy('customers.id', sort === 'oldest' ? 'asc' : 'desc') as unknown as Q;
}

function notFound(id: number): AppError {
  return new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOT_FOUND, { customer: id });
}

/** Tags as typed: separated by commas or white space. */
export function splitTags(input: string): string[] {
  return input.split(/[\s,;]+/).filter(Boolean);
}

/** Lower-cased, checked against the tag pattern, duplicates dropped, at most MAX_TAGS. */
export function checkTags(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of raw) {
    const tag = item.trim().toLowerCase();
    if (!TAG_REGEX.test(tag)) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_TAG_INVALID, { tag: item.trim().slice(0, 64), max: TAG_MAX_LENGTH });
    if (!out.includes(tag)) out.push(tag);
  }
  if (out.length > MAX_TAGS) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_TOO_MANY_TAGS, { max: MAX_TAGS });
  return out;
}

export function toSummary(row: CustomerRow): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    status: row.status,
    emailVerifiedAt: row.email_verified_at,
    marketingOptIn: row.marketing_opt_in,
    tags: Array.isArray(row.tags) ? row.tags : [],
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

