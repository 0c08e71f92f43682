import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { CrmTables, CrmVendorTables } from '../models/crm.model.ts';
import { filterConditions, type CustomerFilters } from './customer-list.filters.ts';
import { PAGE_SIZE, toSummary, type CustomerSummary } from './customer-list.service.ts';

export interface PlatformCustomer extends CustomerSummary {
  readonly vendorCode: string;
  readonly vendorName: string;
}

export interface PlatformCustomerPage {
  readonly customers: readonly PlatformCustomer[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

type Db = Kysely<CrmTables & CrmVendorTables>;

/**
 * The platform admin's read-only view of the customers of every shop on
 * one platform, newest first, with the shop they belong to. It reaches
 * across vendors on purpose, and is bounded by the platform instead: a
 * shop of another platform never shows. Segments are a vendor's own and
 * are not offered here.
 */
export class PlatformCustomerListService {
  readonly #db: Db;

  constructor(db: Kysely<FrameworkTables>) {
    this.#db = db.withTables<CrmTables & CrmVendorTables>();
  }

  /** The platform's shops that have customers (the vendor filter's choices). */
  async vendors(platformCode: string): Promise<Array<{ code: string; name: string }>> {
    return this.#db
      .selectFrom('vendors')
      .innerJoin('platforms', 'platforms.id', 'vendors.platform_id')
      .where('platforms.code', '=', platformCode)
      .where((eb) => eb.exists(eb.selectFrom('customers').select(sql`1`.as('one')).whereRef('customers.vendor_id', '=', 'vendors.id')))
      .select(['vendors.code', 'vendors.name'])
      .orderBy(sql`lower(vendors.name)`)
      .execute();
  }

  async list(platformCode: string, filters: Omit<CustomerFilters, 'segment'> & { readonly vendor?: string | undefined }, page = 1): Promise<PlatformCustomerPage> {
    const base = () => {
      let q = this.#db
        .selectFrom('customers')
        .innerJoin('vendors', 'vendors.id', 'customers.vendor_id')
        .innerJoin('platforms', 'platforms.id', 'vendors.platform_id')
        .where('platforms.code', '=', platformCode)
        // The filters name only `customers` columns, which the joined query has too.
        .where((eb) => eb.and(filterConditions(eb as unknown as ExpressionBuilder<CrmTables, 'customers'>, filters)));
      if (filters.vendor) q = q.where('vendors.code', '=', filters.vendor);
      return q;
    };
    const [rows, count] = await Promise.all([
      base()
        .selectAll('customers')
        .select(['vendors.code as vendor_code', 'vendors.name as vendor_name'])
        .orderBy('customers.created_at', 'desc')
        .orderBy('customers.id', 'desc')
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .execute(),
      base().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      customers: rows.map((r) => ({ ...toSummary(r), vendorCode: r.vendor_code, vendorName: r.vendor_name })),
      total: Number(count.n),
      page,
      pageSize: PAGE_SIZE,
    };
  }
}
