import { Type, type Static, type TSchema } from 'typebox';
import { field } from '../../../api/forms.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { MEDIA_KINDS } from '../models/media.model.ts';
import type { Media, MediaDetail } from '../services/media.service.ts';

/**
 * Shapes of the vendor media API (`/api/v1/vendor/cms/media`) and the
 * reading of the alt-text form of the pages. Uploads are multipart
 * (`file`), so they have no body schema here.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Variant = Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer() });

export const MediaParams = Type.Object({ id: Id });
export type MediaParams = Static<typeof MediaParams>;

export const MediaListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 24 })),
    kind: Type.Optional(Type.Enum([...MEDIA_KINDS])),
  },
  { additionalProperties: false },
);
export type MediaListQuery = Static<typeof MediaListQuery>;

const AltTexts = Type.Object(Object.fromEntries(LANGUAGES.map((l) => [l, Type.Optional(Type.String())])) as Record<Language, ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>>);

export const MediaBody = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum([...MEDIA_KINDS]),
  filename: Type.String({ description: 'The name as uploaded' }),
  content_type: Type.String({ description: 'Found in the content, not taken from the upload' }),
  size: Type.Integer({ description: 'Bytes of the stored original' }),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  url: Type.String({ description: 'The original, at /media/<key> on any host; cache it forever' }),
  variants: Type.Object(
    { thumb: Type.Optional(Variant), medium: Type.Optional(Variant), large: Type.Optional(Variant) },
    { description: 'WebP copies of an image: at most 200, 800 and 1600 px, never enlarged' },
  ),
  created_at: Type.String({ format: 'date-time' }),
});
export type MediaBody = Static<typeof MediaBody>;

export const MediaDetailBody = Type.Object({
  ...MediaBody.properties,
  alt: AltTexts,
  usages: Type.Array(Type.String(), { description: 'Who uses the file, e.g. cms_page:12 or cms_theme:3; a used file cannot be deleted' }),
});
export type MediaDetailBody = Static<typeof MediaDetailBody>;

export const MediaListBody = Type.Object({
  items: Type.Array(MediaBody, { description: 'Newest first' }),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
});
export type MediaListBody = Static<typeof MediaListBody>;

export const MediaAltBody = Type.Object(
  { alt: Type.Object(Object.fromEntries(LANGUAGES.map((l) => [l, Type.Optional(Nullable(Type.String({ maxLength: 2000 })))])), { additionalProperties: false, description: 'Per language; "" or null removes it; languages not given keep theirs' }) },
  { additionalProperties: false },
);
export type MediaAltBody = Static<typeof MediaAltBody>;

export function toMediaBody(m: Media): MediaBody {
  const variants: MediaBody['variants'] = {};
  for (const [name, v] of Object.entries(m.variants)) {
    if (v) variants[name as keyof MediaBody['variants']] = { url: `/media/${v.key}`, width: v.width, height: v.height };
  }
  return {
    id: m.id,
    kind: m.kind,
    filename: m.filename,
    content_type: m.contentType,
    size: m.size,
    width: m.width,
    height: m.height,
    url: m.url,
    variants,
    created_at: m.createdAt.toISOString(),
  };
}

export function toMediaDetailBody(m: MediaDetail): MediaDetailBody {
  return { ...toMediaBody(m), alt: { ...m.alt }, usages: [...m.usages] };
}

/** The alt-text form of the pages: `alt_<language>` fields, all given (an empty one removes that language's). */
export function altFormOf(body: unknown): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, field(body, `alt_${l}`)])) as Record<Language, string>;
}
