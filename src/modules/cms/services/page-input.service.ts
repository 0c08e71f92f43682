import { AppError } from '../../../exceptions/base.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import { PAGE_STATUSES, type PageStatus } from '../models/page.model.ts';
import { availableSectionTypes, checkSections, type LocalisedText, type PageSection } from '../schemas/page-section.schema.ts';
import { sanitizePageHtml } from './page-html.service.ts';

/**
 * The rules of a content page's fields, as pure functions: what the service
 * stores is what these return. Raw input (as typed in a form or sent to the
 * API) goes in; normalised, sanitised values or an AppError come out.
 */

export const SLUG_MAX_LENGTH = 64;
export const TITLE_MAX_LENGTH = 200;
export const SEO_TITLE_MAX_LENGTH = 200;
export const SEO_DESCRIPTION_MAX_LENGTH = 320;
export const BODY_MAX_LENGTH = 200_000;
export const SORT_ORDER_MIN = -1000;
export const SORT_ORDER_MAX = 1000;

/**
 * Paths of the storefront (and of the site around it) that a page address
 * must not shadow: `/account` is the customers' area, `/pages` the pages'
 * own prefix, the others are the framework's.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['account', 'pages', 'api', 'admin', 'vendor', 'static', 'media', 'health', 'metrics', 'docs']);

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-cased and trimmed; lower-case letters, digits and single hyphens, not reserved. */
export function checkSlug(raw: string): string {
  const slug = raw.trim().toLowerCase();
  if (slug.length === 0 || slug.length > SLUG_MAX_LENGTH || !SLUG_PATTERN.test(slug)) {
    throw new AppError(CMS_ERRORS.CMS_PAGE_SLUG_INVALID, { slug: raw.trim().slice(0, 80), max: SLUG_MAX_LENGTH });
  }
  if (RESERVED_SLUGS.has(slug)) throw new AppError(CMS_ERRORS.CMS_PAGE_SLUG_RESERVED, { slug });
  return slug;
}

export function checkStatus(raw: string): PageStatus {
  const status = raw.trim().toLowerCase();
  if (!(PAGE_STATUSES as readonly string[]).includes(status)) throw new AppError(CMS_ERRORS.CMS_PAGE_STATUS_INVALID, { status: raw.trim().slice(0, 32) });
  return status as PageStatus;
}

export function checkSortOrder(value: number): number {
  if (!Number.isInteger(value) || value < SORT_ORDER_MIN || value > SORT_ORDER_MAX) {
    throw new AppError(CMS_ERRORS.CMS_PAGE_SORT_ORDER_INVALID, { min: SORT_ORDER_MIN, max: SORT_ORDER_MAX });
  }
  return value;
}

/** One language of a page, raw. */
export interface TranslationInput {
  readonly title?: string | undefined;
  readonly body?: string | undefined;
  readonly seoTitle?: string | null | undefined;
  readonly seoDescription?: string | null | undefined;
}

/** One language of a page, as stored. */
export interface CheckedTranslation {
  readonly title: string;
  readonly bodyHtml: string;
  readonly seoTitle: string | null;
  readonly seoDescription: string | null;
}

const oneLine = (raw: string | null | undefined) => (raw ?? '').trim().replace(/\s+/g, ' ');

/**
 * The languages of a page: a language whose fields are all empty is left
 * out (removed on update); one with content needs a title; at least one
 * language must remain. Bodies are sanitised here.
 */
export function checkTranslations(input: Partial<Record<Language, TranslationInput>>): Map<Language, CheckedTranslation> {
  const out = new Map<Language, CheckedTranslation>();
  for (const language of LANGUAGES) {
    const t = input[language];
    if (!t) continue;
    const title = oneLine(t.title);
    const body = (t.body ?? '').trim();
    const seoTitle = oneLine(t.seoTitle);
    const seoDescription = oneLine(t.seoDescription);
    if (!title && !body && !seoTitle && !seoDescription) continue;
    if (!title) throw new AppError(CMS_ERRORS.CMS_PAGE_TITLE_REQUIRED, { language });
    if (title.length > TITLE_MAX_LENGTH) throw new AppError(CMS_ERRORS.CMS_PAGE_TITLE_TOO_LONG, { max: TITLE_MAX_LENGTH, language });
    if (seoTitle.length > SEO_TITLE_MAX_LENGTH) throw new AppError(CMS_ERRORS.CMS_PAGE_SEO_TITLE_TOO_LONG, { max: SEO_TITLE_MAX_LENGTH, language });
    if (seoDescription.length > SEO_DESCRIPTION_MAX_LENGTH) {
      throw new AppError(CMS_ERRORS.CMS_PAGE_SEO_DESCRIPTION_TOO_LONG, { max: SEO_DESCRIPTION_MAX_LENGTH, language });
    }
    if (body.length > BODY_MAX_LENGTH) throw new AppError(CMS_ERRORS.CMS_PAGE_BODY_TOO_LONG, { max: BODY_MAX_LENGTH, language });
    out.set(language, { title, bodyHtml: sanitizePageHtml(body), seoTitle: seoTitle || null, seoDescription: seoDescription || null });
  }
  if (out.size === 0) throw new AppError(CMS_ERRORS.CMS_PAGE_TITLE_REQUIRED, { language: LANGUAGES.join(', ') });
  return out;
}

/**
 * A button's target: a site path (`/pages/about`, not `//host`), an
 * in-page anchor, or an http(s) / mailto / tel address. Anything else
 * (`javascript:`, `data:`) is refused.
 */
export function isSafeLink(link: string): boolean {
  if (/^\/(?!\/)[^\s\\]*$/.test(link) || /^#[\w-]*$/.test(link)) return true;
  if (/^(mailto|tel):[^\s]+$/i.test(link)) return true;
  try {
    const url = new URL(link);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function cleanText(text: LocalisedText | undefined, html: boolean): LocalisedText {
  const out: LocalisedText = {};
  for (const language of LANGUAGES) {
    const value = text?.[language];
    if (value === undefined) continue;
    const clean = html ? sanitizePageHtml(value) : oneLine(value);
    if (clean) out[language] = clean;
  }
  return out;
}

/**
 * Checks the sections (shape, available types, links) and returns them
 * normalised: HTML sanitised, empty languages dropped. Media ownership is
 * the service's check (it needs the database).
 */
export function checkPageSections(raw: unknown): PageSection[] {
  const checked = checkSections(raw);
  if (!checked.ok) {
    const { problem } = checked;
    if (problem.unknownType === 'product_grid') throw new AppError(CMS_ERRORS.CMS_PAGE_SECTION_TYPE_UNAVAILABLE, { type: 'product_grid' });
    throw new AppError(CMS_ERRORS.CMS_PAGE_SECTIONS_INVALID, { index: problem.index, detail: problem.detail });
  }
  const available = new Set<string>(availableSectionTypes());
  return checked.sections.map((section, i): PageSection => {
    if (!available.has(section.type)) throw new AppError(CMS_ERRORS.CMS_PAGE_SECTION_TYPE_UNAVAILABLE, { type: section.type });
    switch (section.type) {
      case 'hero': {
        const link = section.button_link?.trim() ?? '';
        if (link && !isSafeLink(link)) throw new AppError(CMS_ERRORS.CMS_PAGE_SECTION_LINK_INVALID, { link: link.slice(0, 80), index: i + 1 });
        return {
          type: 'hero',
          heading: cleanText(section.heading, false),
          subheading: cleanText(section.subheading, false),
          button_label: cleanText(section.button_label, false),
          button_link: link,
          image_id: section.image_id ?? null,
        };
      }
      case 'rich_text':
        return { type: 'rich_text', html: cleanText(section.html, true) };
      case 'image_text':
        return { type: 'image_text', image_id: section.image_id, text: cleanText(section.text, true), image_position: section.image_position ?? 'left' };
    }
  });
}

/** The media files the sections show, each once, in order. */
export function sectionMediaIds(sections: readonly PageSection[]): number[] {
  const ids: number[] = [];
  for (const s of sections) {
    const id = s.type === 'hero' ? s.image_id : s.type === 'image_text' ? s.image_id : null;
    if (typeof id === 'number' && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The language to show: the first of `preferred` that the page has, else
 * English, else the first the page has (in the platform's order).
 */
export function chooseLanguage(available: Iterable<Language>, preferred: ReadonlyArray<string | null | undefined>): Language | undefined {
  const have = new Set(available);
  for (const language of [...preferred, 'en']) if (language && have.has(language as Language)) return language as Language;
  return LANGUAGES.find((l) => have.has(l));
}
