import { sql } from 'kysely';
import { VendorScope } from '../../core/database/vendor-scope.ts';
import type { DashboardWidget, WidgetInput } from '../widgets.ts';
import type { CrmTables, CrmVendorTables } from './models/crm.model.ts';

/** Days that count as "new" on the dashboard cards. */
const RECENT_DAYS = 30;

const counts = sql<string>`count(*) filter (where customers.created_at >= now() - make_interval(days => ${RECENT_DAYS}))`;

/**
 * The vendor dashboard's "Customers" card: how many customers the shop
 * has, how many signed up in the last 30 days (linking to that filter),
 * and a link to the list. One query, through the vendor's scope.
 */
export const vendorCustomersWidget: DashboardWidget = {
  id: 'customers',
  title: 'customers:widgets.customers.title',
  permission: 'customers.view',
  order: 50,
  async load(input: WidgetInput) {
    const vendorId = input.vendorId;
    const vendorCode = input.principal.vendor?.code;
    if (vendorId === null || !vendorCode) return null;
    const scope = new VendorScope(input.db.withTables<CrmTables>(), vendorId);
    const row = await scope.selectFrom('customers').select([(eb) => eb.fn.countAll<string>().as('total'), counts.as('recent')]).executeTakeFirstOrThrow();
    const base = `/vendor/${vendorCode}/customers`;
    const total = Number(row.total);
    if (total === 0) {
      return { empty: input.t('customers:widgets.customers.empty'), link: { label: input.t('customers:widgets.customers.open'), href: input.url(base) } };
    }
    return {
      stats: [
        { label: input.t('customers:widgets.customers.total'), value: total, href: input.url(base) },
        { label: input.t('customers:widgets.customers.recent', { days: RECENT_DAYS }), value: Number(row.recent), href: input.url(`${base}?signed_up=30d`) },
      ],
      link: { label: input.t('customers:widgets.customers.open'), href: input.url(base) },
    };
  },
};

/** The admin dashboard's card: customers of all the platform's shops, and how many shops have any. */
export const adminCustomersWidget: DashboardWidget = {
  id: 'platform-customers',
  title: 'customers:widgets.platform_customers.title',
  permission: 'customers.view',
  order: 50,
  async load(input: WidgetInput) {
    const db = input.db.withTables<CrmTables & CrmVendorTables>();
    const row = await db
      .selectFrom('customers')
      .innerJoin('vendors', 'vendors.id', 'customers.vendor_id')
      .innerJoin('platforms', 'platforms.id', 'vendors.platform_id')
      .where('platforms.code', '=', input.platform.code)
      .select([(eb) => eb.fn.countAll<string>().as('total'), counts.as('recent'), sql<string>`count(distinct customers.vendor_id)`.as('shops')])
      .executeTakeFirstOrThrow();
    const total = Number(row.total);
    const link = { label: input.t('customers:widgets.platform_customers.open'), href: input.url('/admin/customers') };
    if (total === 0) return { empty: input.t('customers:widgets.platform_customers.empty'), link };
    return {
      stats: [
        { label: input.t('customers:widgets.platform_customers.total'), value: total, href: link.href },
        { label: input.t('customers:widgets.customers.recent', { days: RECENT_DAYS }), value: Number(row.recent) },
        { label: input.t('customers:widgets.platform_customers.shops'), value: Number(row.shops) },
      ],
      link,
    };
  },
};
