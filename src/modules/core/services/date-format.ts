import { LANGUAGE_INFO, isLanguage } from '../../locales.ts';

/**
 * A date and time as the reader's language writes it ("26.11.2026, 17:22"
 * in German). Templates have no date filter, so pages hand them strings
 * made here, next to the ISO value for `<time datetime>`.
 */
export function formatDateTime(date: Date, language: string): string {
  const tag = isLanguage(language) ? LANGUAGE_INFO[language].tag : 'en';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** `{ iso, text }` for `<time datetime="{{ d.iso }}">{{ d.text }}</time>`. */
export interface ShownDate {
  readonly iso: string;
  readonly text: string;
}

export function shownDate(date: Date, language: string): ShownDate {
  return { iso: date.toISOString(), text: formatDateTime(date, language) };
}
