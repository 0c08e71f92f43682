import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formError, redirectWithNotice } from '../../../../api/forms.ts';
import { isAppError } from '../../../../exceptions/base.ts';
import { LANGUAGE_INFO } from '../../../locales.ts';
import { defineRouter } from '../../../routes.ts';
import { LOCATION_KINDS } from '../../models/stock-location.model.ts';
import { formOfLocation, locationFormOf, locationInputOfForm, type LocationForm } from '../../schemas/stock-location.schema.ts';
import { countryName, countryOptions } from '../../../../core/countries.ts';
import { countLocations, DEFAULT_COUNTRY, StockLocationService, type StockLocation } from '../../services/stock-location.service.ts';

const view = { permission: 'inventory.view' };
const manage = { permission: 'inventory.locations.manage' };

const VendorCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const VendorParams = Type.Object({ vendor_code: VendorCode });
const LocationParams = Type.Object({ vendor_code: VendorCode, id: Id });

/** Icons of the location kinds, shared by the overview and the list. */
const KIND_ICONS = { warehouse: 'warehouse', store: 'store', pickup: 'map-pin' } as const;

const EMPTY_FORM: LocationForm = { code: '', name: '', kind: 'warehouse', address_line: '', postal_code: '', city: '', country: DEFAULT_COUNTRY, is_active: true };

/** Page error: the translated message and the status the API would answer. */
interface PageError {
  readonly message: string;
  readonly status: number;
}

function pageError(request: FastifyRequest, error: unknown): PageError {
  const message = formError(request, error);
  return { message, status: isAppError(error) ? error.status : 400 };
}

/**
 * The vendor's inventory pages under `/vendor/<code>/inventory`: an overview
 * of where stock lives (`inventory.view`), and the stock locations with
 * their forms (`inventory.locations.manage`). The vendor is always the
 * session's: the code in the URL is only checked against it (403 otherwise),
 * and another vendor's location id is 404.
 */
export const router = defineRouter(async (r) => {
  const ctx = r.wizamart;
  const service = (request: FastifyRequest) => StockLocationService.forPrincipal(ctx, request.principal);
  const basePath = (request: FastifyRequest) => `/vendor/${request.principal!.vendor!.code}/inventory`;
  const languageTag = (request: FastifyRequest) => LANGUAGE_INFO[request.language].tag;

  /** A location with what the templates show: translated kind, country name and a one-line address. */
  function locationView(request: FastifyRequest, l: StockLocation) {
    const country = countryName(l.country, languageTag(request));
    const place = [l.postalCode, l.city].filter(Boolean).join(' ');
    return {
      ...l,
      kindLabel: request.t(`inventory:kinds.${l.kind}`),
      kindIcon: KIND_ICONS[l.kind],
      countryName: country,
      address: [l.addressLine, place, country].filter(Boolean).join(', '),
      place: place || null,
    };
  }

  const kindOptions = (request: FastifyRequest) => LOCATION_KINDS.map((kind) => ({ value: kind, label: request.t(`inventory:kinds.${kind}`) }));

  const crumbs = (request: FastifyRequest, ...rest: Array<{ label: string; path?: string }>) => [
    { label: request.t('inventory:overview.title'), ...(rest.length > 0 ? { path: `${request.urlPrefix}${basePath(request)}` } : {}) },
    ...rest,
  ];

  // ------------------------------------------------------------------ overview

  r.get('/:vendor_code/inventory', { config: view, schema: { params: VendorParams } }, async (request, reply) => {
    const locations = await service(request).list();
    const counts = countLocations(locations);
    return reply.view('inventory/vendor/overview.njk', {
      base: basePath(request),
      locations: locations.map((l) => locationView(request, l)),
      counts,
      kinds: LOCATION_KINDS.map((kind) => ({ kind, icon: KIND_ICONS[kind], label: request.t(`inventory:kinds_plural.${kind}`), count: counts.byKind[kind] })),
      breadcrumbs: crumbs(request),
    });
  });

  // ------------------------------------------------------------------ list and create

  async function renderList(request: FastifyRequest, reply: FastifyReply, extra: { error?: PageError; form?: LocationForm } = {}) {
    if (extra.error) reply.status(extra.error.status);
    const locations = await service(request).list();
    return reply.view('inventory/vendor/locations/list.njk', {
      base: basePath(request),
      locations: locations.map((l) => locationView(request, l)),
      error: extra.error?.message,
      form: extra.form ?? EMPTY_FORM,
      // The first location becomes the default: say so on the form while there is none.
      firstLocation: locations.length === 0,
      kindOptions: kindOptions(request),
      countries: countryOptions(languageTag(request)),
      breadcrumbs: crumbs(request, { label: request.t('inventory:locations.title') }),
    });
  }

  r.get('/:vendor_code/inventory/locations', { config: manage, schema: { params: VendorParams } }, async (request, reply) => renderList(request, reply));

  r.post('/:vendor_code/inventory/locations', { config: manage, schema: { params: VendorParams } }, async (request, reply) => {
    const form = locationFormOf(request.body, { withActive: false });
    try {
      await service(request).create(locationInputOfForm(form));
    } catch (error) {
      return renderList(request, reply, { error: pageError(request, error), form });
    }
    return redirectWithNotice(request, reply, `${basePath(request)}/locations`, 'created');
  });

  // ------------------------------------------------------------------ one location

  type EditError = { details?: PageError; default?: PageError; delete?: PageError };

  function renderEdit(request: FastifyRequest, reply: FastifyReply, location: StockLocation, extra: { errors?: EditError; form?: LocationForm } = {}) {
    const errors = extra.errors ?? {};
    const status = errors.details?.status ?? errors.default?.status ?? errors.delete?.status;
    if (status) reply.status(status);
    return reply.view('inventory/vendor/locations/edit.njk', {
      base: basePath(request),
      location: locationView(request, location),
      form: extra.form ?? formOfLocation(location),
      errors: { details: errors.details?.message, default: errors.default?.message, delete: errors.delete?.message },
      kindOptions: kindOptions(request),
      countries: countryOptions(languageTag(request)),
      breadcrumbs: crumbs(request, { label: request.t('inventory:locations.title'), path: `${request.urlPrefix}${basePath(request)}/locations` }, { label: location.name }),
    });
  }

  r.get('/:vendor_code/inventory/locations/:id', { config: manage, schema: { params: LocationParams } }, async (request, reply) =>
    renderEdit(request, reply, await service(request).get(request.params.id)),
  );

  r.post('/:vendor_code/inventory/locations/:id', { config: manage, schema: { params: LocationParams } }, async (request, reply) => {
    const locations = service(request);
    const location = await locations.get(request.params.id);
    const form = locationFormOf(request.body, { withActive: true });
    try {
      await locations.update(location.id, locationInputOfForm(form));
    } catch (error) {
      return renderEdit(request, reply, location, { errors: { details: pageError(request, error) }, form });
    }
    return redirectWithNotice(request, reply, `${basePath(request)}/locations/${location.id}`, 'saved');
  });

  r.post('/:vendor_code/inventory/locations/:id/default', { config: manage, schema: { params: LocationParams } }, async (request, reply) => {
    const locations = service(request);
    const location = await locations.get(request.params.id);
    try {
      await locations.makeDefault(location.id);
    } catch (error) {
      return renderEdit(request, reply, location, { errors: { default: pageError(request, error) } });
    }
    return redirectWithNotice(request, reply, `${basePath(request)}/locations/${location.id}`, 'saved');
  });

  r.post('/:vendor_code/inventory/locations/:id/delete', { config: manage, schema: { params: LocationParams } }, async (request, reply) => {
    const locations = service(request);
    const location = await locations.get(request.params.id);
    try {
      await locations.delete(location.id);
    } catch (error) {
      return renderEdit(request, reply, location, { errors: { delete: pageError(request, error) } });
    }
    return redirectWithNotice(request, reply, `${basePath(request)}/locations`, 'deleted');
  });
});
