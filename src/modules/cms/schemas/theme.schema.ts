import { Type, type Static } from 'typebox';
import { field } from '../../../api/forms.ts';
import type { Theme } from '../services/theme-context.ts';
import type { ThemeInput } from '../services/theme.service.ts';
import { THEME_COLOR_FIELDS } from '../services/theme-presets.ts';

/**
 * The theme form of the vendor pages (and the preview's query, which
 * carries the same fields), read into the service's ThemeInput.
 */

export interface ThemeForm {
  readonly code: string;
  readonly color_primary: string;
  readonly color_accent: string;
  readonly color_background: string;
  readonly color_text: string;
  readonly font_heading: string;
  readonly font_body: string;
  readonly radius: string;
  readonly logo_media_id: string;
  readonly favicon_media_id: string;
}

const Short = Type.Optional(Type.String({ maxLength: 40 }));

/** The preview's query string: the form's fields, all optional. */
export const ThemePreviewQuery = Type.Object({
  code: Short,
  color_primary: Short,
  color_accent: Short,
  color_background: Short,
  color_text: Short,
  font_heading: Short,
  font_body: Short,
  radius: Short,
  logo_media_id: Short,
  favicon_media_id: Short,
  lang: Short,
});
export type ThemePreviewQuery = Static<typeof ThemePreviewQuery>;

export function themeFormOf(body: unknown): ThemeForm {
  return {
    code: field(body, 'code'),
    color_primary: field(body, 'color_primary'),
    color_accent: field(body, 'color_accent'),
    color_background: field(body, 'color_background'),
    color_text: field(body, 'color_text'),
    font_heading: field(body, 'font_heading'),
    font_body: field(body, 'font_body'),
    radius: field(body, 'radius'),
    logo_media_id: field(body, 'logo_media_id'),
    favicon_media_id: field(body, 'favicon_media_id'),
  };
}

export function formOfTheme(theme: Theme): ThemeForm {
  return {
    code: theme.code,
    color_primary: theme.colors.primary,
    color_accent: theme.colors.accent,
    color_background: theme.colors.background,
    color_text: theme.colors.text,
    font_heading: theme.fontHeading,
    font_body: theme.fontBody,
    radius: theme.radius,
    logo_media_id: theme.logoMediaId === null ? '' : String(theme.logoMediaId),
    favicon_media_id: theme.faviconMediaId === null ? '' : String(theme.faviconMediaId),
  };
}

/** '' is "none"; anything else must be an id (else 0, which no file has: CMS_MEDIA_NOT_FOUND). */
function mediaId(value: string): number | null {
  if (value === '') return null;
  return /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : 0;
}

/** `onlyPreset`: the "use the preset's colours and fonts" button, which keeps logo and favicon. */
export function themeInputOfForm(form: ThemeForm, options: { onlyPreset?: boolean } = {}): ThemeInput {
  const colors = options.onlyPreset ? {} : Object.fromEntries(THEME_COLOR_FIELDS.map((f) => [f, form[`color_${f}`]]));
  return {
    code: form.code,
    colors,
    ...(options.onlyPreset ? {} : { fontHeading: form.font_heading, fontBody: form.font_body, radius: form.radius }),
    logoMediaId: mediaId(form.logo_media_id),
    faviconMediaId: mediaId(form.favicon_media_id),
  };
}

const Color = Type.String({ maxLength: 40, description: '#rrggbb (or #rgb)', examples: ['#7a2e4d'] });
const NullableId = Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.Null()]);

/** The theme as the API reads and writes it. */
export const ThemeBody = Type.Object({
  code: Type.String({ description: 'The preset: classic, boutique, minimal or bold' }),
  colors: Type.Object({ primary: Type.String(), accent: Type.String(), background: Type.String(), text: Type.String() }),
  font_heading: Type.String({ description: 'system, humanist, geometric, classical, transitional, oldstyle, didone or monospace' }),
  font_body: Type.String(),
  radius: Type.String({ description: 'none, small, medium or large' }),
  logo_media_id: NullableId,
  favicon_media_id: NullableId,
  css_variables: Type.String({ description: 'What the storefront puts on :root' }),
  updated_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Null: never saved, the default theme' }),
});
export type ThemeBody = Static<typeof ThemeBody>;

export const ThemeUpdateBody = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 40, description: 'The preset; colours, fonts and radius not given are its own' })),
    colors: Type.Optional(Type.Object({ primary: Type.Optional(Color), accent: Type.Optional(Color), background: Type.Optional(Color), text: Type.Optional(Color) }, { additionalProperties: false })),
    font_heading: Type.Optional(Type.String({ maxLength: 40 })),
    font_body: Type.Optional(Type.String({ maxLength: 40 })),
    radius: Type.Optional(Type.String({ maxLength: 40 })),
    logo_media_id: Type.Optional(NullableId),
    favicon_media_id: Type.Optional(NullableId),
  },
  { additionalProperties: false },
);
export type ThemeUpdateBody = Static<typeof ThemeUpdateBody>;

export function toThemeBody(theme: Theme, cssVariables: string): ThemeBody {
  return {
    code: theme.code,
    colors: { ...theme.colors },
    font_heading: theme.fontHeading,
    font_body: theme.fontBody,
    radius: theme.radius,
    logo_media_id: theme.logoMediaId,
    favicon_media_id: theme.faviconMediaId,
    css_variables: cssVariables,
    updated_at: theme.updatedAt ? theme.updatedAt.toISOString() : null,
  };
}

export function themeInputOfBody(body: ThemeUpdateBody): ThemeInput {
  return {
    code: body.code,
    colors: body.colors,
    fontHeading: body.font_heading,
    fontBody: body.font_body,
    radius: body.radius,
    logoMediaId: body.logo_media_id,
    faviconMediaId: body.favicon_media_id,
  };
}
