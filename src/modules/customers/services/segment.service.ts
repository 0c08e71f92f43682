import { sql } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';
import type { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import { SEGMENT_MATCHES, type CrmTables, type CustomerSegmentRow, type SegmentMatch } from '../models/crm.model.ts';
import { CustomerListService, type CustomerPage, type PageRequest } from './customer-list.service.ts';
import { checkRules, segmentCondition, storedRules, type SegmentRule } from './segment-rules.ts';

export const SEGMENT_NAME_MAX_LENGTH = 120;
export const SEGMENT_DESCRIPTION_MAX_LENGTH = 500;
const NAME_KEY = 'customer_segments_vendor_name_key';

export interface Segment {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly match: SegmentMatch;
  /** Null when the stored rules cannot be read (the segment then matches nobody). */
  readonly rules: readonly SegmentRule[] | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface SegmentWithCount extends Segment {
  readonly memberCount: number;
}

/** What a caller gives; raw as typed, checked here. */
export interface SegmentInput {
  readonly name: string;
  readonly description?: string | null | undefined;
  /** `all` (default) or `any`. */
  readonly match?: string | undefined;
  readonly rules: readonly unknown[];
}

/**
 * A vendor's customer segments: named rules ("signed up in the last 30
 * days", "tag is vip") whose members are computed by one query each time
 * they are asked for. Member lists use the customer list's paging; the
 * segment list counts every segment's members in a single query.
 *
 * @example
 * const segments = SegmentService.forPrincipal(app.wizamart, request.principal);
 * const vip = await segments.create({ name: 'VIP', rules: [{ kind: 'tag_is', tag: 'vip' }] });
 * const { customers, total } = await segments.members(vip.id, { page: 1 });
 */
export class SegmentService {
  readonly #scope: VendorScope<CrmTables>;
  readonly #customers: CustomerListService;

  constructor(scope: VendorScope<CrmTables>, customers = new CustomerListService(scope)) {
    this.#scope = scope;
    this.#customers = customers;
  }

  static forPrincipal(ctx: Pick<AppContext, 'database' | 'auth'>, principal: Principal | undefined): SegmentService {
    const customers = CustomerListService.forPrincipal(ctx, principal);
    return new SegmentService(customers.scope, customers);
  }

  /** The vendor's segments by name, without counting (filter choices). */
  async names(): Promise<Array<{ id: number; name: string }>> {
    return this.#scope.selectFrom('customer_segments').select(['id', 'name']).orderBy(sql`lower(name)`).orderBy('id').execute();
  }

  /** The vendor's segments by name, each with its number of members now. */
  async list(): Promise<SegmentWithCount[]> {
    const rows = await this.#scope.selectFrom('customer_segments').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute();
    const segments = rows.map(toSegment);
    const counts = await this.#counts(segments);
    return segments.map((s, i) => ({ ...s, memberCount: counts[i] ?? 0 }));
  }

  async get(id: number): Promise<Segment> {
    const row = await this.#scope.selectFrom('customer_segments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return toSegment(row);
  }

  async getWithCount(id: number): Promise<SegmentWithCount> {
    const segment = await this.get(id);
    const [count] = await this.#counts([segment]);
    return { ...segment, memberCount: count ?? 0 };
  }

  async create(input: SegmentInput): Promise<Segment> {
    const values = checkInput(input);
    try {
      const row = await this.#scope.insertInto('customer_segments', { ...values, rules: JSON.stringify(values.rules) }).returningAll().executeTakeFirstOrThrow();
      return toSegment(row);
    } catch (error) {
      throw nameTaken(error, values.name);
    }
  }

  async update(id: number, input: SegmentInput): Promise<Segment> {
    const values = checkInput(input);
    try {
      const row = await this.#scope
        .updateTable('customer_segments')
        .set({ ...values, rules: JSON.stringify(values.rules), updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound(id);
      return toSegment(row);
    } catch (error) {
      throw nameTaken(error, values.name);
    }
  }

  async delete(id: number): Promise<void> {
    const result = await this.#scope.deleteFrom('customer_segments').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw notFound(id);
  }

  /** One page of the segment's members, with the customer list's sorting and paging. */
  async members(id: number, request: PageRequest = {}): Promise<CustomerPage> {
    // The segment filter itself answers CUSTOMERS_SEGMENT_NOT_FOUND for an id that is not this vendor's.
    return this.#customers.list({ segment: id }, request);
  }

  /** The segments a customer is in now, by name (one query for all of them). */
  async segmentsOf(customerId: number): Promise<Segment[]> {
    const segments = (await this.#scope.selectFrom('customer_segments').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute()).map(toSegment);
    if (segments.length === 0) return [];
    const row = await this.#scope
      .selectFrom('customers')
      .select((eb) => segments.map((s, i) => eb.case().when(segmentCondition(eb, s)).then(true).else(false).end().as(`s${i}`)))
      .where('customers.id', '=', customerId)
      .executeTakeFirst();
    if (!row) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOT_FOUND, { customer: customerId });
    const flags = row as unknown as Record<string, boolean>;
    return segments.filter((_, i) => flags[`s${i}`] === true);
  }

  /** Members per segment, counted together: one pass over the vendor's customers whatever the number of segments. */
  async #counts(segments: readonly Segment[]): Promise<number[]> {
    if (segments.length === 0) return [];
    const row = await this.#scope
      .selectFrom('customers')
      .select((eb) => segments.map((s, i) => sql<string>`count(*) filter (where ${segmentCondition(eb, s)})`.as(`s${i}`)))
      .executeTakeFirstOrThrow();
    const counts = row as unknown as Record<string, string | number>;
    return segments.map((_, i) => Number(counts[`s${i}`] ?? 0));
  }
}

function notFound(id: number): AppError {
  return new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_NOT_FOUND, { segment: id });
}

function nameTaken(error: unknown, name: string): unknown {
  return isUniqueViolation(error, NAME_KEY) ? new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_NAME_TAKEN, { name }, { cause: error }) : error;
}

function checkInput(input: SegmentInput): { name: string; description: string | null; match: SegmentMatch; rules: SegmentRule[] } {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > SEGMENT_NAME_MAX_LENGTH) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_NAME_INVALID, { max: SEGMENT_NAME_MAX_LENGTH });
  const description = input.description?.trim() ?? '';
  if (description.length > SEGMENT_DESCRIPTION_MAX_LENGTH) {
    throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_DESCRIPTION_INVALID, { max: SEGMENT_DESCRIPTION_MAX_LENGTH });
  }
  const matchRaw = (input.match ?? 'all').trim().toLowerCase();
  // The API's schema allows only all|any; a forged form value reads as the default rather than failing.
  const match: SegmentMatch = (SEGMENT_MATCHES as readonly string[]).includes(matchRaw) ? (matchRaw as SegmentMatch) : 'all';
  return { name, description: description || null, match, rules: checkRules(input.rules) };
}

function toSegment(row: CustomerSegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    match: row.match,
    rules: storedRules(row.rules),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
