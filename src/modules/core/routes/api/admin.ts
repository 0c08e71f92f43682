import { errorResponses } from '../../../../api/schemas.ts';
import { defineRouter } from '../../../routes.ts';
import { PlatformQuery, PlatformSettingsBody, PlatformSettingsUpdateBody, platformInputOf, toPlatformSettingsBody } from '../../schemas/settings.schema.ts';
import { PlatformSettingsService } from '../../services/platform-settings.service.ts';

const security = [{ bearerAuth: [] }];
const tags = ['core'];

/**
 * A platform's settings at `/api/v1/admin/core/settings`: the request's
 * platform, or `?platform=<code>` (super admins: any; platform admins: only
 * those they administer, 403 otherwise).
 */
export const router = defineRouter(async (r) => {
  r.get(
    '/settings',
    {
      config: { permission: 'core.settings.view' },
      schema: { tags, summary: "A platform's settings", security, querystring: PlatformQuery, response: { 200: PlatformSettingsBody, ...errorResponses(401, 403, 404) } },
    },
    async (request) => {
      const platforms = new PlatformSettingsService(r.wizamart, request.principal!);
      return toPlatformSettingsBody(await platforms.get(await platforms.resolve(request.query.platform, request.platform.code)));
    },
  );

  r.put(
    '/settings',
    {
      config: { permission: 'core.settings.manage' },
      schema: {
        tags,
        summary: "Change a platform's settings: support contact, legal name, address, VAT number, currency (EUR), languages",
        security,
        querystring: PlatformQuery,
        body: PlatformSettingsUpdateBody,
        response: { 200: PlatformSettingsBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const platforms = new PlatformSettingsService(r.wizamart, request.principal!);
      const platform = await platforms.resolve(request.query.platform, request.platform.code);
      return toPlatformSettingsBody(await platforms.update(platform, platformInputOf(request.body)));
    },
  );
});
