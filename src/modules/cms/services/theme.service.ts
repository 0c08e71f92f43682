import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import type { CmsThemeTables } from '../models/theme.model.ts';
import { recordMediaUsage } from './media-usage.service.ts';
import { announceThemeChange, themeOfRow, type Theme } from './theme-context.ts';
import {
  contrastRatio,
  DEFAULT_THEME,
  MIN_CONTRAST,
  THEME_COLOR_FIELDS,
  THEME_FONT_CODES,
  THEME_PRESET_CODES,
  THEME_PRESETS,
  THEME_RADIUS_CODES,
  type ThemeColorField,
  type ThemeFont,
  type ThemeLook,
  type ThemePresetCode,
  type ThemeRadius,
} from './theme-presets.ts';

/**
 * A theme as typed (strings from a form or the API). The colours, fonts and
 * radius not given are the preset's (`code`, default `classic`).
 */
export interface ThemeInput {
  readonly code?: string | undefined;
  readonly colors?: Partial<Record<ThemeColorField, string | undefined>> | undefined;
  readonly fontHeading?: string | undefined;
  readonly fontBody?: string | undefined;
  readonly radius?: string | undefined;
  readonly logoMediaId?: number | null | undefined;
  readonly faviconMediaId?: number | null | undefined;
}

const COLOR_PATTERN = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

/** `#ABC`, `abc`, `#AABBCC` → `#aabbcc`; anything else is CMS_THEME_COLOR_INVALID. */
export function normaliseColor(value: string): string {
  const match = COLOR_PATTERN.exec(value.trim());
  if (!match) throw new AppError(CMS_ERRORS.CMS_THEME_COLOR_INVALID, { value: value.trim().slice(0, 40) });
  const hex = match[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

const oneOf = <T extends string>(choices: readonly T[], value: string): value is T => (choices as readonly string[]).includes(value);

/**
 * Checks a theme's look: a known preset, colours as `#rrggbb`, fonts and
 * radius from the lists, text readable on the background and white button
 * text readable on the primary colour (WCAG AA, 4.5:1). Pure: the preview
 * uses it on values that are not saved.
 */
export function checkThemeLook(input: ThemeInput): ThemeLook {
  return resolveLook(input, true);
}

/**
 * The look a preview shows for values that may not pass: a value that is
 * not valid falls back to the preset's, and the contrast is not enforced
 * (the preview says what the save would refuse).
 */
export function previewThemeLook(input: ThemeInput): ThemeLook {
  return resolveLook(input, false);
}

function resolveLook(input: ThemeInput, strict: boolean): ThemeLook {
  const lenient = <T>(read: () => T, fallback: T): T => {
    if (strict) return read();
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const code = lenient(() => {
    const c = (input.code ?? DEFAULT_THEME.code).trim() || DEFAULT_THEME.code;
    if (!oneOf(THEME_PRESET_CODES, c)) throw new AppError(CMS_ERRORS.CMS_THEME_PRESET_UNKNOWN, { theme: c.slice(0, 40), choices: THEME_PRESET_CODES });
    return c;
  }, DEFAULT_THEME.code as ThemePresetCode);
  const preset: ThemeLook = THEME_PRESETS[code];
  const colors = Object.fromEntries(
    THEME_COLOR_FIELDS.map((f) => {
      const given = input.colors?.[f];
      return [f, given === undefined || given.trim() === '' ? preset.colors[f] : lenient(() => normaliseColor(given), preset.colors[f])];
    }),
  ) as Record<ThemeColorField, string>;
  const font = (value: string | undefined, fallback: ThemeFont): ThemeFont =>
    lenient(() => {
      const v = (value ?? '').trim() || fallback;
      if (!oneOf(THEME_FONT_CODES, v)) throw new AppError(CMS_ERRORS.CMS_THEME_FONT_UNKNOWN, { font: v.slice(0, 40), choices: THEME_FONT_CODES });
      return v;
    }, fallback);
  const radius = lenient(() => {
    const r = (input.radius ?? '').trim() || preset.radius;
    if (!oneOf(THEME_RADIUS_CODES, r)) throw new AppError(CMS_ERRORS.CMS_THEME_RADIUS_UNKNOWN, { radius: r.slice(0, 40), choices: THEME_RADIUS_CODES });
    return r;
  }, preset.radius);

  if (strict) {
    const text = contrastRatio(colors.text, colors.background);
    if (text < MIN_CONTRAST) throw new AppError(CMS_ERRORS.CMS_THEME_TEXT_CONTRAST_TOO_LOW, { ratio: roundDown(text), min: MIN_CONTRAST });
    const button = contrastRatio('#ffffff', colors.primary);
    if (button < MIN_CONTRAST) throw new AppError(CMS_ERRORS.CMS_THEME_BUTTON_CONTRAST_TOO_LOW, { ratio: roundDown(button), min: MIN_CONTRAST });
  }
  return { code, colors, fontHeading: font(input.fontHeading, preset.fontHeading), fontBody: font(input.fontBody, preset.fontBody), radius };
}

/** 4.49 must not read as 4.5. */
function roundDown(ratio: number): number {
  return Math.floor(ratio * 100) / 100;
}

/**
 * The storefront theme of one vendor, through a VendorScope. Saving checks
 * the look (see checkThemeLook), that the logo and favicon are images of the
 * vendor's own library, records them as used (`cms_theme:<vendor id>`), and
 * tells every instance to drop its cached theme.
 *
 * @example
 * const themes = ThemeService.forPrincipal(app.wizamart, request.principal);
 * await themes.save({ code: 'boutique', colors: { primary: '#7a2e4d' }, logoMediaId: 12 });
 */
export class ThemeService {
  readonly #ctx: Pick<AppContext, 'database'>;
  readonly #scope: VendorScope<CmsThemeTables>;

  constructor(ctx: Pick<AppContext, 'database'>, vendorId: number) {
    this.#ctx = ctx;
    this.#scope = new VendorScope(ctx.database.db.withTables<CmsThemeTables>(), vendorId);
  }

  static forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): ThemeService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new ThemeService(ctx, vendorId);
  }

  get vendorId(): number {
    return this.#scope.vendorId;
  }

  async get(): Promise<Theme> {
    return themeOfRow(await this.#scope.selectFrom('cms_themes').selectAll().executeTakeFirst());
  }

  async save(input: ThemeInput): Promise<Theme> {
    const look = checkThemeLook(input);
    const current = await this.get();
    const logo = input.logoMediaId === undefined ? current.logoMediaId : input.logoMediaId;
    const favicon = input.faviconMediaId === undefined ? current.faviconMediaId : input.faviconMediaId;
    const vendorId = this.#scope.vendorId;
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      for (const id of [logo, favicon]) if (id !== null) await checkImage(scope, id);
      const values = {
        code: look.code,
        color_primary: look.colors.primary,
        color_accent: look.colors.accent,
        color_background: look.colors.background,
        color_text: look.colors.text,
        font_heading: look.fontHeading,
        font_body: look.fontBody,
        radius: look.radius,
        logo_media_id: logo,
        favicon_media_id: favicon,
        updated_at: new Date(),
      };
      await scope.db
        .insertInto('cms_themes')
        .values({ ...values, vendor_id: vendorId })
        .onConflict((oc) => oc.column('vendor_id').doUpdateSet(values))
        .execute();
      await recordMediaUsage(scope.db, { library: vendorId, owner: `cms_theme:${vendorId}`, mediaIds: [logo, favicon].filter((id): id is number => id !== null) });
    });
    await announceThemeChange(this.#ctx.database, vendorId);
    return this.get();
  }

}

/** The logo or favicon must be an image of this vendor's library. */
async function checkImage(scope: VendorScope<CmsThemeTables>, id: number): Promise<void> {
  const row = await scope.selectFrom('cms_media').select(['kind', 'filename']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(CMS_ERRORS.CMS_MEDIA_NOT_FOUND, { file: id });
  if (row.kind !== 'image') throw new AppError(CMS_ERRORS.CMS_MEDIA_NOT_AN_IMAGE, { file: row.filename });
}
