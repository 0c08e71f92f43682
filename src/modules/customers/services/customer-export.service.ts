import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import type { CustomerFilters } from './customer-list.filters.ts';
import type { CustomerListService } from './customer-list.service.ts';

type Where = Awaited<ReturnType<CustomerListService['where']>>;

/**
 * The CSV export of the vendor's customers, with the list's filters. Its
 * header row is machine-readable English whatever the reader's language
 * (spreadsheets and imports key on it). Rows are read in batches by id and
 * streamed, so a large customer base never sits in memory at once.
 */
export const EXPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'phone',
  'language',
  'status',
  'verified',
  'marketing_opt_in',
  'tags',
  'signed_up',
  'last_sign_in',
  'default_address',
] as const;

const BATCH = 500;

/**
 * A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * and tab or carriage return, which some of them strip first) is prefixed
 * with `'`, the OWASP advice against CSV injection: a customer who
 * registers as `=HYPERLINK(...)` cannot reach the vendor's spreadsheet.
 * A phone number `+352 …` therefore reads `'+352 …`.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The filtered customers as CSV, oldest first. The filters (a segment of
 * another vendor, say) are resolved before anything is sent, so such an
 * error is a normal error answer; later, the stream fails if the database does.
 */
export async function exportCustomersCsv(customers: CustomerListService, filters: CustomerFilters): Promise<Readable> {
  const where = await customers.where(filters);
  const out = stringify({ header: true, columns: [...EXPORT_COLUMNS], cast: { boolean: (b) => (b ? 'true' : 'false') } });
  const rows = Readable.from(batches(customers, where));
  pipeline(rows, out).catch(() => {
    // pipeline already destroyed `out` with the error; the response ends with it.
  });
  return out;
}

async function* batches(customers: CustomerListService, where: Where): AsyncGenerator<Record<string, string | boolean>> {
  let after = 0;
  for (;;) {
    const rows = await customers.scope
      .selectFrom('customers')
      .select([
        'customers.id',
        'customers.name',
        'customers.email',
        'customers.phone',
        'customers.language',
        'customers.status',
        'customers.email_verified_at',
        'customers.marketing_opt_in',
        'customers.tags',
        'customers.created_at',
        'customers.last_login_at',
        // The default shipping address, else the default billing one, else the first.
        sql<string | null>`(
          select concat_ws(', ', a.line1, nullif(a.line2, ''), a.postal_code || ' ' || a.city, a.country)
          from customer_addresses a
          where a.customer_id = customers.id and a.vendor_id = customers.vendor_id
          order by a.is_default_shipping desc, a.is_default_billing desc, a.id
          limit 1
        )`.as('default_address'),
      ])
      .where(where)
      .where('customers.id', '>', after)
      .orderBy('customers.id')
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      yield {
        id: String(r.id),
        name: safeCell(r.name),
        email: safeCell(r.email),
        phone: safeCell(r.phone ?? ''),
        language: r.language,
        status: r.status,
        verified: r.email_verified_at !== null,
        marketing_opt_in: r.marketing_opt_in,
        tags: safeCell((Array.isArray(r.tags) ? r.tags : []).join(' ')),
        signed_up: r.created_at.toISOString(),
        last_sign_in: r.last_login_at ? r.last_login_at.toISOString() : '',
        default_address: safeCell(r.default_address ?? ''),
      };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}
