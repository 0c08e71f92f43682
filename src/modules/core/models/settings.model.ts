import type { ColumnType } from 'kysely';

/** The tables of `core_001_settings`, for `db.withTables<CoreSettingsTables>()`. */

type Json<T> = ColumnType<T, string, string>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day of the week: open from `open` to `close` (HH:MM, local time), or closed. */
export type DayHours = { readonly closed: true } | { readonly closed: false; readonly open: string; readonly close: string };

/** Opening hours by day; a missing day is closed. */
export type OpeningHours = Readonly<Partial<Record<Weekday, DayHours>>>;

/** Vendor-scoped (primary key `vendor_id`): read and written through a VendorScope. */
export interface CoreVendorSettingsTable {
  vendor_id: number;
  contact_email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: ColumnType<string, string | undefined, string>;
  vat_number: string | null;
  currency: ColumnType<string, string | undefined, string>;
  languages: Json<string[]>;
  default_language: ColumnType<string, string | undefined, string>;
  opening_hours: Json<OpeningHours>;
  updated_at: UpdatedAt;
}

export interface CorePlatformSettingsTable {
  platform_id: number;
  support_email: string | null;
  support_phone: string | null;
  legal_name: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: ColumnType<string, string | undefined, string>;
  vat_number: string | null;
  currency: ColumnType<string, string | undefined, string>;
  languages: Json<string[]>;
  default_language: ColumnType<string, string | undefined, string>;
  updated_at: UpdatedAt;
}

// A type alias, not an interface: `withTables` needs an index-signature-compatible shape.
export type CoreSettingsTables = {
  core_vendor_settings: CoreVendorSettingsTable;
  core_platform_settings: CorePlatformSettingsTable;
};
