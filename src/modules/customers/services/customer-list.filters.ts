import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CUSTOMER_STATUSES, type CustomerStatus } from '../models/customer.model.ts';
import type { CrmTables } from '../models/crm.model.ts';

/**
 * The filters of the vendor's customer list, shared by the list page, the
 * API, the CSV export and the segment member lists, so that "what I see is
 * what I export" holds by construction.
 */
export const SIGNED_UP_PERIODS = ['7d', '30d', '90d', '365d'] as const;
export type SignedUpPeriod = (typeof SIGNED_UP_PERIODS)[number];

export const CUSTOMER_SORTS = ['newest', 'oldest', 'name', 'name_desc', 'email', 'last_login'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const DEFAULT_SORT: CustomerSort = 'newest';

export interface CustomerFilters {
  /** Part of the name, e-mail or phone number; case-insensitive. */
  readonly q?: string | undefined;
  readonly status?: CustomerStatus | undefined;
  /** Lower-case tag the customer carries. */
  readonly tag?: string | undefined;
  readonly language?: Language | undefined;
  /** Signed up within the period, counted back from now. */
  readonly signedUp?: SignedUpPeriod | undefined;
  /** true: e-mail verified; false: not verified. */
  readonly verified?: boolean | undefined;
  /** Only the members of this segment (of the same vendor). */
  readonly segment?: number | undefined;
}

export const PERIOD_DAYS: Readonly<Record<SignedUpPeriod, number>> = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

/** `%`, `_` and `\` typed by a person are literal characters, not patterns. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The conditions of `filters` except `segment` (resolved by the caller, who
 * loads the segment's rules through the vendor's scope). The vendor itself
 * is the VendorScope's condition, never one of these.
 */
export function filterConditions(eb: ExpressionBuilder<CrmTables, 'customers'>, filters: CustomerFilters): Array<Expression<SqlBool>> {
  const out: Array<Expression<SqlBool>> = [];
  const q = filters.q?.trim().replace(/\s+/g, ' ') ?? '';
  if (q !== '') {
    const pattern = likePattern(q);
    const anyOf: Array<Expression<SqlBool>> = [
      eb('customers.name', 'ilike', pattern),
      eb('customers.email', 'ilike', pattern),
      eb('customers.phone', 'ilike', pattern),
    ];
    // "352 621" finds "+352 621 123 456" and "00352621123456": phone numbers are compared by their digits too.
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s+().\/-]+$/.test(q)) {
      anyOf.push(sql<SqlBool>`regexp_replace(coalesce(customers.phone, ''), '[^0-9]', '', 'g') like ${`%${digits}%`}`);
    }
    out.push(eb.or(anyOf));
  }
  if (filters.status) out.push(eb('customers.status', '=', filters.status));
  if (filters.tag) out.push(sql<SqlBool>`customers.tags @> ${JSON.stringify([filters.tag])}::jsonb`);
  if (filters.language) out.push(eb('customers.language', '=', filters.language));
  if (filters.signedUp) out.push(eb('customers.created_at', '>=', sql<Date>`now() - make_interval(days => ${PERIOD_DAYS[filters.signedUp]})`));
  if (filters.verified !== undefined) out.push(eb('customers.email_verified_at', filters.verified ? 'is not' : 'is', null));
  return out;
}

/** Whether any filter narrows the list (for "no customers match" versus "no customers yet"). */
export function isFiltered(filters: CustomerFilters): boolean {
  return Boolean(filters.q?.trim() || filters.status || filters.tag || filters.language || filters.signedUp || filters.verified !== undefined || filters.segment);
}

/**
 * Filters from a query string a person typed or a link kept: unknown or
 * malformed values are dropped (the list shows everything for that filter)
 * rather than failing the page. The API validates strictly instead.
 */
export function filtersOfQuery(query: Readonly<Record<string, unknown>>): CustomerFilters {
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim() : '');
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const value = text(key).toLowerCase();
    return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  };
  const tag = text('tag').toLowerCase();
  const verified = text('verified');
  const segment = Number(text('segment'));
  return {
    q: text('q').slice(0, 200) || undefined,
    status: pick('status', CUSTOMER_STATUSES),
    tag: /^[a-z0-9][a-z0-9_-]{0,31}$/.test(tag) ? tag : undefined,
    language: pick('language', LANGUAGES),
    signedUp: pick('signed_up', SIGNED_UP_PERIODS),
    verified: verified === 'yes' ? true : verified === 'no' ? false : undefined,
    segment: Number.isInteger(segment) && segment > 0 && segment <= 2_147_483_647 ? segment : undefined,
  };
}

export function sortOfQuery(value: unknown): CustomerSort {
  return typeof value === 'string' && (CUSTOMER_SORTS as readonly string[]).includes(value) ? (value as CustomerSort) : DEFAULT_SORT;
}

/** The filters as query parameters, for links that keep them (pagination, export, sort). */
export function filterParams(filters: CustomerFilters, sort?: CustomerSort): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.q?.trim()) out.q = filters.q.trim();
  if (filters.status) out.status = filters.status;
  if (filters.tag) out.tag = filters.tag;
  if (filters.language) out.language = filters.language;
  if (filters.signedUp) out.signed_up = filters.signedUp;
  if (filters.verified !== undefined) out.verified = filters.verified ? 'yes' : 'no';
  if (filters.segment) out.segment = String(filters.segment);
  if (sort && sort !== DEFAULT_SORT) out.sort = sort;
  return out;
}

export function queryString(params: Record<string, string>): string {
  const qs = new URLSearchParams(params).toString();
  return qs ? `?${qs}` : '';
}
