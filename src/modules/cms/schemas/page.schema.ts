import { Type, type Static, type TSchema } from 'typebox';
import { field } from '../../../api/forms.ts';
import { AppError } from '../../../exceptions/base.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import { PAGE_STATUSES } from '../models/page.model.ts';
import type { PageSection } from './page-section.schema.ts';
import type { DefaultPageView, PageChanges, PageDetail, PageInput, PageSummary } from '../services/page.service.ts';
import type { TranslationInput } from '../services/page-input.service.ts';

/**
 * Request and response shapes of the cms pages API (`/api/v1/vendor/cms/pages`
 * and `/api/v1/admin/cms/pages`), the mappers from the service's objects,
 * and the reading of the page form of the back offices.
 *
 * Strings are bounded here only against abuse; their rules (slug pattern,
 * reserved slugs, title lengths, section shapes) are the service's, so the
 * API and the pages answer the same CMS_PAGE_* errors.
 */

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Status = Type.Enum([...PAGE_STATUSES], { description: 'draft (not shown) or published' });

const TranslationIn = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 1000, description: 'Required when the language has any content; at most 200 characters' })),
    body: Type.Optional(Type.String({ maxLength: 250_000, description: 'HTML; sanitised on save (scripts, event handlers and javascript: links are removed)' })),
    seo_title: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: 'At most 200 characters; default the title' }))),
    seo_description: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'At most 320 characters' }))),
  },
  { additionalProperties: false },
);

const TranslationsIn = Type.Object(
  { en: Type.Optional(TranslationIn), de: Type.Optional(TranslationIn), fr: Type.Optional(TranslationIn), lu: Type.Optional(TranslationIn) },
  { additionalProperties: false, description: 'Per language; a language sent with every field empty is removed' },
);

/** Checked by the service against the section schemas, so a bad block answers CMS_PAGE_SECTIONS_INVALID. */
const SectionsIn = Type.Array(Type.Object({ type: Type.String({ maxLength: 40 }) }, { additionalProperties: true }), {
  maxItems: 30,
  description: 'Ordered blocks: hero {heading, subheading, button_label (per language), button_link, image_id}, rich_text {html (per language)}, image_text {image_id, text (per language), image_position left|right}',
});

export const PageParams = Type.Object({ id: Id });
export type PageParams = Static<typeof PageParams>;

export const PageSlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });
export type PageSlugParams = Static<typeof PageSlugParams>;

export const PageCreateBody = Type.Object(
  {
    slug: Type.String({ maxLength: 200, description: 'Lower-case letters, digits and hyphens; unique per vendor; not a reserved path', examples: ['about-us'] }),
    status: Type.Optional(Status),
    sort_order: Type.Optional(Type.Integer({ description: 'Position in lists, lower first; default 0' })),
    show_in_footer: Type.Optional(Type.Boolean({ description: 'Listed in the storefront footer; default false' })),
    translations: TranslationsIn,
    sections: Type.Optional(SectionsIn),
  },
  { additionalProperties: false },
);
export type PageCreateBody = Static<typeof PageCreateBody>;

export const PageUpdateBody = Type.Partial(PageCreateBody, { additionalProperties: false });
export type PageUpdateBody = Static<typeof PageUpdateBody>;

const TranslationOut = Type.Object({ title: Type.String(), body_html: Type.String(), seo_title: Nullable(Type.String()), seo_description: Nullable(Type.String()) });

const SummaryFields = {
  id: Type.Integer(),
  slug: Type.String(),
  status: Status,
  published_at: Nullable(Timestamp),
  updated_at: Timestamp,
  sort_order: Type.Integer(),
  show_in_footer: Type.Boolean(),
  titles: Type.Record(Type.String(), Type.String(), { description: 'The title in each language the page has' }),
};

export const PageSummaryBody = Type.Object(SummaryFields);
export type PageSummaryBody = Static<typeof PageSummaryBody>;

export const DefaultPageBody = Type.Object({
  ...SummaryFields,
  override: Nullable(Type.Object({ id: Type.Integer(), status: Status }, { description: "The vendor's page with this address; it replaces the default while published" })),
});

export const PageBody = Type.Object({
  ...SummaryFields,
  is_platform_default: Type.Boolean(),
  created_at: Timestamp,
  translations: Type.Record(Type.String(), TranslationOut),
  sections: Type.Array(Type.Unknown()),
});
export type PageBody = Static<typeof PageBody>;

export const PageListBody = Type.Object({
  pages: Type.Array(PageSummaryBody, { description: 'By position, then address' }),
  defaults: Type.Optional(Type.Array(DefaultPageBody, { description: "Vendors: the platform's published default pages, each with the vendor's override if any" })),
});
export type PageListBody = Static<typeof PageListBody>;

export function toSummaryBody(p: PageSummary): PageSummaryBody {
  return {
    id: p.id,
    slug: p.slug,
    status: p.status,
    published_at: p.publishedAt?.toISOString() ?? null,
    updated_at: p.updatedAt.toISOString(),
    sort_order: p.sortOrder,
    show_in_footer: p.showInFooter,
    titles: { ...p.titles },
  };
}

export function toDefaultBody(p: DefaultPageView): Static<typeof DefaultPageBody> {
  return { ...toSummaryBody(p), override: p.override };
}

export function toPageBody(p: PageDetail): PageBody {
  const translations: PageBody['translations'] = {};
  for (const [language, t] of Object.entries(p.translations)) {
    translations[language] = { title: t.title, body_html: t.bodyHtml, seo_title: t.seoTitle, seo_description: t.seoDescription };
  }
  return { ...toSummaryBody(p), is_platform_default: p.vendorId === null, created_at: p.createdAt.toISOString(), translations, sections: p.sections };
}

function translationsOf(body: PageCreateBody['translations']): Partial<Record<Language, TranslationInput>> {
  const out: Partial<Record<Language, TranslationInput>> = {};
  for (const language of LANGUAGES) {
    const t = body[language];
    if (t) out[language] = { title: t.title, body: t.body, seoTitle: t.seo_title, seoDescription: t.seo_description };
  }
  return out;
}

export function pageInputOf(body: PageCreateBody): PageInput {
  return { ...pageChangesOf(body), slug: body.slug, translations: translationsOf(body.translations) };
}

export function pageChangesOf(body: PageUpdateBody): PageChanges {
  return {
    ...(body.slug !== undefined ? { slug: body.slug } : {}),
    ...(body.status !== undefined ? { status: body.status } : {}),
    ...(body.sort_order !== undefined ? { sortOrder: body.sort_order } : {}),
    ...(body.show_in_footer !== undefined ? { showInFooter: body.show_in_footer } : {}),
    ...(body.translations !== undefined ? { translations: translationsOf(body.translations) } : {}),
    ...(body.sections !== undefined ? { sections: body.sections } : {}),
  };
}

// ------------------------------------------------------------------ the page form

/** The page form of the back offices, as typed (re-shown when the service refuses it). */
export interface PageForm {
  readonly slug: string;
  readonly status: string;
  readonly sort_order: string;
  readonly show_in_footer: boolean;
  readonly translations: Record<Language, { title: string; body: string; seo_title: string; seo_description: string }>;
  /** The sections as the editor keeps them: a JSON list. */
  readonly sections: string;
}

/** Which submit button sent the form: save as it is, or save and publish / take offline. */
export type PageIntent = 'save' | 'publish' | 'unpublish';

export function pageFormOf(body: unknown): { form: PageForm; intent: PageIntent } {
  const translations = Object.fromEntries(
    LANGUAGES.map((l) => [l, { title: field(body, `title_${l}`), body: field(body, `body_${l}`), seo_title: field(body, `seo_title_${l}`), seo_description: field(body, `seo_description_${l}`) }]),
  ) as PageForm['translations'];
  const intent = field(body, 'intent');
  return {
    form: {
      slug: field(body, 'slug'),
      status: field(body, 'status') || 'draft',
      sort_order: field(body, 'sort_order') || '0',
      // An unticked checkbox is simply absent from the form.
      show_in_footer: field(body, 'show_in_footer') !== '',
      translations,
      sections: field(body, 'sections') || '[]',
    },
    intent: intent === 'publish' || intent === 'unpublish' ? intent : 'save',
  };
}

export function formOfPage(p: PageDetail): PageForm {
  const translations = Object.fromEntries(
    LANGUAGES.map((l) => {
      const t = p.translations[l];
      return [l, { title: t?.title ?? '', body: t?.bodyHtml ?? '', seo_title: t?.seoTitle ?? '', seo_description: t?.seoDescription ?? '' }];
    }),
  ) as PageForm['translations'];
  return { slug: p.slug, status: p.status, sort_order: String(p.sortOrder), show_in_footer: p.showInFooter, translations, sections: JSON.stringify(p.sections) };
}

export const EMPTY_PAGE_FORM: PageForm = {
  slug: '',
  status: 'draft',
  sort_order: '0',
  show_in_footer: false,
  translations: Object.fromEntries(LANGUAGES.map((l) => [l, { title: '', body: '', seo_title: '', seo_description: '' }])) as PageForm['translations'],
  sections: '[]',
};

/** The form as the service's input; the button decides the status when it is Publish or Unpublish. */
export function pageInputOfForm(form: PageForm, intent: PageIntent): PageInput {
  let sections: unknown;
  try {
    sections = JSON.parse(form.sections) as unknown;
  } catch {
    throw new AppError(CMS_ERRORS.CMS_PAGE_SECTIONS_INVALID, { index: 0, detail: 'the sections could not be read' });
  }
  const sortOrder = Number(form.sort_order);
  const status = intent === 'publish' ? 'published' : intent === 'unpublish' ? 'draft' : form.status;
  return {
    slug: form.slug,
    status,
    sortOrder: /^-?\d+$/.test(form.sort_order) ? sortOrder : Number.NaN,
    showInFooter: form.show_in_footer,
    translations: Object.fromEntries(
      LANGUAGES.map((l) => {
        const t = form.translations[l];
        return [l, { title: t.title, body: t.body, seoTitle: t.seo_title, seoDescription: t.seo_description }];
      }),
    ),
    sections: sections as PageSection[] | unknown,
  };
}
