import { isCountryCode } from '../../../core/countries.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { WEEKDAYS, type DayHours, type OpeningHours, type Weekday } from '../models/settings.model.ts';

/**
 * The rules of store and platform settings, pure so that the form, the API
 * and the tests share them. A check returns the normalised value or a
 * field error; the services collect every field error of a save into one
 * `CORE_SETTINGS_INVALID`, so a form shows all its mistakes at once.
 */

/** One field at fault: its name as the form and the API spell it, and why (a `core:errors.<code>` with params). */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export const SUPPORTED_CURRENCY = 'EUR';
export const TEXT_MAX = 200;
export const CITY_MAX = 100;
export const EMAIL_MAX = 254;

/**
 * VAT number patterns of the EU member states (and Northern Ireland, XI),
 * without the country prefix. Greece uses `EL`, not `GR`.
 */
const EU_VAT_PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
});

export const VAT_COUNTRIES = Object.freeze(Object.keys(EU_VAT_PATTERNS));

/**
 * A VAT number as stored (upper case, no spaces, dots or dashes), or the
 * reason it is refused. Luxembourg numbers (`LU` + 8 digits) also carry a
 * check: the last two digits are the first six modulo 89.
 *
 * @example
 * checkVatNumber('lu 1234 5613') // { value: 'LU12345613' }
 */
export function checkVatNumber(raw: string): { value: string } | { code: string; params?: Record<string, string> } {
  const value = raw.toUpperCase().replace(/[\s.\-]/g, '');
  const prefix = value.slice(0, 2);
  const pattern = EU_VAT_PATTERNS[prefix];
  if (!pattern) return { code: 'CORE_SETTINGS_VAT_COUNTRY_UNKNOWN', params: { prefix: /^[A-Z]{2}/.test(prefix) ? prefix : value.slice(0, 2) } };
  const rest = value.slice(2);
  if (!pattern.test(rest)) return { code: 'CORE_SETTINGS_VAT_FORMAT', params: { country: prefix, example: VAT_EXAMPLES[prefix] ?? `${prefix}…` } };
  if (prefix === 'LU' && Number(rest.slice(0, 6)) % 89 !== Number(rest.slice(6))) return { code: 'CORE_SETTINGS_VAT_CHECKSUM', params: { country: prefix } };
  return { value };
}

const VAT_EXAMPLES: Readonly<Record<string, string>> = { LU: 'LU12345613', DE: 'DE123456789', FR: 'FRXX123456789', BE: 'BE0123456789', NL: 'NL123456789B01', AT: 'ATU12345678' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()/.-]{6,24}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LU_POSTAL_CODE = /^(L-?)?\d{4}$/;
const POSTAL_CODE = /^[A-Z0-9](?:[A-Z0-9 -]{0,14}[A-Z0-9])?$/;

/** A store's or platform's address as the settings keep it. */
export interface PostalAddress {
  readonly line1: string | null;
  readonly line2: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** A field checker that remembers every error. */
export class FieldChecks {
  readonly errors: FieldError[] = [];

  fail(field: string, code: string, params?: Record<string, string | number>): void {
    this.errors.push(params ? { field, code, params } : { field, code });
  }

  /** Trimmed text; empty means none (null), unless required. */
  text(field: string, raw: string | null | undefined, options: { max: number; required?: boolean }): string | null {
    const value = (raw ?? '').trim();
    if (!value) {
      if (options.required) this.fail(field, 'CORE_SETTINGS_REQUIRED');
      return null;
    }
    if (value.length > options.max) this.fail(field, 'CORE_SETTINGS_TOO_LONG', { max: options.max });
    return value;
  }

  email(field: string, raw: string | null | undefined): string | null {
    const value = this.text(field, raw, { max: EMAIL_MAX });
    if (value !== null && !EMAIL.test(value)) this.fail(field, 'CORE_SETTINGS_EMAIL_INVALID');
    return value?.toLowerCase() ?? null;
  }

  phone(field: string, raw: string | null | undefined): string | null {
    const value = this.text(field, raw, { max: 32 });
    if (value !== null && (!PHONE.test(value) || value.replace(/\D/g, '').length < 6)) this.fail(field, 'CORE_SETTINGS_PHONE_INVALID');
    return value;
  }

  country(field: string, raw: string | null | undefined): string {
    const value = (raw ?? '').trim().toUpperCase() || 'LU';
    if (!isCountryCode(value)) this.fail(field, 'CORE_SETTINGS_COUNTRY_INVALID', { country: value });
    return value;
  }

  /**
   * A postal address, field by field under `address.*`; a part left out of
   * `given` keeps its `current` value, `null` clears it.
   */
  address(given: Partial<Record<keyof PostalAddress, string | null | undefined>>, current: PostalAddress): PostalAddress {
    const value = (part: keyof PostalAddress) => (given[part] === undefined ? current[part] : given[part]);
    const rawCountry = value('country');
    const line1 = this.text('address.line1', value('line1'), { max: TEXT_MAX });
    const line2 = this.text('address.line2', value('line2'), { max: TEXT_MAX });
    // The postal code's rule depends on the country (L-1234 in Luxembourg).
    const postalCode = this.postalCode('address.postal_code', value('postalCode'), (rawCountry ?? '').trim().toUpperCase() || 'LU');
    const city = this.text('address.city', value('city'), { max: CITY_MAX });
    const country = this.country('address.country', rawCountry);
    return { line1, line2, postalCode, city, country };
  }

  postalCode(field: string, raw: string | null | undefined, country: string): string | null {
    const value = this.text(field, raw?.toUpperCase(), { max: 16 });
    if (value === null) return null;
    if (country === 'LU') {
      if (!LU_POSTAL_CODE.test(value)) this.fail(field, 'CORE_SETTINGS_POSTAL_CODE_INVALID', { example: 'L-1234' });
      // Stored as printed on Luxembourg letters: L-1234.
      return `L-${value.replace(/^L-?/, '')}`;
    }
    if (!POSTAL_CODE.test(value)) this.fail(field, 'CORE_SETTINGS_POSTAL_CODE_INVALID', { example: '12345' });
    return value;
  }

  vatNumber(field: string, raw: string | null | undefined): string | null {
    const value = (raw ?? '').trim();
    if (!value) return null;
    const checked = checkVatNumber(value);
    if ('value' in checked) return checked.value;
    this.fail(field, checked.code, checked.params);
    return value;
  }

  currency(field: string, raw: string | null | undefined): string {
    const value = (raw ?? '').trim().toUpperCase() || SUPPORTED_CURRENCY;
    if (value !== SUPPORTED_CURRENCY) this.fail(field, 'CORE_SETTINGS_CURRENCY_UNSUPPORTED', { currency: value, supported: SUPPORTED_CURRENCY });
    return SUPPORTED_CURRENCY;
  }

  /** The offered languages (in the app's order) and the default, which must be one of them. */
  languages(field: string, defaultField: string, raw: readonly string[] | undefined, rawDefault: string | null | undefined): { languages: Language[]; defaultLanguage: Language } {
    const wanted = new Set((raw ?? []).map((l) => l.trim().toLowerCase()).filter(Boolean));
    const unknown = [...wanted].filter((l) => !(LANGUAGES as readonly string[]).includes(l));
    const languages = LANGUAGES.filter((l) => wanted.has(l));
    if (unknown.length > 0) this.fail(field, 'CORE_SETTINGS_LANGUAGE_UNKNOWN', { languages: unknown.join(', '), supported: LANGUAGES.join(', ') });
    else if (languages.length === 0) this.fail(field, 'CORE_SETTINGS_LANGUAGES_EMPTY');
    const def = (rawDefault ?? '').trim().toLowerCase();
    if (!(LANGUAGES as readonly string[]).includes(def)) {
      this.fail(defaultField, 'CORE_SETTINGS_LANGUAGE_UNKNOWN', { languages: def || '—', supported: LANGUAGES.join(', ') });
      return { languages, defaultLanguage: languages[0] ?? 'en' };
    }
    if (languages.length > 0 && !languages.includes(def as Language)) this.fail(defaultField, 'CORE_SETTINGS_DEFAULT_LANGUAGE_NOT_OFFERED', { language: def });
    return { languages, defaultLanguage: def as Language };
  }

  /** Seven days, each closed or open from HH:MM to a later HH:MM; an unmentioned day is closed. */
  openingHours(field: string, raw: Readonly<Record<string, RawDayHours | undefined>> | undefined): OpeningHours {
    const hours: Partial<Record<Weekday, DayHours>> = {};
    for (const key of Object.keys(raw ?? {})) {
      if (!(WEEKDAYS as readonly string[]).includes(key)) this.fail(`${field}.${key}`, 'CORE_SETTINGS_HOURS_DAY_UNKNOWN', { day: key });
    }
    for (const day of WEEKDAYS) {
      const entry = raw?.[day];
      if (!entry || entry.closed) {
        hours[day] = { closed: true };
        continue;
      }
      const open = (entry.open ?? '').trim();
      const close = (entry.close ?? '').trim();
      const at = `${field}.${day}`;
      if (!TIME.test(open) || !TIME.test(close)) {
        this.fail(at, 'CORE_SETTINGS_HOURS_TIME_INVALID', { day });
      } else if (close <= open) {
        this.fail(at, 'CORE_SETTINGS_HOURS_CLOSE_BEFORE_OPEN', { day, open, close });
      }
      hours[day] = { closed: false, open, close };
    }
    return hours;
  }
}

/** One day as a client sends it. */
export interface RawDayHours {
  readonly closed?: boolean | undefined;
  readonly open?: string | undefined;
  readonly close?: string | undefined;
}

/** A day's hours as stored, or closed when the stored value is missing or malformed (older rows, hand edits). */
export function dayHours(hours: OpeningHours | null | undefined, day: Weekday): DayHours {
  const entry = hours?.[day];
  if (entry && entry.closed === false && TIME.test(entry.open) && TIME.test(entry.close)) return entry;
  return { closed: true };
}
