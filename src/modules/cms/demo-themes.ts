import sharp from 'sharp';
import type { DemoContext, DemoRecord } from '../../core/demo-data.ts';
import { config } from './config.ts';
import type { CmsMediaTables } from './models/media.model.ts';
import type { CmsThemeTables } from './models/theme.model.ts';
import { MediaService } from './services/media.service.ts';
import { recordMediaUsage } from './services/media-usage.service.ts';
import { checkThemeLook } from './services/theme.service.ts';
import type { ThemePresetCode } from './services/theme-presets.ts';

/**
 * The demo shops' themes: Luxe Boutique in `boutique` with a logo and a
 * favicon drawn here (so the demo needs no image files), Atelier Moselle
 * in `minimal` with a logo. Idempotent: a shop that has a theme keeps it.
 * Called by the cms module's demo.ts.
 */

interface DemoTheme {
  readonly vendor: string;
  readonly preset: ThemePresetCode;
  readonly name: string;
  readonly colors: { readonly mark: string; readonly accent: string; readonly text: string };
  readonly favicon: boolean;
  readonly alt: Readonly<Record<'en' | 'de' | 'fr' | 'lu', string>>;
}

const THEMES: readonly DemoTheme[] = [
  {
    vendor: 'luxe-boutique',
    preset: 'boutique',
    name: 'Luxe Boutique',
    colors: { mark: '#7a2e4d', accent: '#b08d57', text: '#2b2024' },
    favicon: true,
    alt: { en: 'Luxe Boutique logo', de: 'Logo von Luxe Boutique', fr: 'Logo de Luxe Boutique', lu: 'Logo vu Luxe Boutique' },
  },
  {
    vendor: 'atelier-moselle',
    preset: 'minimal',
    name: 'Atelier Moselle',
    colors: { mark: '#111827', accent: '#6b7280', text: '#111827' },
    favicon: false,
    alt: { en: 'Atelier Moselle logo', de: 'Logo vum Atelier Moselle', fr: 'Logo de l’Atelier Moselle', lu: 'Logo vum Atelier Moselle' },
  },
];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mark (a square with a diamond) and the shop's name, as a PNG. */
async function drawLogo(theme: DemoTheme): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="160" viewBox="0 0 760 160">
  <rect x="8" y="24" width="112" height="112" fill="${theme.colors.mark}"/>
  <path d="M64 44 L96 80 L64 116 L32 80 Z" fill="${theme.colors.accent}"/>
  <text x="144" y="104" font-family="DejaVu Serif, Georgia, serif" font-size="62" fill="${theme.colors.text}">${escapeXml(theme.name)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function drawFavicon(theme: DemoTheme): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="${theme.colors.mark}"/><path d="M128 40 L200 128 L128 216 L56 128 Z" fill="${theme.colors.accent}"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function demoThemes(ctx: DemoContext): Promise<Array<Omit<DemoRecord, 'source'>>> {
  const db = ctx.db.withTables<CmsThemeTables & { vendors: { id: number; code: string; platform_id: number }; platforms: { id: number; code: string } }>();
  const created: Array<Omit<DemoRecord, 'source'>> = [];
  for (const theme of THEMES) {
    const vendor = await db
      .selectFrom('vendors')
      .innerJoin('platforms', 'platforms.id', 'vendors.platform_id')
      .select('vendors.id')
      .where('vendors.code', '=', theme.vendor)
      .where('platforms.code', '=', ctx.platform)
      .executeTakeFirst();
    if (!vendor) continue;
    const existing = await db.selectFrom('cms_themes').select('vendor_id').where('vendor_id', '=', vendor.id).executeTakeFirst();
    if (existing) continue;

    const media = new MediaService(ctx.db.withTables<CmsMediaTables>(), ctx.storage, { vendorId: vendor.id });
    const logo = await media.upload({ filename: `${theme.vendor}-logo.png`, body: await drawLogo(theme), maxMb: config.maxUploadMb });
    await media.updateAlt(logo.id, theme.alt);
    const favicon = theme.favicon ? await media.upload({ filename: `${theme.vendor}-favicon.png`, body: await drawFavicon(theme), maxMb: config.maxUploadMb }) : null;
    created.push({ kind: 'media', key: `${theme.vendor}/logo`, platform: ctx.platform });

    const look = checkThemeLook({ code: theme.preset });
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('cms_themes')
        .values({
          vendor_id: vendor.id,
          code: look.code,
          color_primary: look.colors.primary,
          color_accent: look.colors.accent,
          color_background: look.colors.background,
          color_text: look.colors.text,
          font_heading: look.fontHeading,
          font_body: look.fontBody,
          radius: look.radius,
          logo_media_id: logo.id,
          favicon_media_id: favicon?.id ?? null,
        })
        .onConflict((oc) => oc.column('vendor_id').doNothing())
        .execute();
      await recordMediaUsage(trx, { library: vendor.id, owner: `cms_theme:${vendor.id}`, mediaIds: [logo.id, ...(favicon ? [favicon.id] : [])] });
    });
    created.push({ kind: 'theme', key: theme.vendor, platform: ctx.platform });
  }
  return created;
}
