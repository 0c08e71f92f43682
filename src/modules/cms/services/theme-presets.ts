/**
 * What a storefront theme is made of: presets, the font stacks a vendor
 * may choose (system fonts only: nothing is downloaded from a font
 * service, so pages stay fast and no visitor data leaves the shop), the
 * corner styles, and the WCAG contrast rule the colours must pass.
 *
 * Font stacks name no font in quotes: every family here is a plain
 * sequence of identifiers, valid unquoted CSS, so the variables survive any
 * HTML escaping on their way into the page.
 */

export const THEME_FONTS = {
  system: { label: 'System UI', stack: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif' },
  humanist: { label: 'Humanist', stack: 'Seravek, Gill Sans Nova, Ubuntu, Calibri, DejaVu Sans, source-sans-pro, sans-serif' },
  geometric: { label: 'Geometric', stack: 'Avenir, Montserrat, Corbel, URW Gothic, source-sans-pro, sans-serif' },
  classical: { label: 'Classical humanist', stack: 'Optima, Candara, Noto Sans, source-sans-pro, sans-serif' },
  transitional: { label: 'Transitional serif', stack: 'Charter, Bitstream Charter, Sitka Text, Cambria, serif' },
  oldstyle: { label: 'Old style serif', stack: 'Iowan Old Style, Palatino Linotype, URW Palladio L, P052, serif' },
  didone: { label: 'Didone', stack: 'Didot, Bodoni MT, Noto Serif Display, URW Palladio L, P052, Sylfaen, serif' },
  monospace: { label: 'Monospace', stack: 'ui-monospace, Cascadia Code, Source Code Pro, Menlo, Consolas, DejaVu Sans Mono, monospace' },
} as const;
export type ThemeFont = keyof typeof THEME_FONTS;
export const THEME_FONT_CODES = Object.keys(THEME_FONTS) as ThemeFont[];

export const THEME_RADII = { none: '0px', small: '4px', medium: '8px', large: '16px' } as const;
export type ThemeRadius = keyof typeof THEME_RADII;
export const THEME_RADIUS_CODES = Object.keys(THEME_RADII) as ThemeRadius[];

export const THEME_COLOR_FIELDS = ['primary', 'accent', 'background', 'text'] as const;
export type ThemeColorField = (typeof THEME_COLOR_FIELDS)[number];

/** The look of a storefront, without its logo and favicon. */
export interface ThemeLook {
  readonly code: string;
  readonly colors: Readonly<Record<ThemeColorField, string>>;
  readonly fontHeading: ThemeFont;
  readonly fontBody: ThemeFont;
  readonly radius: ThemeRadius;
}

export const THEME_PRESETS = {
  classic: { code: 'classic', colors: { primary: '#1d4ed8', accent: '#b45309', background: '#ffffff', text: '#1f2937' }, fontHeading: 'transitional', fontBody: 'system', radius: 'small' },
  boutique: { code: 'boutique', colors: { primary: '#7a2e4d', accent: '#b08d57', background: '#fbf8f4', text: '#2b2024' }, fontHeading: 'didone', fontBody: 'humanist', radius: 'none' },
  minimal: { code: 'minimal', colors: { primary: '#111827', accent: '#6b7280', background: '#ffffff', text: '#111827' }, fontHeading: 'system', fontBody: 'system', radius: 'medium' },
  bold: { code: 'bold', colors: { primary: '#c2410c', accent: '#0f766e', background: '#fffbeb', text: '#1c1917' }, fontHeading: 'geometric', fontBody: 'geometric', radius: 'large' },
} as const satisfies Record<string, ThemeLook>;
export type ThemePresetCode = keyof typeof THEME_PRESETS;
export const THEME_PRESET_CODES = Object.keys(THEME_PRESETS) as ThemePresetCode[];
export const DEFAULT_THEME: ThemeLook = THEME_PRESETS.classic;

/** WCAG 2.x: body text needs 4.5:1 against its background (AA). */
export const MIN_CONTRAST = 4.5;

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.040_45 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb` (WCAG 2.x). */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** The contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The custom properties the storefront stylesheet reads (see static/css/site.css). */
export function cssVariablesOf(look: ThemeLook): string {
  return [
    `--color-primary:${look.colors.primary}`,
    `--color-accent:${look.colors.accent}`,
    `--color-background:${look.colors.background}`,
    `--color-text:${look.colors.text}`,
    `--font-body:${THEME_FONTS[look.fontBody].stack}`,
    `--font-heading:${THEME_FONTS[look.fontHeading].stack}`,
    `--radius:${THEME_RADII[look.radius]}`,
  ].join(';');
}
