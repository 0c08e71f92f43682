import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CustomersTables } from './customer.model.ts';

/** The tables of `customers_002_notes_segments`, for `db.withTables<CrmTables>()`. */

export const SEGMENT_MATCHES = ['all', 'any'] as const;
export type SegmentMatch = (typeof SEGMENT_MATCHES)[number];

/** Vendor-scoped: a staff member's note on a customer. */
export interface CustomerNotesTable {
  id: Generated<number>;
  vendor_id: number;
  customer_id: number;
  /** The vendor user who wrote it; null for notes written by the system. */
  author_id: number | null;
  /** The author's name when the note was written. */
  author_name: string;
  body: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** Vendor-scoped: a named set of rules; members are computed, never stored. */
export interface CustomerSegmentsTable {
  id: Generated<number>;
  vendor_id: number;
  /** Unique per vendor, case-insensitively. */
  name: string;
  description: string | null;
  match: ColumnType<SegmentMatch, SegmentMatch | undefined, SegmentMatch>;
  /** A JSON array of rules (see `services/segment-rules.ts`), written as `JSON.stringify(rules)`. */
  rules: ColumnType<unknown[], string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A type alias (not an interface) so that Kysely's `withTables` accepts it. */
export type CrmTables = CustomersTables & {
  customer_notes: CustomerNotesTable;
  customer_segments: CustomerSegmentsTable;
};

/**
 * The few columns of tenancy's `vendors` the admin views read (the vendor
 * column, the platform filter). customers does not import tenancy's
 * internals; both are core modules, so the table is always there.
 */
export type CrmVendorTables = {
  vendors: { id: number; code: string; name: string; platform_id: number };
};

export type CustomerNoteRow = Selectable<CustomerNotesTable>;
export type CustomerSegmentRow = Selectable<CustomerSegmentsTable>;
