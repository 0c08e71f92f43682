import { Type, type Static } from 'typebox';
import type { PlatformSummary } from '../services/platform.service.ts';

/**
 * Request and response bodies of the platform admin API. Codes, names,
 * languages and domains are checked by the platform service (with the
 * module's error codes), so the schemas only bound their sizes.
 */

const CODE_PARAM_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

export const PlatformCodeParams = Type.Object({ code: Type.String({ pattern: CODE_PARAM_PATTERN }) });
export type PlatformCodeParams = Static<typeof PlatformCodeParams>;

export const PlatformDomainParams = Type.Object({
  code: Type.String({ pattern: CODE_PARAM_PATTERN }),
  domain: Type.String({ minLength: 1, maxLength: 253 }),
});
export type PlatformDomainParams = Static<typeof PlatformDomainParams>;

const Language = Type.String({ maxLength: 8, description: 'One of en, de, fr, lu' });

export const CreatePlatformBody = Type.Object(
  {
    code: Type.String({ maxLength: 64, description: 'Lower-case letters, digits and hyphens: ^[a-z0-9][a-z0-9-]{1,62}$' }),
    name: Type.String({ maxLength: 200 }),
    default_language: Type.Optional(Language),
    languages: Type.Optional(Type.Array(Language, { maxItems: 8, description: 'The languages the platform offers (default: all four); must include the default language' })),
  },
  { additionalProperties: false },
);
export type CreatePlatformBody = Static<typeof CreatePlatformBody>;

export const UpdatePlatformBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    default_language: Type.Optional(Language),
    languages: Type.Optional(Type.Array(Language, { maxItems: 8 })),
  },
  { additionalProperties: false },
);
export type UpdatePlatformBody = Static<typeof UpdatePlatformBody>;

export const AddDomainBody = Type.Object(
  {
    domain: Type.String({ maxLength: 253, description: 'A host name such as shop.example.lu; stored lower-case' }),
    primary: Type.Optional(Type.Boolean({ description: 'Make it the primary domain (the first domain always is); for a domain the platform already has, only this changes' })),
  },
  { additionalProperties: false },
);
export type AddDomainBody = Static<typeof AddDomainBody>;

export const PlatformBody = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  default_language: Type.String(),
  languages: Type.Array(Type.String()),
  domains: Type.Array(Type.Object({ domain: Type.String(), is_primary: Type.Boolean() }), { description: 'The primary domain first' }),
  vendor_count: Type.Integer(),
  module_count: Type.Integer({ description: 'Optional and internal modules enabled (core modules are always on)' }),
  created_at: Type.String({ format: 'date-time' }),
});
export type PlatformBody = Static<typeof PlatformBody>;

export const PlatformListBody = Type.Object({ platforms: Type.Array(PlatformBody) });
export type PlatformListBody = Static<typeof PlatformListBody>;

export function toPlatformBody(p: PlatformSummary): PlatformBody {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    default_language: p.defaultLanguage,
    languages: [...p.languages],
    domains: p.domains.map((d) => ({ domain: d.domain, is_primary: d.isPrimary })),
    vendor_count: p.vendorCount,
    module_count: p.moduleCount,
    created_at: p.createdAt.toISOString(),
  };
}
