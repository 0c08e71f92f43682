// The back office shows a customer's addresses exactly as the storefront API does.
import { AddressBody, toAddressBody } from './account.schema.ts';
import { Type, type Static, type TSchema } from 'typebox';
import { LANGUAGES } from '../../locales.ts';
import { CUSTOMER_STATUSES } from '../models/customer.model.ts';
import { SEGMENT_MATCHES } from '../models/crm.model.ts';
import { CUSTOMER_SORTS, SIGNED_UP_PERIODS, type CustomerFilters, type CustomerSort } from '../services/customer-list.filters.ts';
import { MAX_PAGE_SIZE, PAGE_SIZE, type CustomerDetail, type CustomerPage, type CustomerSummary } from '../services/customer-list.service.ts';
import type { CustomerNote } from '../services/customer-notes.service.ts';
import { MAX_RULES, RULE_KINDS, SegmentRuleSchema } from '../services/segment-rules.ts';
import type { Segment, SegmentInput, SegmentWithCount } from '../services/segment.service.ts';
import type { PlatformCustomerPage } from '../services/customer-list.admin.service.ts';

/**
 * Request and response shapes of the vendor customers API
 * (`/api/v1/vendor/customers/...`) and their mappers. Text is bounded here
 * only against abuse; the real rules (tag pattern, note length, segment
 * rules) are the services', so the API and the pages answer the same
 * CUSTOMERS_* errors.
 */

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Ids are int4 in the database: a bigger guess is a 400, not a database error. */
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const CustomerParams = Type.Object({ id: Id });
export type CustomerParams = Static<typeof CustomerParams>;
export const NoteParams = Type.Object({ id: Id, note_id: Id });
export type NoteParams = Static<typeof NoteParams>;
export const SegmentParams = Type.Object({ id: Id });
export type SegmentParams = Static<typeof SegmentParams>;

const FilterProperties = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, e-mail address or phone number (case-insensitive)' })),
  status: Type.Optional(Type.Enum([...CUSTOMER_STATUSES])),
  tag: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$', description: 'Customers carrying this tag' })),
  language: Type.Optional(Type.Enum([...LANGUAGES])),
  signed_up: Type.Optional(Type.Enum([...SIGNED_UP_PERIODS], { description: 'Signed up within the last 7, 30, 90 or 365 days' })),
  verified: Type.Optional(Type.Boolean({ description: 'true: e-mail address verified; false: not verified' })),
  segment: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Only the members of this segment' })),
};

export const CustomerExportQuery = Type.Object(FilterProperties, { additionalProperties: false });
export type CustomerExportQuery = Static<typeof CustomerExportQuery>;

export const CustomerListQuery = Type.Object(
  {
    ...FilterProperties,
    sort: Type.Optional(Type.Enum([...CUSTOMER_SORTS], { description: 'Default newest' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
  },
  { additionalProperties: false },
);
export type CustomerListQuery = Static<typeof CustomerListQuery>;

export const MembersQuery = Type.Object(
  {
    sort: Type.Optional(Type.Enum([...CUSTOMER_SORTS])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
  },
  { additionalProperties: false },
);
export type MembersQuery = Static<typeof MembersQuery>;

export function filtersOf(query: CustomerExportQuery): CustomerFilters {
  return {
    q: query.q,
    status: query.status,
    tag: query.tag?.toLowerCase(),
    language: query.language,
    signedUp: query.signed_up,
    verified: query.verified,
    segment: query.segment,
  };
}

export function pageOf(query: { sort?: CustomerSort | undefined; page?: number | undefined; page_size?: number | undefined }) {
  return { sort: query.sort, page: query.page, pageSize: query.page_size };
}

const CustomerSummaryBody = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  phone: Nullable(Type.String()),
  language: Type.String(),
  status: Type.Enum([...CUSTOMER_STATUSES]),
  email_verified_at: Nullable(Timestamp),
  marketing_opt_in: Type.Boolean(),
  tags: Type.Array(Type.String()),
  created_at: Timestamp,
  last_login_at: Nullable(Timestamp),
});

export const PlatformCustomerListQuery = Type.Object(
  {
    q: FilterProperties.q,
    status: FilterProperties.status,
    tag: FilterProperties.tag,
    language: FilterProperties.language,
    signed_up: FilterProperties.signed_up,
    verified: FilterProperties.verified,
    vendor: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: "Only this shop's customers (its code)" })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  },
  { additionalProperties: false },
);
export type PlatformCustomerListQuery = Static<typeof PlatformCustomerListQuery>;

export const PlatformCustomerPageBody = Type.Object({
  customers: Type.Array(Type.Object({ ...CustomerSummaryBody.properties, vendor_code: Type.String(), vendor_name: Type.String() })),
  total: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
});
export type PlatformCustomerPageBody = Static<typeof PlatformCustomerPageBody>;

export function toPlatformPageBody(p: PlatformCustomerPage): PlatformCustomerPageBody {
  return {
    customers: p.customers.map((c) => ({ ...toSummaryBody(c), vendor_code: c.vendorCode, vendor_name: c.vendorName })),
    total: p.total,
    page: p.page,
    page_size: p.pageSize,
  };
}


const SegmentRefBody = Type.Object({ id: Type.Integer(), name: Type.String() });

export const CustomerDetailBody = Type.Object({
  ...CustomerSummaryBody.properties,
  updated_at: Timestamp,
  addresses: Type.Array(AddressBody),
  segments: Type.Array(SegmentRefBody, { description: 'The segments the customer is in now' }),
});
export type CustomerDetailBody = Static<typeof CustomerDetailBody>;

export const CustomerPageBody = Type.Object({
  customers: Type.Array(CustomerSummaryBody),
  total: Type.Integer({ description: 'How many customers match, on all pages' }),
  page: Type.Integer(),
  page_size: Type.Integer(),
});
export type CustomerPageBody = Static<typeof CustomerPageBody>;

export const TagsBody = Type.Object(
  { tags: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100, description: 'The full list (replaces the current one); lower-cased, at most 20' }) },
  { additionalProperties: false },
);
export type TagsBody = Static<typeof TagsBody>;

export const StatusBody = Type.Object({ status: Type.Enum([...CUSTOMER_STATUSES], { description: 'disabled: the customer cannot sign in' }) }, { additionalProperties: false });
export type StatusBody = Static<typeof StatusBody>;

export const NoteCreateBody = Type.Object({ body: Type.String({ maxLength: 10_000, description: '1 to 4000 characters' }) }, { additionalProperties: false });
export type NoteCreateBody = Static<typeof NoteCreateBody>;

export const NoteBody = Type.Object({
  id: Type.Integer(),
  customer_id: Type.Integer(),
  author_id: Nullable(Type.Integer()),
  author_name: Type.String(),
  body: Type.String(),
  created_at: Timestamp,
});
export type NoteBody = Static<typeof NoteBody>;
export const NoteListBody = Type.Object({ notes: Type.Array(NoteBody, { description: 'Newest first' }) });

const RulesInput = Type.Array(Type.Object({ kind: Type.String({ maxLength: 64, description: RULE_KINDS.join(', ') }) }, { additionalProperties: true }), {
  maxItems: 100,
  description: `1 to ${MAX_RULES} rules; each is one of the rule shapes (checked by the service: CUSTOMERS_SEGMENT_RULE_INVALID names the first bad rule)`,
});

export const SegmentWriteBody = Type.Object(
  {
    name: Type.String({ maxLength: 500 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    match: Type.Optional(Type.Enum([...SEGMENT_MATCHES], { description: 'all (default): every rule holds; any: at least one' })),
    rules: RulesInput,
  },
  { additionalProperties: false },
);
export type SegmentWriteBody = Static<typeof SegmentWriteBody>;

export const SegmentBody = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  match: Type.Enum([...SEGMENT_MATCHES]),
  rules: Type.Array(SegmentRuleSchema),
  member_count: Type.Optional(Type.Integer({ description: 'Members now' })),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type SegmentBody = Static<typeof SegmentBody>;
export const SegmentListBody = Type.Object({ segments: Type.Array(SegmentBody) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummaryBody(c: CustomerSummary): Static<typeof CustomerSummaryBody> {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    language: c.language,
    status: c.status,
    email_verified_at: iso(c.emailVerifiedAt),
    marketing_opt_in: c.marketingOptIn,
    tags: [...c.tags],
    created_at: c.createdAt.toISOString(),
    last_login_at: iso(c.lastLoginAt),
  };
}

export function toDetailBody(c: CustomerDetail, segments: readonly Segment[]): CustomerDetailBody {
  return {
    ...toSummaryBody(c),
    updated_at: c.updatedAt.toISOString(),
    addresses: c.addresses.map(toAddressBody),
    segments: segments.map((s) => ({ id: s.id, name: s.name })),
  };
}

export function toPageBody(p: CustomerPage): CustomerPageBody {
  return { customers: p.customers.map(toSummaryBody), total: p.total, page: p.page, page_size: p.pageSize };
}

export function toNoteBody(n: CustomerNote): NoteBody {
  return { id: n.id, customer_id: n.customerId, author_id: n.authorId, author_name: n.authorName, body: n.body, created_at: n.createdAt.toISOString() };
}

export function toSegmentBody(s: Segment | SegmentWithCount): SegmentBody {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    match: s.match,
    rules: [...(s.rules ?? [])],
    ...('memberCount' in s ? { member_count: s.memberCount } : {}),
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

export function segmentInputOf(body: SegmentWriteBody): SegmentInput {
  return { name: body.name, description: body.description ?? null, match: body.match, rules: body.rules };
}
