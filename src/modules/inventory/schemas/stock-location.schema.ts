import { Type, type Static, type TSchema } from 'typebox';
import { field } from '../../../api/forms.ts';
import { LOCATION_KINDS } from '../models/stock-location.model.ts';
import type { StockLocation, StockLocationChanges, StockLocationInput } from '../services/stock-location.service.ts';

/**
 * Request and response shapes of the vendor inventory API
 * (`/api/v1/vendor/inventory/...`), the mapper from the service's objects,
 * and the reading of the location form of the pages.
 *
 * Text fields are bounded here only against abuse: their real rules (code
 * pattern, name length, ISO country) are the service's, so the API and the
 * pages answer the same INVENTORY_LOCATION_* errors.
 */

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Ids are int4 in the database: a bigger guess is a 400, not a database error. */
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const KIND_HELP = 'warehouse, store (a shop customers visit) or pickup (a pick-up point)';
const Kind = (description = KIND_HELP) => Type.Enum([...LOCATION_KINDS], { description });
const Code = Type.String({ maxLength: 200, description: 'Unique per vendor; 1 to 32 letters, digits, "-" or "_" (stored upper-case)', examples: ['WH-LUX'] });
const Name = Type.String({ maxLength: 500, description: '1 to 120 characters' });
const AddressLine = Nullable(Type.String({ maxLength: 500 }));
const PostalCode = Nullable(Type.String({ maxLength: 100, examples: ['L-1234'] }));
const City = Nullable(Type.String({ maxLength: 500 }));
const Country = (description = 'ISO 3166-1 alpha-2 code') => Type.String({ maxLength: 8, description, examples: ['LU'] });
const Active = (description = 'Whether stock may be placed here; the default location stays active') => Type.Boolean({ description });

export const LocationParams = Type.Object({ id: Id });
export type LocationParams = Static<typeof LocationParams>;

export const LocationCreateBody = Type.Object(
  {
    code: Code,
    name: Name,
    kind: Type.Optional(Kind(`${KIND_HELP}; default warehouse`)),
    address_line: Type.Optional(AddressLine),
    postal_code: Type.Optional(PostalCode),
    city: Type.Optional(City),
    country: Type.Optional(Country('ISO 3166-1 alpha-2 code; default LU')),
    is_active: Type.Optional(Active('Whether stock may be placed here; default true')),
  },
  { additionalProperties: false },
);
export type LocationCreateBody = Static<typeof LocationCreateBody>;

export const LocationUpdateBody = Type.Object(
  {
    code: Type.Optional(Code),
    name: Type.Optional(Name),
    kind: Type.Optional(Kind()),
    address_line: Type.Optional(AddressLine),
    postal_code: Type.Optional(PostalCode),
    city: Type.Optional(City),
    country: Type.Optional(Country()),
    is_active: Type.Optional(Active()),
  },
  { additionalProperties: false },
);
export type LocationUpdateBody = Static<typeof LocationUpdateBody>;

export const LocationBody = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Kind(),
  address_line: Nullable(Type.String()),
  postal_code: Nullable(Type.String()),
  city: Nullable(Type.String()),
  country: Type.String(),
  is_default: Type.Boolean({ description: "The vendor's default location; exactly one per vendor with locations" }),
  is_active: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type LocationBody = Static<typeof LocationBody>;

export const LocationListBody = Type.Object({ locations: Type.Array(LocationBody, { description: 'The default first, then by name' }) });
export type LocationListBody = Static<typeof LocationListBody>;

export function toLocationBody(l: StockLocation): LocationBody {
  return {
    id: l.id,
    code: l.code,
    name: l.name,
    kind: l.kind,
    address_line: l.addressLine,
    postal_code: l.postalCode,
    city: l.city,
    country: l.country,
    is_default: l.isDefault,
    is_active: l.isActive,
    created_at: l.createdAt.toISOString(),
    updated_at: l.updatedAt.toISOString(),
  };
}

/** The API's snake_case body as the service's input; absent fields stay absent. */
export function locationChangesOf(body: LocationUpdateBody): StockLocationChanges {
  return {
    ...(body.code !== undefined ? { code: body.code } : {}),
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.address_line !== undefined ? { addressLine: body.address_line } : {}),
    ...(body.postal_code !== undefined ? { postalCode: body.postal_code } : {}),
    ...(body.city !== undefined ? { city: body.city } : {}),
    ...(body.country !== undefined ? { country: body.country } : {}),
    ...(body.is_active !== undefined ? { isActive: body.is_active } : {}),
  };
}

export function locationInputOf(body: LocationCreateBody): StockLocationInput {
  return { ...locationChangesOf(body), code: body.code, name: body.name };
}

/** The location form of the pages, as typed (re-shown when the service refuses it). */
export interface LocationForm {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly address_line: string;
  readonly postal_code: string;
  readonly city: string;
  readonly country: string;
  readonly is_active: boolean;
}

/** Reads the form; without `withActive` (the create form) the location starts active. */
export function locationFormOf(body: unknown, options: { withActive: boolean }): LocationForm {
  return {
    code: field(body, 'code'),
    name: field(body, 'name'),
    kind: field(body, 'kind'),
    address_line: field(body, 'address_line'),
    postal_code: field(body, 'postal_code'),
    city: field(body, 'city'),
    country: field(body, 'country'),
    // An unticked checkbox is simply absent from the form.
    is_active: options.withActive ? field(body, 'is_active') !== '' : true,
  };
}

export function formOfLocation(l: StockLocation): LocationForm {
  return {
    code: l.code,
    name: l.name,
    kind: l.kind,
    address_line: l.addressLine ?? '',
    postal_code: l.postalCode ?? '',
    city: l.city ?? '',
    country: l.country,
    is_active: l.isActive,
  };
}

/** A form as the service's input: every field is given (an empty address part clears it). */
export function locationInputOfForm(form: LocationForm): StockLocationInput {
  return {
    code: form.code,
    name: form.name,
    kind: form.kind,
    addressLine: form.address_line,
    postalCode: form.postal_code,
    city: form.city,
    country: form.country,
    isActive: form.is_active,
  };
}
