import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formError } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { LANGUAGE_INFO, LANGUAGES, isLanguage } from '../../../../locales.ts';
import { CUSTOMER_STATUSES } from '../../../models/customer.model.ts';
import { CUSTOMER_SORTS, SIGNED_UP_PERIODS, filterParams, queryString, type CustomerFilters, type CustomerSort } from '../../../services/customer-list.filters.ts';
import type { CustomerPage, CustomerSummary } from '../../../services/customer-list.service.ts';
import { countryName } from '../../../../../core/countries.ts';

/** What the vendor customer and segment pages share: params, paging links, formatting, errors. */

export const VendorCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const VendorParams = Type.Object({ vendor_code: VendorCode });
export const ItemParams = Type.Object({ vendor_code: VendorCode, id: Id });
export const NoteItemParams = Type.Object({ vendor_code: VendorCode, id: Id, note_id: Id });
// Filters come from a form a person types into and links people keep: loose here, read by `filtersOfQuery`.
export const LooseQuery = Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 500 }))]));

export const VIEW = { permission: 'customers.view' };
export const MANAGE = { permission: 'customers.manage' };
export const EXPORT = { permission: 'customers.export' };
export const SEGMENTS_MANAGE = { permission: 'customers.segments.manage' };

/** Page error: the translated message and the status the API would answer. */
export interface PageError {
  readonly message: string;
  readonly status: number;
  readonly params?: Readonly<Record<string, unknown>>;
}

export function pageError(request: FastifyRequest, error: unknown): PageError {
  const message = formError(request, error);
  return isAppError(error) ? { message, status: error.status, params: error.params } : { message, status: 400 };
}

/** After a successful post: back to a page section with a one-off `notice` (the fragment goes after the query). */
export function redirectToSection(request: FastifyRequest, reply: FastifyReply, path: string, notice: string, section: string): FastifyReply {
  return reply.redirect(`${request.urlPrefix}${path}?notice=${encodeURIComponent(notice)}#${section}`, 303);
}

export const basePath = (request: FastifyRequest) => `/vendor/${request.principal!.vendor!.code}/customers`;

export function pageNumber(query: Readonly<Record<string, unknown>>): number {
  const n = Number(typeof query.page === 'string' ? query.page : '1');
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export interface Pager {
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly from: number;
  readonly to: number;
  readonly prevUrl: string | undefined;
  readonly nextUrl: string | undefined;
}

/** Page numbers and links for a list, keeping its filters and sort in the links. */
export function pager(request: FastifyRequest, path: string, params: Record<string, string>, result: CustomerPage): Pager {
  const { page, pageSize, total } = result;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (n: number) => `${request.urlPrefix}${path}${queryString({ ...params, ...(n > 1 ? { page: String(n) } : {}) })}`;
  return {
    page,
    pages,
    total,
    from: total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1),
    to: Math.min(total, page * pageSize),
    prevUrl: page > 1 ? link(Math.min(page - 1, pages)) : undefined,
    nextUrl: page < pages ? link(page + 1) : undefined,
  };
}

/** Functions and option lists the templates share, in the reader's language. */
export function pageHelpers(request: FastifyRequest) {
  return pageHelpersFor(request, basePath(request));
}

/** The same for a list at `base` (the admin list is not below a vendor). */
export function pageHelpersFor(request: FastifyRequest, base: string) {
  const tag = LANGUAGE_INFO[request.language].tag;
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const t = request.t;
  return {
    base,
    when: (d: Date | null | undefined) => (d ? dateTime.format(d) : ''),
    day: (d: Date | null | undefined) => (d ? date.format(d) : ''),
    languageName: (code: string) => (isLanguage(code) ? LANGUAGE_INFO[code].name : code),
    countryName: (code: string) => countryName(code, tag),
    languageOptions: LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_INFO[code].name })),
    statusOptions: CUSTOMER_STATUSES.map((value) => ({ value, label: t(`customers:crm.status.${value}`) })),
    periodOptions: SIGNED_UP_PERIODS.map((value) => ({ value, label: t(`customers:crm.filters.periods.${value}`) })),
    sortOptions: CUSTOMER_SORTS.map((value) => ({ value, label: t(`customers:crm.sort.${value}`) })),
  };
}

/** The filters as the filter form shows them. */
export function filterForm(filters: CustomerFilters, sort: CustomerSort) {
  const params = filterParams(filters, sort);
  return {
    q: params.q ?? '',
    status: params.status ?? '',
    tag: params.tag ?? '',
    language: params.language ?? '',
    signed_up: params.signed_up ?? '',
    verified: params.verified ?? '',
    segment: params.segment ?? '',
    sort,
  };
}

/** A customer row with what the table shows. */
export function customerRow(request: FastifyRequest, c: CustomerSummary) {
  return { ...c, url: `${request.urlPrefix}${basePath(request)}/${c.id}`, initial: (c.name.trim()[0] ?? '?').toUpperCase() };
}
