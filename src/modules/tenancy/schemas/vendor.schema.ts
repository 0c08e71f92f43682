import { Type, type Static, type TSchema } from 'typebox';
import { VENDOR_STATUSES, type CreatedVendor, type VendorDetail, type VendorPage, type VendorSummary } from '../services/vendor.service.ts';

/**
 * Request and response bodies of the vendor admin API. Codes, names,
 * addresses and languages are checked by the vendor service (with the
 * module's error codes), so the schemas only bound their sizes.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const VendorStatusSchema = Type.Enum([...VENDOR_STATUSES], { description: 'A suspended vendor keeps its data; its staff cannot sign in' });

export const VendorCodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }) });
export type VendorCodeParams = Static<typeof VendorCodeParams>;

export const VendorListQuery = Type.Object(
  {
    platform: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })),
    company_id: Type.Optional(Type.Integer({ minimum: 1 })),
    status: Type.Optional(VendorStatusSchema),
    search: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name or code, any case' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type VendorListQuery = Static<typeof VendorListQuery>;

export const CreateVendorBody = Type.Object(
  {
    code: Type.String({ maxLength: 64, description: 'Unique across platforms: ^[a-z0-9][a-z0-9-]{1,62}$' }),
    name: Type.String({ maxLength: 200 }),
    company_id: Type.Integer({ minimum: 1, description: "The vendor's company; the vendor is on the company's platform" }),
    platform: Type.Optional(Type.String({ maxLength: 64, description: "When given, must be the company's platform" })),
    subdomain: Type.Optional(Type.String({ maxLength: 63, description: 'Defaults to the code; unique on the platform' })),
    custom_domain: Type.Optional(Nullable(Type.String({ maxLength: 253 }))),
    default_language: Type.Optional(Type.String({ maxLength: 8, description: "One of the platform's languages; defaults to the platform's" })),
    owner: Type.Object(
      {
        email: Type.String({ maxLength: 320 }),
        name: Type.String({ maxLength: 200, description: 'Used when the vendor user is new' }),
      },
      {
        additionalProperties: false,
        description: 'An existing vendor user with this e-mail address becomes owner; otherwise one is created and mailed a link to choose a password',
      },
    ),
  },
  { additionalProperties: false },
);
export type CreateVendorBody = Static<typeof CreateVendorBody>;

export const UpdateVendorBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    company_id: Type.Optional(Type.Integer({ minimum: 1, description: 'A company on the same platform' })),
    subdomain: Type.Optional(Type.String({ maxLength: 63 })),
    custom_domain: Type.Optional(Nullable(Type.String({ maxLength: 253, description: 'null or an empty string removes it' }))),
    default_language: Type.Optional(Type.String({ maxLength: 8 })),
  },
  { additionalProperties: false },
);
export type UpdateVendorBody = Static<typeof UpdateVendorBody>;

const VendorFields = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  status: VendorStatusSchema,
  platform: Type.String(),
  platform_name: Type.String(),
  company_id: Type.Integer(),
  company_name: Type.String(),
  subdomain: Nullable(Type.String()),
  custom_domain: Nullable(Type.String()),
  default_language: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const VendorBody = Type.Object(VendorFields);
export type VendorBody = Static<typeof VendorBody>;

export const TeamMemberBody = Type.Object({
  user_id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String({ description: "owner, manager, staff, or a custom role's name" }),
  builtin_role: Nullable(Type.String()),
  status: Type.String(),
});

export const VendorDetailBody = Type.Object({
  ...VendorFields,
  addresses: Type.Array(Type.String(), { description: 'Storefront addresses: the subdomain under the primary platform domain, and the custom domain' }),
  team: Type.Array(TeamMemberBody),
});
export type VendorDetailBody = Static<typeof VendorDetailBody>;

export const VendorListBody = Type.Object({
  total: Type.Integer({ description: 'Vendors matching the filters, all pages together' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  vendors: Type.Array(VendorBody, { description: 'By name' }),
});
export type VendorListBody = Static<typeof VendorListBody>;

export const CreatedVendorBody = Type.Object({
  vendor: VendorDetailBody,
  owner: Type.Object({
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    created: Type.Boolean({ description: 'A new vendor user, mailed a link to choose a password' }),
  }),
});
export type CreatedVendorBody = Static<typeof CreatedVendorBody>;

export function toVendorBody(v: VendorSummary): VendorBody {
  return {
    id: v.id,
    code: v.code,
    name: v.name,
    status: v.status,
    platform: v.platform.code,
    platform_name: v.platform.name,
    company_id: v.company.id,
    company_name: v.company.name,
    subdomain: v.subdomain,
    custom_domain: v.customDomain,
    default_language: v.defaultLanguage,
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
  };
}

export function toVendorDetailBody(v: VendorDetail): VendorDetailBody {
  return {
    ...toVendorBody(v),
    addresses: [...v.addresses],
    team: v.team.map((m) => ({ user_id: m.userId, email: m.email, name: m.name, role: m.role, builtin_role: m.builtinRole, status: m.status })),
  };
}

export function toVendorListBody(page: VendorPage, paging: { limit: number; offset: number }): VendorListBody {
  return { total: page.total, ...paging, vendors: page.vendors.map(toVendorBody) };
}

export function toCreatedVendorBody(created: CreatedVendor): CreatedVendorBody {
  return { vendor: toVendorDetailBody(created.vendor), owner: { ...created.owner } };
}
