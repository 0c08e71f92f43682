import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { PlatformQuery, platformInputOfForm } from '../../../schemas/settings.schema.ts';
import { PlatformSettingsService, type PlatformChoice, type PlatformSettings } from '../../../services/platform-settings.service.ts';
import { formErrors, formOfPlatform, formOptions, type FormErrors, type SettingsForm } from '../shared/settings-view.ts';

/**
 * `GET|POST /admin/settings`: the settings of the request's platform, or of
 * the one picked with `?platform=` (super admins: any; platform admins:
 * only theirs, 403 otherwise). View-only admins see the form read-only.
 */
export async function adminSettingsPages(r: RouterInstance): Promise<void> {
  const service = (request: FastifyRequest) => new PlatformSettingsService(r.wizamart, request.principal!);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    platforms: PlatformSettingsService,
    platform: PlatformChoice,
    settings: PlatformSettings,
    extra: { form?: SettingsForm; errors?: FormErrors; status?: number } = {},
  ) {
    if (extra.status) reply.status(extra.status);
    const form = extra.form ?? formOfPlatform(settings);
    return reply.view('core/admin/settings.njk', {
      settings,
      platform,
      choices: await platforms.choices(),
      form,
      errors: extra.errors,
      canManage: request.principal!.permissions.has('core.settings.manage'),
      action: `/admin/settings?platform=${encodeURIComponent(platform.code)}`,
      ...formOptions(request, form),
      breadcrumbs: [{ label: request.t('core:settings.platform.title') }],
    });
  }

  r.get('/settings', { config: { permission: 'core.settings.view' }, schema: { querystring: PlatformQuery } }, async (request, reply) => {
    const platforms = service(request);
    const platform = await platforms.resolve(request.query.platform, request.platform.code);
    return render(request, reply, platforms, platform, await platforms.get(platform));
  });

  r.post('/settings', { config: { permission: 'core.settings.manage' }, schema: { querystring: PlatformQuery } }, async (request, reply) => {
    const platforms = service(request);
    const platform = await platforms.resolve(request.query.platform, request.platform.code);
    const input = platformInputOfForm(request.body);
    try {
      await platforms.update(platform, input);
    } catch (error) {
      const errors = formErrors(request, error);
      const body = request.body;
      const form: SettingsForm = {
        ...Object.fromEntries(
          ['support_email', 'support_phone', 'legal_name', 'address_line1', 'address_line2', 'address_postal_code', 'address_city', 'address_country', 'vat_number', 'currency', 'default_language'].map((name) => [
            name,
            field(body, name),
          ]),
        ),
        languages: [...(input.languages ?? [])],
      };
      return render(request, reply, platforms, platform, await platforms.get(platform), { form, errors, status: isAppError(error) ? error.status : 400 });
    }
    return redirectWithNotice(request, reply, `/admin/settings?platform=${encodeURIComponent(platform.code)}`, 'saved');
  });
}
