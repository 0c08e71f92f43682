import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';

/** The tables of `customers_001_customers`, for `db.withTables<CustomersTables>()`. */

export const CUSTOMER_STATUSES = ['active', 'disabled'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

type Timestamp = ColumnType<Date, never, never>;
type Updated = ColumnType<Date, Date | undefined, Date>;

/** Vendor-scoped: a customer belongs to one vendor's storefront. */
export interface CustomersTable {
  id: Generated<number>;
  vendor_id: number;
  /** Lower-case; unique per vendor. */
  email: string;
  name: string;
  phone: string | null;
  /** en, de, fr or lu. */
  language: ColumnType<string, string | undefined, string>;
  /** Null until the customer sets a password. */
  password_hash: string | null;
  status: ColumnType<CustomerStatus, CustomerStatus | undefined, CustomerStatus>;
  email_verified_at: Date | null;
  marketing_opt_in: ColumnType<boolean, boolean | undefined, boolean>;
  /** Lower-case tags, a JSON array (written as `JSON.stringify(tags)`). */
  tags: ColumnType<string[], string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Updated;
  last_login_at: Date | null;
}

export interface CustomerAddressesTable {
  id: Generated<number>;
  vendor_id: number;
  customer_id: number;
  label: string | null;
  name: string;
  company: string | null;
  line1: string;
  line2: string | null;
  postal_code: string;
  city: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: ColumnType<string, string | undefined, string>;
  phone: string | null;
  is_default_shipping: ColumnType<boolean, boolean | undefined, boolean>;
  is_default_billing: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Updated;
}

/** A type alias (not an interface) so that Kysely's `withTables` accepts it. */
export type CustomersTables = Omit<FrameworkTables, never> & {
  customers: CustomersTable;
  customer_addresses: CustomerAddressesTable;
};

export type CustomerRow = Selectable<CustomersTable>;
export type CustomerAddressRow = Selectable<CustomerAddressesTable>;
