import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../../../api/schemas.ts';
import { defineRouter } from '../../../routes.ts';
import {
  LocationBody,
  LocationCreateBody,
  LocationListBody,
  LocationParams,
  LocationUpdateBody,
  locationChangesOf,
  locationInputOf,
  toLocationBody,
} from '../../schemas/stock-location.schema.ts';
import { StockLocationService } from '../../services/stock-location.service.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'inventory.view' };
const manage = { permission: 'inventory.locations.manage' };
const tags = ['inventory'];

/**
 * The vendor's stock locations at `/api/v1/vendor/inventory`. Every handler
 * works on the vendor of the caller's session (the bearer token), never on
 * one named in the request: another vendor's location id answers 404.
 * Reading needs `inventory.view`; changing needs `inventory.locations.manage`.
 */
export const router = defineRouter(async (r) => {
  const locations = (request: FastifyRequest) => StockLocationService.forPrincipal(r.wizamart, request.principal);

  r.get(
    '/locations',
    { config: view, schema: { tags, summary: "The vendor's stock locations, the default first", security, response: { 200: LocationListBody, ...errorResponses(401, 403) } } },
    async (request) => ({ locations: (await locations(request).list()).map(toLocationBody) }),
  );

  r.post(
    '/locations',
    {
      config: manage,
      schema: {
        tags,
        summary: "Create a stock location; the vendor's first location becomes its default",
        security,
        body: LocationCreateBody,
        response: { 201: LocationBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(toLocationBody(await locations(request).create(locationInputOf(request.body)))),
  );

  r.get(
    '/locations/:id',
    {
      config: view,
      schema: { tags, summary: 'One stock location', security, params: LocationParams, response: { 200: LocationBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toLocationBody(await locations(request).get(request.params.id)),
  );

  r.patch(
    '/locations/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a stock location (only the fields given; null clears an address part); the default location stays active',
        security,
        params: LocationParams,
        body: LocationUpdateBody,
        response: { 200: LocationBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => toLocationBody(await locations(request).update(request.params.id, locationChangesOf(request.body))),
  );

  r.delete(
    '/locations/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a stock location; never the default one (make another the default first)',
        security,
        params: LocationParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await locations(request).delete(request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/locations/:id/default',
    {
      config: manage,
      schema: {
        tags,
        summary: "Make an active location the vendor's default (the previous default stops being it, in the same transaction)",
        security,
        params: LocationParams,
        response: { 200: LocationBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => toLocationBody(await locations(request).makeDefault(request.params.id)),
  );
});
