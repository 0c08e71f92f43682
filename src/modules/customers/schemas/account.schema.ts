import { Type, type Static, type TSchema } from 'typebox';
import { field } from '../../../api/forms.ts';
import type { Address, AddressChanges, AddressInput } from '../services/address.service.ts';
import type { CustomerAccount } from '../services/customer-account.service.ts';

/**
 * Request and response shapes of the storefront customer API
 * (`/api/v1/storefront/customers/...`), mappers from the services'
 * objects, and the reading of the account pages' forms. Lengths here only
 * bound abuse: the real rules are the services', so the API and the pages
 * answer the same CUSTOMERS_* errors.
 */

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Language = Type.String({ maxLength: 16, description: 'en, de, fr or lu', examples: ['fr'] });
const Email = Type.String({ maxLength: 400, examples: ['ana@example.lu'] });
const Name = Type.String({ maxLength: 500, description: '1 to 200 characters' });
const Phone = Nullable(Type.String({ maxLength: 100, examples: ['+352 621 123 456'] }));
const Password = Type.String({ maxLength: 1000, description: 'At least 10 characters, not the e-mail address' });

export const RegisterBody = Type.Object(
  {
    email: Email,
    name: Name,
    password: Password,
    language: Type.Optional(Language),
    marketing_opt_in: Type.Optional(Type.Boolean({ description: 'Receive news and offers by e-mail; default false' })),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const CustomerBody = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  language: Type.String(),
  email_verified: Type.Boolean(),
  email_verified_at: Nullable(Timestamp),
  marketing_opt_in: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CustomerBody = Static<typeof CustomerBody>;

export const ProfileUpdateBody = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Phone),
    language: Type.Optional(Language),
    marketing_opt_in: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ProfileUpdateBody = Static<typeof ProfileUpdateBody>;

export const DeleteAccountBody = Type.Object({ password: Password }, { additionalProperties: false });

const AddressFields = {
  label: Nullable(Type.String({ maxLength: 200, description: 'e.g. Home, Office' })),
  name: Name,
  company: Nullable(Type.String({ maxLength: 500 })),
  line1: Type.String({ maxLength: 500, description: 'Street and number' }),
  line2: Nullable(Type.String({ maxLength: 500 })),
  postal_code: Type.String({ maxLength: 100, examples: ['L-1234'] }),
  city: Type.String({ maxLength: 500 }),
  country: Type.String({ maxLength: 8, description: 'ISO 3166-1 alpha-2 code; default LU', examples: ['LU'] }),
  phone: Phone,
  is_default_shipping: Type.Boolean({ description: 'true makes it the default shipping address (the previous one stops being it)' }),
  is_default_billing: Type.Boolean({ description: 'true makes it the default billing address' }),
};

export const AddressCreateBody = Type.Object(
  {
    label: Type.Optional(AddressFields.label),
    name: AddressFields.name,
    company: Type.Optional(AddressFields.company),
    line1: AddressFields.line1,
    line2: Type.Optional(AddressFields.line2),
    postal_code: AddressFields.postal_code,
    city: AddressFields.city,
    country: Type.Optional(AddressFields.country),
    phone: Type.Optional(AddressFields.phone),
    is_default_shipping: Type.Optional(AddressFields.is_default_shipping),
    is_default_billing: Type.Optional(AddressFields.is_default_billing),
  },
  { additionalProperties: false },
);
export type AddressCreateBody = Static<typeof AddressCreateBody>;

export const AddressUpdateBody = Type.Partial(AddressCreateBody, { additionalProperties: false });
export type AddressUpdateBody = Static<typeof AddressUpdateBody>;

export const AddressParams = Type.Object({ id: Id });

export const AddressBody = Type.Object({
  id: Type.Integer(),
  label: Nullable(Type.String()),
  name: Type.String(),
  company: Nullable(Type.String()),
  line1: Type.String(),
  line2: Nullable(Type.String()),
  postal_code: Type.String(),
  city: Type.String(),
  country: Type.String(),
  phone: Nullable(Type.String()),
  is_default_shipping: Type.Boolean(),
  is_default_billing: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type AddressBody = Static<typeof AddressBody>;

export const AddressListBody = Type.Object({ addresses: Type.Array(AddressBody) });

export const ExportBody = Type.Object(
  {
    format: Type.Literal('wizamart.customer-export.v1'),
    exported_at: Timestamp,
    shop: Type.Object({ code: Type.String(), name: Type.String() }),
    profile: CustomerBody,
    addresses: Type.Array(AddressBody),
    tags: Type.Array(Type.String(), { description: "The shop's tags on the customer" }),
    notes: Type.Array(Type.Object({ body: Type.String(), created_at: Timestamp }), { description: "Staff notes about the customer (without their authors)" }),
    sessions: Type.Array(Type.Object({ created_at: Timestamp, last_used_at: Timestamp, ip: Nullable(Type.String()), user_agent: Nullable(Type.String()) })),
  },
  { description: 'Everything the shop stores about the customer' },
);
export type ExportBody = Static<typeof ExportBody>;

export function toCustomerBody(c: CustomerAccount): CustomerBody {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    phone: c.phone,
    language: c.language,
    email_verified: c.emailVerified,
    email_verified_at: c.emailVerifiedAt?.toISOString() ?? null,
    marketing_opt_in: c.marketingOptIn,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export function toAddressBody(a: Address): AddressBody {
  return {
    id: a.id,
    label: a.label,
    name: a.name,
    company: a.company,
    line1: a.line1,
    line2: a.line2,
    postal_code: a.postalCode,
    city: a.city,
    country: a.country,
    phone: a.phone,
    is_default_shipping: a.isDefaultShipping,
    is_default_billing: a.isDefaultBilling,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export function addressInputOf(body: AddressCreateBody): AddressInput {
  return {
    label: body.label,
    name: body.name,
    company: body.company,
    line1: body.line1,
    line2: body.line2,
    postalCode: body.postal_code,
    city: body.city,
    country: body.country,
    phone: body.phone,
    isDefaultShipping: body.is_default_shipping,
    isDefaultBilling: body.is_default_billing,
  };
}

export function addressChangesOf(body: AddressUpdateBody): AddressChanges {
  const changes: { -readonly [K in keyof AddressChanges]: AddressChanges[K] } = {};
  if (body.label !== undefined) changes.label = body.label;
  if (body.name !== undefined) changes.name = body.name;
  if (body.company !== undefined) changes.company = body.company;
  if (body.line1 !== undefined) changes.line1 = body.line1;
  if (body.line2 !== undefined) changes.line2 = body.line2;
  if (body.postal_code !== undefined) changes.postalCode = body.postal_code;
  if (body.city !== undefined) changes.city = body.city;
  if (body.country !== undefined) changes.country = body.country;
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.is_default_shipping !== undefined) changes.isDefaultShipping = body.is_default_shipping;
  if (body.is_default_billing !== undefined) changes.isDefaultBilling = body.is_default_billing;
  return changes;
}

/** The address form of the pages, as typed (re-shown after an error). */
export interface AddressForm {
  label: string;
  name: string;
  company: string;
  line1: string;
  line2: string;
  postal_code: string;
  city: string;
  country: string;
  phone: string;
  is_default_shipping: boolean;
  is_default_billing: boolean;
}

const ADDRESS_TEXT_FIELDS = ['label', 'name', 'company', 'line1', 'line2', 'postal_code', 'city', 'country', 'phone'] as const;

export function addressFormOf(body: unknown): AddressForm {
  const form = Object.fromEntries(ADDRESS_TEXT_FIELDS.map((name) => [name, field(body, name).slice(0, 500)])) as Omit<AddressForm, 'is_default_shipping' | 'is_default_billing'>;
  return { ...form, is_default_shipping: field(body, 'is_default_shipping') === 'on', is_default_billing: field(body, 'is_default_billing') === 'on' };
}

export function formOfAddress(a: Address): AddressForm {
  return {
    label: a.label ?? '',
    name: a.name,
    company: a.company ?? '',
    line1: a.line1,
    line2: a.line2 ?? '',
    postal_code: a.postalCode,
    city: a.city,
    country: a.country,
    phone: a.phone ?? '',
    is_default_shipping: a.isDefaultShipping,
    is_default_billing: a.isDefaultBilling,
  };
}

export function addressInputOfForm(form: AddressForm): AddressInput {
  return {
    label: form.label,
    name: form.name,
    company: form.company,
    line1: form.line1,
    line2: form.line2,
    postalCode: form.postal_code,
    city: form.city,
    country: form.country,
    phone: form.phone,
    // An unticked box on the form means "leave as it is", not "stop being the default".
    ...(form.is_default_shipping ? { isDefaultShipping: true } : {}),
    ...(form.is_default_billing ? { isDefaultBilling: true } : {}),
  };
}
