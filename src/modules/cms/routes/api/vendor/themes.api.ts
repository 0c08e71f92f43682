import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../../../../api/schemas.ts';
import { defineRouter } from '../../../../routes.ts';
import { ThemeBody, ThemeUpdateBody, themeInputOfBody, toThemeBody } from '../../../schemas/theme.schema.ts';
import { cssVariablesOf } from '../../../services/theme-presets.ts';
import { ThemeService } from '../../../services/theme.service.ts';

const security = [{ bearerAuth: [] }];
const manage = { permission: 'cms.themes.manage' };
const tags = ['cms'];

/**
 * The vendor's storefront theme at `/api/v1/vendor/cms/theme`: read it, or
 * replace it (what is not given is the preset's; logo and favicon not given
 * stay). The same rules as the theme page: colours as #rrggbb, fonts and
 * corners from the lists, readable contrast, images of the vendor's library.
 */
export const router = defineRouter(async (r) => {
  const themes = (request: FastifyRequest) => ThemeService.forPrincipal(r.wizamart, request.principal);

  r.get('/theme', { config: manage, schema: { tags, summary: "The vendor's storefront theme", security, response: { 200: ThemeBody, ...errorResponses(401, 403) } } }, async (request) => {
    const theme = await themes(request).get();
    return toThemeBody(theme, cssVariablesOf(theme));
  });

  r.put(
    '/theme',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the storefront theme; the storefront shows it at once (on every instance)',
        security,
        body: ThemeUpdateBody,
        response: { 200: ThemeBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const theme = await themes(request).save(themeInputOfBody(request.body));
      return toThemeBody(theme, cssVariablesOf(theme));
    },
  );
});
