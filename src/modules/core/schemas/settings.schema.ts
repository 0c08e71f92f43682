import { Type, type Static, type TSchema } from 'typebox';
import { field, fields } from '../../../api/forms.ts';
import { WEEKDAYS, type DayHours, type Weekday } from '../models/settings.model.ts';
import type { PlatformSettings, PlatformSettingsInput } from '../services/platform-settings.service.ts';
import type { RawDayHours } from '../services/settings-rules.ts';
import type { PostalAddress, StoreSettings, StoreSettingsInput } from '../services/store-settings.service.ts';

/**
 * Request and response shapes of the settings API
 * (`/api/v1/vendor/core/settings`, `/api/v1/admin/core/settings`), the
 * mappers from the services' objects, and the reading of the settings
 * forms. Text is bounded here only against abuse: the real rules (VAT
 * format, EUR only, hours) are the services', so the API and the pages
 * answer the same CORE_SETTINGS_INVALID with every field named.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max = 500, extra: Record<string, unknown> = {}) => Nullable(Type.String({ maxLength: max, ...extra }));
const Timestamp = Nullable(Type.String({ format: 'date-time', description: 'Null until the settings are saved once' }));
const LanguageList = Type.Array(Type.String({ maxLength: 8 }), { maxItems: 10, description: 'Subset of en, de, fr, lu; must include default_language', examples: [['fr', 'de', 'en', 'lu']] });

const AddressBody = Type.Object({
  line1: Nullable(Type.String()),
  line2: Nullable(Type.String()),
  postal_code: Nullable(Type.String()),
  city: Nullable(Type.String()),
  country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
});

const AddressInput = Type.Object(
  {
    line1: Type.Optional(Text()),
    line2: Type.Optional(Text()),
    postal_code: Type.Optional(Text(100, { examples: ['L-1234'] })),
    city: Type.Optional(Text()),
    country: Type.Optional(Text(8, { examples: ['LU'] })),
  },
  { additionalProperties: false },
);

const DayBody = Type.Object({
  closed: Type.Boolean(),
  open: Type.Optional(Type.String({ description: 'HH:MM' })),
  close: Type.Optional(Type.String({ description: 'HH:MM, after open' })),
});

const DayInput = Type.Object(
  {
    closed: Type.Optional(Type.Boolean({ description: 'true: closed all day (open and close are ignored)' })),
    open: Type.Optional(Type.String({ maxLength: 16, examples: ['09:00'] })),
    close: Type.Optional(Type.String({ maxLength: 16, examples: ['18:00'] })),
  },
  { additionalProperties: false },
);

const HoursBody = Type.Object(Object.fromEntries(WEEKDAYS.map((d) => [d, DayBody])) as Record<Weekday, typeof DayBody>);
const HoursInput = Type.Object(Object.fromEntries(WEEKDAYS.map((d) => [d, Type.Optional(DayInput)])) as Record<Weekday, ReturnType<typeof Type.Optional<typeof DayInput>>>, {
  additionalProperties: false,
  description: 'Days left out keep their hours',
});

export const StoreSettingsBody = Type.Object({
  name: Type.String(),
  contact_email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: AddressBody,
  vat_number: Nullable(Type.String()),
  currency: Type.Literal('EUR'),
  languages: Type.Array(Type.String()),
  default_language: Type.String(),
  opening_hours: HoursBody,
  updated_at: Timestamp,
});
export type StoreSettingsBody = Static<typeof StoreSettingsBody>;

export const StoreSettingsUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 500, description: "The shop's name (1 to 120 characters)" })),
    contact_email: Type.Optional(Text(500)),
    phone: Type.Optional(Text(100)),
    address: Type.Optional(AddressInput),
    vat_number: Type.Optional(Text(100, { description: 'EU VAT number with its country prefix', examples: ['LU12345613'] })),
    currency: Type.Optional(Type.String({ maxLength: 16, description: 'Only EUR is accepted' })),
    languages: Type.Optional(LanguageList),
    default_language: Type.Optional(Type.String({ maxLength: 8 })),
    opening_hours: Type.Optional(HoursInput),
  },
  { additionalProperties: false, description: 'Fields left out keep their value; null clears an optional one' },
);
export type StoreSettingsUpdateBody = Static<typeof StoreSettingsUpdateBody>;

export const PlatformSettingsBody = Type.Object({
  platform: Type.String({ description: 'Code of the platform' }),
  support_email: Nullable(Type.String()),
  support_phone: Nullable(Type.String()),
  legal_name: Nullable(Type.String()),
  address: AddressBody,
  vat_number: Nullable(Type.String()),
  currency: Type.Literal('EUR'),
  languages: Type.Array(Type.String()),
  default_language: Type.String(),
  updated_at: Timestamp,
});
export type PlatformSettingsBody = Static<typeof PlatformSettingsBody>;

export const PlatformSettingsUpdateBody = Type.Object(
  {
    support_email: Type.Optional(Text(500)),
    support_phone: Type.Optional(Text(100)),
    legal_name: Type.Optional(Text(500)),
    address: Type.Optional(AddressInput),
    vat_number: Type.Optional(Text(100, { examples: ['LU12345613'] })),
    currency: Type.Optional(Type.String({ maxLength: 16, description: 'Only EUR is accepted' })),
    languages: Type.Optional(LanguageList),
    default_language: Type.Optional(Type.String({ maxLength: 8 })),
  },
  { additionalProperties: false, description: 'Fields left out keep their value; null clears an optional one' },
);
export type PlatformSettingsUpdateBody = Static<typeof PlatformSettingsUpdateBody>;

export const PlatformQuery = Type.Object({
  platform: Type.Optional(Type.String({ maxLength: 64, description: 'Code of the platform (default: the platform of the request); platform admins only their own' })),
});
export type PlatformQuery = Static<typeof PlatformQuery>;

// ------------------------------------------------------------------ mappers

const addressBody = (a: PostalAddress) => ({ line1: a.line1, line2: a.line2, postal_code: a.postalCode, city: a.city, country: a.country });

type AddressInputBody = Static<typeof AddressInput>;
const addressInput = (a: AddressInputBody | undefined) =>
  a === undefined ? undefined : { line1: a.line1, line2: a.line2, postalCode: a.postal_code, city: a.city, country: a.country };

function dayBody(d: DayHours) {
  return d.closed ? { closed: true } : { closed: false, open: d.open, close: d.close };
}

export function toStoreSettingsBody(s: StoreSettings): StoreSettingsBody {
  return {
    name: s.name,
    contact_email: s.contactEmail,
    phone: s.phone,
    address: addressBody(s.address),
    vat_number: s.vatNumber,
    currency: s.currency,
    languages: [...s.languages],
    default_language: s.defaultLanguage,
    opening_hours: Object.fromEntries(WEEKDAYS.map((d) => [d, dayBody(s.openingHours[d])])) as StoreSettingsBody['opening_hours'],
    updated_at: s.updatedAt?.toISOString() ?? null,
  };
}

export function storeInputOf(body: StoreSettingsUpdateBody): StoreSettingsInput {
  return {
    name: body.name,
    contactEmail: body.contact_email,
    phone: body.phone,
    address: addressInput(body.address),
    vatNumber: body.vat_number,
    currency: body.currency,
    languages: body.languages,
    defaultLanguage: body.default_language,
    openingHours: body.opening_hours,
  };
}

export function toPlatformSettingsBody(s: PlatformSettings): PlatformSettingsBody {
  return {
    platform: s.code,
    support_email: s.supportEmail,
    support_phone: s.supportPhone,
    legal_name: s.legalName,
    address: addressBody(s.address),
    vat_number: s.vatNumber,
    currency: s.currency,
    languages: [...s.languages],
    default_language: s.defaultLanguage,
    updated_at: s.updatedAt?.toISOString() ?? null,
  };
}

export function platformInputOf(body: PlatformSettingsUpdateBody): PlatformSettingsInput {
  return {
    supportEmail: body.support_email,
    supportPhone: body.support_phone,
    legalName: body.legal_name,
    address: addressInput(body.address),
    vatNumber: body.vat_number,
    currency: body.currency,
    languages: body.languages,
    defaultLanguage: body.default_language,
  };
}

// ------------------------------------------------------------------ forms

/** The address fields of a form (`address_line1`, … `address_country`). */
function addressOfForm(body: unknown) {
  return {
    line1: field(body, 'address_line1'),
    line2: field(body, 'address_line2'),
    postalCode: field(body, 'address_postal_code'),
    city: field(body, 'address_city'),
    country: field(body, 'address_country'),
  };
}

/** The opening hours of a form: `hours_<day>_closed` (checkbox), `hours_<day>_open`, `hours_<day>_close`. */
export function hoursOfForm(body: unknown): Record<Weekday, RawDayHours & { closed: boolean; open: string; close: string }> {
  return Object.fromEntries(
    WEEKDAYS.map((d) => [d, { closed: field(body, `hours_${d}_closed`) !== '', open: field(body, `hours_${d}_open`), close: field(body, `hours_${d}_close`) }]),
  ) as Record<Weekday, RawDayHours & { closed: boolean; open: string; close: string }>;
}

/** The store settings form, as the service takes it; the whole form is sent, so nothing is left out. */
export function storeInputOfForm(body: unknown): StoreSettingsInput & { openingHours: ReturnType<typeof hoursOfForm> } {
  return {
    name: field(body, 'name'),
    contactEmail: field(body, 'contact_email'),
    phone: field(body, 'phone'),
    address: addressOfForm(body),
    vatNumber: field(body, 'vat_number'),
    currency: field(body, 'currency'),
    languages: fields(body, 'languages'),
    defaultLanguage: field(body, 'default_language'),
    openingHours: hoursOfForm(body),
  };
}

export function platformInputOfForm(body: unknown): PlatformSettingsInput {
  return {
    supportEmail: field(body, 'support_email'),
    supportPhone: field(body, 'support_phone'),
    legalName: field(body, 'legal_name'),
    address: addressOfForm(body),
    vatNumber: field(body, 'vat_number'),
    currency: field(body, 'currency'),
    languages: fields(body, 'languages'),
    defaultLanguage: field(body, 'default_language'),
  };
}
