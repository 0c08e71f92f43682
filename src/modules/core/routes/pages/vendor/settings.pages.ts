import type { FastifyReply, FastifyRequest } from 'fastify';
import { redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { storeInputOfForm } from '../../../schemas/settings.schema.ts';
import { VendorPageParams } from '../../../schemas/vendor-page.schema.ts';
import { StoreSettingsService, type StoreSettings } from '../../../services/store-settings.service.ts';
import { formErrors, formOfStore, formOptions, type FormErrors, type SettingsForm } from '../shared/settings-view.ts';

/**
 * `GET|POST /vendor/:vendor_code/settings`: the store's settings (name,
 * contact, address, VAT number, currency, languages, opening hours). Users
 * with `core.settings.view` only see the form read-only; saving needs
 * `core.settings.manage`. The store is always the session's vendor.
 */
export async function vendorSettingsPages(r: RouterInstance): Promise<void> {
  const service = (request: FastifyRequest) => StoreSettingsService.forPrincipal(r.wizamart, request.principal);

  function render(request: FastifyRequest, reply: FastifyReply, settings: StoreSettings, extra: { form?: SettingsForm; errors?: FormErrors; status?: number } = {}) {
    if (extra.status) reply.status(extra.status);
    const form = extra.form ?? formOfStore(settings);
    return reply.view('core/vendor/settings.njk', {
      settings,
      form,
      errors: extra.errors,
      canManage: request.principal!.permissions.has('core.settings.manage'),
      action: `/vendor/${request.principal!.vendor!.code}/settings`,
      ...formOptions(request, form),
      breadcrumbs: [{ label: request.t('core:settings.store.title') }],
    });
  }

  r.get('/:vendor_code/settings', { config: { permission: 'core.settings.view' }, schema: { params: VendorPageParams } }, async (request, reply) =>
    render(request, reply, await service(request).get()),
  );

  r.post('/:vendor_code/settings', { config: { permission: 'core.settings.manage' }, schema: { params: VendorPageParams } }, async (request, reply) => {
    const settings = service(request);
    const input = storeInputOfForm(request.body);
    try {
      await settings.update(input);
    } catch (error) {
      const errors = formErrors(request, error);
      const form: SettingsForm = {
        name: input.name ?? '',
        contact_email: input.contactEmail ?? '',
        phone: input.phone ?? '',
        address_line1: input.address?.line1 ?? '',
        address_line2: input.address?.line2 ?? '',
        address_postal_code: input.address?.postalCode ?? '',
        address_city: input.address?.city ?? '',
        address_country: input.address?.country ?? '',
        vat_number: input.vatNumber ?? '',
        currency: input.currency ?? '',
        languages: [...(input.languages ?? [])],
        default_language: input.defaultLanguage ?? '',
        hours: input.openingHours,
      };
      return render(request, reply, await settings.get(), { form, errors, status: isAppError(error) ? error.status : 400 });
    }
    return redirectWithNotice(request, reply, `/vendor/${request.principal!.vendor!.code}/settings`, 'saved');
  });
}
