import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FrameworkTables } from '../../../core/database/tables.ts';

/** The tables of `inventory_001_stock_locations`, for `db.withTables<InventoryTables>()`. */

export const LOCATION_KINDS = ['warehouse', 'store', 'pickup'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** Vendor-scoped: every row carries its vendor, so it is reached through a VendorScope. */
export interface InventoryLocationsTable {
  id: Generated<number>;
  vendor_id: number;
  /** Upper-case, unique per vendor. */
  code: string;
  name: string;
  kind: ColumnType<LocationKind, LocationKind | undefined, LocationKind>;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: ColumnType<string, string | undefined, string>;
  /** At most one per vendor (partial unique index). */
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/**
 * A type alias, not an interface: Kysely's `withTables` needs an
 * index-signature-compatible shape, which the mapped `Omit<…, never>` of the
 * framework's interface gives (the interface itself has none).
 */
export type InventoryTables = Omit<FrameworkTables, never> & {
  inventory_locations: InventoryLocationsTable;
};

export type InventoryLocationRow = Selectable<InventoryLocationsTable>;
