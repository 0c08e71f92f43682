import type { FastifyRequest } from 'fastify';
import { formError } from '../../../../../api/forms.ts';
import { LANGUAGE_INFO, LANGUAGES } from '../../../../locales.ts';
import { WEEKDAYS, type Weekday } from '../../../models/settings.model.ts';
import { countryOptions } from '../../../services/countries.ts';
import { fieldErrorsOf } from '../../../services/settings-errors.ts';
import type { PlatformSettings } from '../../../services/platform-settings.service.ts';
import type { PostalAddress, StoreSettings } from '../../../services/store-settings.service.ts';

/**
 * What the settings pages (store and platform) share: the form as typed,
 * translated errors by field, and the options of the selects. Field ids
 * are the API's field names with `_` for `.` (`address.city` →
 * `address_city`, `opening_hours.mon` → `opening_hours_mon`).
 */

export type HoursForm = Record<Weekday, { closed: boolean; open: string; close: string }>;
export type SettingsForm = Record<string, string | string[] | HoursForm>;

export interface FormErrors {
  /** The message above the form. */
  readonly summary: string;
  /** Translated messages by field id. */
  readonly fields: Readonly<Record<string, string>>;
}

const addressForm = (a: PostalAddress) => ({
  address_line1: a.line1 ?? '',
  address_line2: a.line2 ?? '',
  address_postal_code: a.postalCode ?? '',
  address_city: a.city ?? '',
  address_country: a.country,
});

export function formOfStore(s: StoreSettings): SettingsForm {
  const hours = Object.fromEntries(
    WEEKDAYS.map((d) => {
      const h = s.openingHours[d];
      return [d, h.closed ? { closed: true, open: '', close: '' } : { closed: false, open: h.open, close: h.close }];
    }),
  ) as HoursForm;
  return {
    name: s.name,
    contact_email: s.contactEmail ?? '',
    phone: s.phone ?? '',
    ...addressForm(s.address),
    vat_number: s.vatNumber ?? '',
    currency: s.currency,
    languages: [...s.languages],
    default_language: s.defaultLanguage,
    hours,
  };
}

export function formOfPlatform(s: PlatformSettings): SettingsForm {
  return {
    support_email: s.supportEmail ?? '',
    support_phone: s.supportPhone ?? '',
    legal_name: s.legalName ?? '',
    ...addressForm(s.address),
    vat_number: s.vatNumber ?? '',
    currency: s.currency,
    languages: [...s.languages],
    default_language: s.defaultLanguage,
  };
}

/** The label of a field id, as the form shows it (for the summary above the form). */
function fieldLabel(request: FastifyRequest, id: string): string {
  const day = /^opening_hours_([a-z]+)$/.exec(id)?.[1];
  if (day) return request.t(`core:settings.days.${day}`, { defaultValue: day });
  const key = { address_postal_code: 'postal_code', address_city: 'city', address_country: 'country' }[id] ?? id;
  return request.t(`core:settings.fields.${key}`, { defaultValue: id });
}

/** The error of a failed save, translated: a summary naming the fields at fault, and one message per field. Rethrows what is not a 4xx AppError. */
export function formErrors(request: FastifyRequest, error: unknown): FormErrors {
  const message = formError(request, error);
  const fields: Record<string, string> = {};
  for (const e of fieldErrorsOf(error)) {
    const id = e.field.replace(/\./g, '_');
    const day = e.params?.day ? { day: request.t(`core:settings.days.${e.params.day}`, { defaultValue: String(e.params.day) }) } : {};
    fields[id] ??= request.t(`core:errors.${e.code}`, { ...(e.params ?? {}), ...day });
  }
  const ids = Object.keys(fields);
  const summary = ids.length > 0 ? request.t('core:settings.invalid_fields', { fields: ids.map((id) => fieldLabel(request, id)).join(', ') }) : message;
  return { summary, fields };
}

/** The options of the form's selects and checkboxes, in the reader's language. */
export function formOptions(request: FastifyRequest, form: SettingsForm) {
  const country = typeof form.address_country === 'string' ? form.address_country : undefined;
  return {
    countries: countryOptions(request.language, country),
    languages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_INFO[code].name })),
    days: WEEKDAYS.map((code) => ({ code, label: request.t(`core:settings.days.${code}`) })),
  };
}
