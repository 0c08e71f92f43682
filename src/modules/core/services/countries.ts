import { LANGUAGE_INFO, isLanguage } from '../../locales.ts';

/**
 * The countries a store or platform address may be in on the form: the EU,
 * its neighbours and the UK. The API accepts any ISO code; the form offers
 * these, Luxembourg first, named in the reader's language.
 */
const COUNTRY_CODES = [
  'LU', 'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

export function countryOptions(language: string, current?: string): Array<{ code: string; name: string }> {
  const tag = isLanguage(language) ? LANGUAGE_INFO[language].tag : 'en';
  const names = new Intl.DisplayNames([tag, 'en'], { type: 'region' });
  const codes: string[] = [...COUNTRY_CODES];
  if (current && !codes.includes(current)) codes.push(current);
  const [first, ...rest] = codes.map((code) => ({ code, name: names.of(code) ?? code }));
  return [first!, ...rest.sort((a, b) => a.name.localeCompare(b.name, tag))];
}
