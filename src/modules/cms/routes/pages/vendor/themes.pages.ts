import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { defineRouter } from '../../../../routes.ts';
import { formOfTheme, themeFormOf, themeInputOfForm, ThemePreviewQuery, type ThemeForm } from '../../../schemas/theme.schema.ts';
import { loadMediaForDisplay } from '../../../services/media-display.service.ts';
import { MediaService } from '../../../services/media.service.ts';
import { listenForThemeChanges } from '../../../services/theme-context.ts';
import { THEME_FONTS, THEME_FONT_CODES, THEME_PRESETS, THEME_PRESET_CODES, THEME_RADIUS_CODES, cssVariablesOf } from '../../../services/theme-presets.ts';
import { checkThemeLook, previewThemeLook, ThemeService } from '../../../services/theme.service.ts';

const manage = { permission: 'cms.themes.manage' };
const VendorCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const VendorParams = Type.Object({ vendor_code: VendorCode });

/**
 * The vendor's storefront theme at `/vendor/<code>/themes`: presets,
 * colours, fonts, corners, logo and favicon from the media library, and a
 * live preview of the storefront with the values not yet saved (an iframe
 * on `/themes/preview?<the form's fields>`; the form's "Preview" button
 * targets it without JavaScript, and with JavaScript every change shows at
 * once). Saving checks the contrast and applies the theme.
 */
export const router = defineRouter(async (r) => {
  const ctx = r.wizamart;
  // Other instances' saves: their vendors' cached themes are dropped here.
  const unlisten = await listenForThemeChanges(ctx.database);
  r.addHook('onClose', async () => unlisten());

  const themes = (request: FastifyRequest) => ThemeService.forPrincipal(ctx, request.principal);
  const basePath = (request: FastifyRequest) => `/vendor/${request.principal!.vendor!.code}/themes`;

  function previewQuery(form: ThemeForm): string {
    return new URLSearchParams(Object.entries(form)).toString();
  }

  async function render(request: FastifyRequest, reply: FastifyReply, form: ThemeForm, error?: { message: string; status: number }) {
    if (error) reply.status(error.status);
    const images = await MediaService.forPrincipal(ctx, request.principal).images();
    const t = request.t;
    return reply.view('cms/vendor/themes/edit.njk', {
      base: basePath(request),
      form,
      error: error?.message,
      presets: THEME_PRESET_CODES.map((code) => ({
        code,
        label: t(`cms:themes.presets.${code}.label`),
        description: t(`cms:themes.presets.${code}.description`),
        look: THEME_PRESETS[code],
        fonts: { heading: THEME_FONTS[THEME_PRESETS[code].fontHeading].stack, body: THEME_FONTS[THEME_PRESETS[code].fontBody].stack },
      })),
      presetsJson: JSON.stringify(Object.fromEntries(THEME_PRESET_CODES.map((code) => [code, THEME_PRESETS[code]]))),
      fontsJson: JSON.stringify(Object.fromEntries(THEME_FONT_CODES.map((f) => [f, THEME_FONTS[f].stack]))),
      fonts: THEME_FONT_CODES.map((code) => ({ code, label: t(`cms:themes.fonts.${code}`), stack: THEME_FONTS[code].stack })),
      radii: THEME_RADIUS_CODES.map((code) => ({ code, label: t(`cms:themes.radii.${code}`) })),
      colorFields: (['primary', 'accent', 'background', 'text'] as const).map((f) => ({ name: `color_${f}`, label: t(`cms:themes.colors.${f}`), help: t(`cms:themes.colors.${f}_help`) })),
      images: images.map((m) => ({ id: String(m.id), filename: m.filename, thumbUrl: m.variantUrls.thumb ?? m.url })),
      mediaUrl: `${request.urlPrefix}/vendor/${request.principal!.vendor!.code}/media`,
      previewUrl: `${request.urlPrefix}${basePath(request)}/preview?${previewQuery(form)}`,
      breadcrumbs: [{ label: t('cms:themes.title') }],
    });
  }

  r.get('/:vendor_code/themes', { config: manage, schema: { params: VendorParams } }, async (request, reply) =>
    render(request, reply, formOfTheme(await themes(request).get())),
  );

  r.post('/:vendor_code/themes', { config: manage, schema: { params: VendorParams } }, async (request, reply) => {
    const form = themeFormOf(request.body);
    const onlyPreset = (request.body as Record<string, unknown> | undefined)?.apply_preset !== undefined;
    try {
      await themes(request).save(themeInputOfForm(form, { onlyPreset }));
    } catch (error) {
      return render(request, reply, form, { message: formError(request, error), status: isAppError(error) ? error.status : 400 });
    }
    return redirectWithNotice(request, reply, basePath(request), 'saved');
  });

  /**
   * The storefront's home as it would look with the form's values: the
   * storefront's own stylesheet and markup, the shop's name and the chosen
   * logo. Values that would be refused are shown with a warning, so the
   * vendor sees why before saving.
   */
  r.get('/:vendor_code/themes/preview', { config: manage, schema: { params: VendorParams, querystring: ThemePreviewQuery } }, async (request, reply) => {
    const form = themeFormOf(request.query);
    const input = themeInputOfForm(form);
    const look = previewThemeLook(input);
    let warning: string | undefined;
    try {
      checkThemeLook(input);
    } catch (error) {
      warning = formError(request, error);
    }
    const vendor = request.principal!.vendor!;
    const ids = [input.logoMediaId, input.faviconMediaId].filter((id): id is number => typeof id === 'number' && id > 0);
    const media = await loadMediaForDisplay(ctx.database.db, vendor.id, ids, request.language);
    const logo = input.logoMediaId ? media.get(input.logoMediaId) : undefined;
    const favicon = input.faviconMediaId ? media.get(input.faviconMediaId) : undefined;
    return reply.view('cms/vendor/themes/preview.njk', {
      storeName: vendor.name,
      cssVariables: cssVariablesOf(look),
      logo: logo ? { url: logo.src, alt: logo.alt || vendor.name } : null,
      faviconUrl: favicon?.url ?? null,
      warning,
    });
  });
});
