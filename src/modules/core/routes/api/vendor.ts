import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../../../api/schemas.ts';
import { defineRouter } from '../../../routes.ts';
import { StoreSettingsBody, StoreSettingsUpdateBody, storeInputOf, toStoreSettingsBody } from '../../schemas/settings.schema.ts';
import { StoreSettingsService } from '../../services/store-settings.service.ts';

const security = [{ bearerAuth: [] }];
const tags = ['core'];

/**
 * The store's settings at `/api/v1/vendor/core/settings`, always of the
 * vendor of the caller's session. Reading needs `core.settings.view`,
 * saving `core.settings.manage`; a refused save names every field at fault
 * in `error.details.errors`.
 */
export const router = defineRouter(async (r) => {
  const settings = (request: FastifyRequest) => StoreSettingsService.forPrincipal(r.wizamart, request.principal);

  r.get(
    '/settings',
    {
      config: { permission: 'core.settings.view' },
      schema: { tags, summary: "The store's settings (defaults until saved once)", security, response: { 200: StoreSettingsBody, ...errorResponses(401, 403, 404) } },
    },
    async (request) => toStoreSettingsBody(await settings(request).get()),
  );

  r.put(
    '/settings',
    {
      config: { permission: 'core.settings.manage' },
      schema: {
        tags,
        summary: "Change the store's settings: name, contact, address, VAT number, currency (EUR), languages, opening hours",
        security,
        body: StoreSettingsUpdateBody,
        response: { 200: StoreSettingsBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toStoreSettingsBody(await settings(request).update(storeInputOf(request.body))),
  );
});
