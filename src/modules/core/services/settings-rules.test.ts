import { describe, expect, it } from 'vitest';
import { checkVatNumber, FieldChecks } from './settings-rules.ts';

describe('checkVatNumber', () => {
  it('accepts a Luxembourg number with matching check digits, written loosely', () => {
    // 123456 mod 89 = 13
    expect(checkVatNumber('lu 1234 5613')).toEqual({ value: 'LU12345613' });
    expect(checkVatNumber('LU-15027442')).toEqual({ value: 'LU15027442' });
  });

  it('refuses a Luxembourg number of the wrong length or with wrong check digits', () => {
    expect(checkVatNumber('LU1234561')).toMatchObject({ code: 'CORE_SETTINGS_VAT_FORMAT' });
    expect(checkVatNumber('LU12345678')).toMatchObject({ code: 'CORE_SETTINGS_VAT_CHECKSUM' });
  });

  it('checks other EU numbers by their country pattern and refuses unknown prefixes', () => {
    expect(checkVatNumber('DE123456789')).toEqual({ value: 'DE123456789' });
    expect(checkVatNumber('FR40303265045')).toEqual({ value: 'FR40303265045' });
    expect(checkVatNumber('NL123456789B01')).toEqual({ value: 'NL123456789B01' });
    expect(checkVatNumber('ATU12345678')).toEqual({ value: 'ATU12345678' });
    expect(checkVatNumber('DE12345678')).toMatchObject({ code: 'CORE_SETTINGS_VAT_FORMAT', params: { country: 'DE' } });
    expect(checkVatNumber('US123456789')).toMatchObject({ code: 'CORE_SETTINGS_VAT_COUNTRY_UNKNOWN', params: { prefix: 'US' } });
    expect(checkVatNumber('GR123456789')).toMatchObject({ code: 'CORE_SETTINGS_VAT_COUNTRY_UNKNOWN' });
  });
});

describe('FieldChecks', () => {
  it('accepts only EUR, naming the currency refused', () => {
    const checks = new FieldChecks();
    expect(checks.currency('currency', 'eur')).toBe('EUR');
    expect(checks.errors).toEqual([]);
    checks.currency('currency', 'USD');
    expect(checks.errors).toEqual([{ field: 'currency', code: 'CORE_SETTINGS_CURRENCY_UNSUPPORTED', params: { currency: 'USD', supported: 'EUR' } }]);
  });

  it('keeps the languages in the app order and wants the default among them', () => {
    const ok = new FieldChecks();
    expect(ok.languages('languages', 'default_language', ['lu', 'fr'], 'fr')).toEqual({ languages: ['fr', 'lu'], defaultLanguage: 'fr' });
    expect(ok.errors).toEqual([]);
    const bad = new FieldChecks();
    bad.languages('languages', 'default_language', ['fr', 'es'], 'de');
    expect(bad.errors.map((e) => [e.field, e.code])).toEqual([
      ['languages', 'CORE_SETTINGS_LANGUAGE_UNKNOWN'],
      ['default_language', 'CORE_SETTINGS_DEFAULT_LANGUAGE_NOT_OFFERED'],
    ]);
    const none = new FieldChecks();
    none.languages('languages', 'default_language', [], 'en');
    expect(none.errors.map((e) => e.code)).toContain('CORE_SETTINGS_LANGUAGES_EMPTY');
  });

  it('fills the week with closed days and names each day whose hours are wrong', () => {
    const checks = new FieldChecks();
    const hours = checks.openingHours('opening_hours', {
      mon: { open: '09:00', close: '18:00' },
      tue: { open: '18:00', close: '09:00' },
      wed: { open: '9h', close: '18:00' },
      thu: { closed: true, open: 'ignored' },
      xyz: { closed: true },
    });
    expect(hours.mon).toEqual({ closed: false, open: '09:00', close: '18:00' });
    expect(hours.thu).toEqual({ closed: true });
    expect(hours.sun).toEqual({ closed: true });
    expect(checks.errors.map((e) => [e.field, e.code])).toEqual([
      ['opening_hours.xyz', 'CORE_SETTINGS_HOURS_DAY_UNKNOWN'],
      ['opening_hours.tue', 'CORE_SETTINGS_HOURS_CLOSE_BEFORE_OPEN'],
      ['opening_hours.wed', 'CORE_SETTINGS_HOURS_TIME_INVALID'],
    ]);
  });

  it('writes Luxembourg postal codes as L-1234 and refuses other shapes', () => {
    const checks = new FieldChecks();
    expect(checks.postalCode('address.postal_code', '1648', 'LU')).toBe('L-1648');
    expect(checks.postalCode('address.postal_code', 'l-5550', 'LU')).toBe('L-5550');
    expect(checks.errors).toEqual([]);
    checks.postalCode('address.postal_code', '12345', 'LU');
    checks.country('address.country', 'XX');
    checks.email('contact_email', 'not-an-email');
    checks.phone('phone', '12');
    expect(checks.errors.map((e) => e.code)).toEqual(['CORE_SETTINGS_POSTAL_CODE_INVALID', 'CORE_SETTINGS_COUNTRY_INVALID', 'CORE_SETTINGS_EMAIL_INVALID', 'CORE_SETTINGS_PHONE_INVALID']);
  });
});
