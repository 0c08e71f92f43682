import { Type, type Static, type TSchema } from 'typebox';
import type { Company, CompanyPage } from '../services/company.service.ts';

/**
 * Request and response bodies of the company admin API. Names, e-mail
 * addresses and VAT numbers are checked by the company service (with the
 * module's error codes), so the schemas only bound their sizes.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CompanyIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type CompanyIdParams = Static<typeof CompanyIdParams>;

export const CompanyListQuery = Type.Object(
  {
    platform: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })),
    search: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, any case' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type CompanyListQuery = Static<typeof CompanyListQuery>;

export const CreateCompanyBody = Type.Object(
  {
    platform: Type.String({ maxLength: 64, description: 'The code of the platform the company is on' }),
    name: Type.String({ maxLength: 200, description: 'Unique on the platform (without regard to case)' }),
    contact_email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    vat_number: Type.Optional(Nullable(Type.String({ maxLength: 32, description: 'An EU VAT number such as LU12345678' }))),
  },
  { additionalProperties: false },
);
export type CreateCompanyBody = Static<typeof CreateCompanyBody>;

export const UpdateCompanyBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    contact_email: Type.Optional(Nullable(Type.String({ maxLength: 320, description: 'null or an empty string removes it' }))),
    vat_number: Type.Optional(Nullable(Type.String({ maxLength: 32, description: 'null or an empty string removes it' }))),
  },
  { additionalProperties: false },
);
export type UpdateCompanyBody = Static<typeof UpdateCompanyBody>;

export const CompanyBody = Type.Object({
  id: Type.Integer(),
  platform: Type.String(),
  platform_name: Type.String(),
  name: Type.String(),
  contact_email: Nullable(Type.String()),
  vat_number: Nullable(Type.String()),
  vendor_count: Type.Integer(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
export type CompanyBody = Static<typeof CompanyBody>;

export const CompanyListBody = Type.Object({
  total: Type.Integer({ description: 'Companies matching the filters, all pages together' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  companies: Type.Array(CompanyBody, { description: 'By name' }),
});
export type CompanyListBody = Static<typeof CompanyListBody>;

export function toCompanyBody(c: Company): CompanyBody {
  return {
    id: c.id,
    platform: c.platform.code,
    platform_name: c.platform.name,
    name: c.name,
    contact_email: c.contactEmail,
    vat_number: c.vatNumber,
    vendor_count: c.vendorCount,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export function toCompanyListBody(page: CompanyPage, paging: { limit: number; offset: number }): CompanyListBody {
  return { total: page.total, ...paging, companies: page.companies.map(toCompanyBody) };
}
