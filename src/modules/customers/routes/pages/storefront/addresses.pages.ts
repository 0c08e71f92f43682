import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { redirectWithNotice } from '../../../../../api/forms.ts';
import { LANGUAGE_INFO } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { addressFormOf, addressInputOfForm, formOfAddress, type AddressForm } from '../../../schemas/account.schema.ts';
import { AddressService, type Address } from '../../../services/address.service.ts';
import { countryOptions } from '../../../../../core/countries.ts';
import { accountNav, pageError, signedIn } from './account-pages.helpers.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const AddressParams = Type.Object({ id: Id });

const EMPTY_FORM: AddressForm = {
  label: '',
  name: '',
  company: '',
  line1: '',
  line2: '',
  postal_code: '',
  city: '',
  country: 'LU',
  phone: '',
  is_default_shipping: false,
  is_default_billing: false,
};

/**
 * The address book at `/account/addresses`: list, add, edit, delete, and
 * the default shipping and billing address (one of each). Another
 * customer's address id is 404, whatever shop it belongs to.
 */
export async function addressPages(r: RouterInstance): Promise<void> {
  const ctx = r.wizamart;
  const config = signedIn;
  const service = (request: FastifyRequest) => AddressService.forPrincipal(ctx, request.principal);
  const tag = (request: FastifyRequest) => LANGUAGE_INFO[request.language].tag;

  function addressView(request: FastifyRequest, a: Address) {
    const names = new Intl.DisplayNames([tag(request), 'en'], { type: 'region', fallback: 'code' });
    return { ...a, countryName: names.of(a.country) ?? a.country };
  }

  const renderForm = (request: FastifyRequest, reply: FastifyReply, form: AddressForm, extra: { address?: Address; error?: string } = {}) =>
    reply.view('customers/storefront/address-form.njk', {
      form,
      address: extra.address,
      error: extra.error,
      countries: countryOptions(tag(request)),
      nav: accountNav(request, 'addresses'),
    });

  r.get('/account/addresses', { config }, async (request, reply) => {
    const addresses = await service(request).list();
    return reply.view('customers/storefront/addresses.njk', { addresses: addresses.map((a) => addressView(request, a)), nav: accountNav(request, 'addresses') });
  });

  r.get('/account/addresses/new', { config }, async (request, reply) => {
    const name = request.principal?.name ?? '';
    return renderForm(request, reply, { ...EMPTY_FORM, name });
  });

  r.post('/account/addresses', { config }, async (request, reply) => {
    const form = addressFormOf(request.body);
    try {
      await service(request).create(addressInputOfForm(form));
    } catch (error) {
      const failed = pageError(request, error);
      reply.status(failed.status);
      return renderForm(request, reply, form, { error: failed.message });
    }
    return redirectWithNotice(request, reply, '/account/addresses', 'address_saved');
  });

  r.get('/account/addresses/:id', { config, schema: { params: AddressParams } }, async (request, reply) => {
    const address = await service(request).get(request.params.id);
    return renderForm(request, reply, formOfAddress(address), { address });
  });

  r.post('/account/addresses/:id', { config, schema: { params: AddressParams } }, async (request, reply) => {
    const form = addressFormOf(request.body);
    const addresses = service(request);
    try {
      await addresses.update(request.params.id, addressInputOfForm(form));
    } catch (error) {
      const failed = pageError(request, error);
      if (failed.status === 404) throw error;
      reply.status(failed.status);
      return renderForm(request, reply, form, { address: await addresses.get(request.params.id), error: failed.message });
    }
    return redirectWithNotice(request, reply, '/account/addresses', 'address_saved');
  });

  r.post('/account/addresses/:id/delete', { config, schema: { params: AddressParams } }, async (request, reply) => {
    await service(request).delete(request.params.id);
    return redirectWithNotice(request, reply, '/account/addresses', 'address_deleted');
  });
}
