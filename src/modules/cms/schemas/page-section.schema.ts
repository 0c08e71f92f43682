import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The typed blocks a content page is made of, in order. Texts are given per
 * language (any of en, de, fr, lu; a missing language falls back like the
 * page's own texts). HTML fields are sanitised by the page service on save;
 * these schemas only check the shape.
 *
 * `product_grid` is declared by the catalog feature and is not offered yet:
 * it needs the catalog module enabled on the platform and products to show
 * (see `availableSectionTypes`).
 */

const MAX_TEXT = 300;
const MAX_HTML = 50_000;
/** Ids are int4 in the database. */
const MediaId = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'A file of the media library' });

const localised = (maxLength: number, description: string) =>
  Type.Object(
    {
      en: Type.Optional(Type.String({ maxLength })),
      de: Type.Optional(Type.String({ maxLength })),
      fr: Type.Optional(Type.String({ maxLength })),
      lu: Type.Optional(Type.String({ maxLength })),
    },
    { additionalProperties: false, description },
  );

export const HeroSection = Type.Object(
  {
    type: Type.Literal('hero'),
    heading: localised(MAX_TEXT, 'The large heading, per language'),
    subheading: Type.Optional(localised(MAX_TEXT, 'A line under the heading, per language')),
    button_label: Type.Optional(localised(80, 'The call-to-action label, per language')),
    button_link: Type.Optional(Type.String({ maxLength: 500, description: 'A site path (/pages/about) or an http(s) address' })),
    image_id: Type.Optional(Type.Union([MediaId, Type.Null()])),
  },
  { additionalProperties: false },
);

export const RichTextSection = Type.Object(
  {
    type: Type.Literal('rich_text'),
    html: localised(MAX_HTML, 'Formatted text, per language (sanitised on save)'),
  },
  { additionalProperties: false },
);

export const ImageTextSection = Type.Object(
  {
    type: Type.Literal('image_text'),
    image_id: MediaId,
    text: localised(MAX_HTML, 'Formatted text beside the image, per language (sanitised on save)'),
    image_position: Type.Optional(Type.Union([Type.Literal('left'), Type.Literal('right')], { description: 'Default left' })),
  },
  { additionalProperties: false },
);

export const PageSectionSchema = Type.Union([HeroSection, RichTextSection, ImageTextSection]);
export const PageSectionsSchema = Type.Array(PageSectionSchema, { maxItems: 30 });

export type HeroSection = Static<typeof HeroSection>;
export type RichTextSection = Static<typeof RichTextSection>;
export type ImageTextSection = Static<typeof ImageTextSection>;
export type PageSection = Static<typeof PageSectionSchema>;
export type SectionType = PageSection['type'];
export type LocalisedText = Partial<Record<'en' | 'de' | 'fr' | 'lu', string>>;

/** Every section type the editor knows, in the order it offers them. */
export const SECTION_TYPES = ['hero', 'rich_text', 'image_text'] as const satisfies readonly SectionType[];

/** Section types a page may use; `product_grid` joins once the catalog has products to show. */
export function availableSectionTypes(): readonly SectionType[] {
  return SECTION_TYPES;
}

const SCHEMAS = { hero: HeroSection, rich_text: RichTextSection, image_text: ImageTextSection } as const;

/** Why a sections value is refused: its position (1-based) and what is wrong. */
export interface SectionProblem {
  readonly index: number;
  readonly detail: string;
  /** The unknown type, when that is the problem. */
  readonly unknownType?: string;
}

/**
 * Checks a decoded `sections` value. Each block is checked against the
 * schema of its own `type`, so the problem names the field at fault rather
 * than "matches none of the union".
 */
export function checkSections(value: unknown): { ok: true; sections: PageSection[] } | { ok: false; problem: SectionProblem } {
  if (!Array.isArray(value)) return { ok: false, problem: { index: 0, detail: 'sections must be a list' } };
  if (value.length > 30) return { ok: false, problem: { index: 31, detail: 'a page holds at most 30 sections' } };
  for (const [i, block] of value.entries()) {
    const type = block && typeof block === 'object' ? (block as { type?: unknown }).type : undefined;
    const schema = typeof type === 'string' && Object.hasOwn(SCHEMAS, type) ? SCHEMAS[type as keyof typeof SCHEMAS] : undefined;
    if (!schema) return { ok: false, problem: { index: i + 1, detail: `unknown section type "${String(type)}"`, unknownType: String(type) } };
    const errors = Value.Errors(schema, block);
    // `additionalProperties: false` reports twice; the second names the rule rather than "schema is false".
    const first = errors.find((e) => e.keyword !== 'boolean') ?? errors[0];
    if (first) {
      const at = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { ok: false, problem: { index: i + 1, detail: `${at || type}: ${first.message}` } };
    }
  }
  return { ok: true, sections: value as PageSection[] };
}
