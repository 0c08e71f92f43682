import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../../../../api/schemas.ts';
import type { RouterInstance } from '../../../../routes.ts';
import {
  PageBody,
  PageCreateBody,
  PageListBody,
  PageParams,
  PageSlugParams,
  PageUpdateBody,
  pageChangesOf,
  pageInputOf,
  toDefaultBody,
  toPageBody,
  toSummaryBody,
} from '../../../schemas/page.schema.ts';
import type { PageService } from '../../../services/page.service.ts';

const view = { permission: 'cms.pages.view' };
const manage = { permission: 'cms.pages.manage' };
const tags = ['cms'];

/**
 * The content pages API, the same for a vendor's pages and a platform's
 * default pages: `service` says whose pages a request works on (always the
 * session's vendor or the request's platform, never one named in the body).
 */
export async function pagesApi(r: RouterInstance, options: { service: (request: FastifyRequest) => Promise<PageService>; whose: string }): Promise<void> {
  const { service, whose } = options;

  r.get(
    '/pages',
    { config: view, schema: { tags, summary: `${whose} content pages by position; for vendors also the platform's defaults`, response: { 200: PageListBody, ...errorResponses(401, 403) } } },
    async (request) => {
      const pages = await service(request);
      const [own, defaults] = await Promise.all([pages.list(), pages.owner.vendorId !== null ? pages.defaults() : Promise.resolve(undefined)]);
      return { pages: own.map(toSummaryBody), ...(defaults ? { defaults: defaults.map(toDefaultBody) } : {}) };
    },
  );

  r.post(
    '/pages',
    {
      config: manage,
      schema: { tags, summary: `Create a ${whose} content page (draft unless status says published)`, body: PageCreateBody, response: { 201: PageBody, ...errorResponses(400, 401, 403, 409) } },
    },
    async (request, reply) => reply.status(201).send(toPageBody(await (await service(request)).create(pageInputOf(request.body)))),
  );

  r.get(
    '/pages/:id',
    { config: view, schema: { tags, summary: 'One content page with every language and its sections', params: PageParams, response: { 200: PageBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => toPageBody(await (await service(request)).get(request.params.id)),
  );

  r.patch(
    '/pages/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a content page: only the fields given; translations merge per language (a language sent empty is removed)',
        params: PageParams,
        body: PageUpdateBody,
        response: { 200: PageBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => toPageBody(await (await service(request)).update(request.params.id, pageChangesOf(request.body))),
  );

  r.delete(
    '/pages/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a content page (a deleted override shows the default again)', params: PageParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await (await service(request)).delete(request.params.id);
      return reply.status(204).send(null);
    },
  );

  for (const [action, status] of [['publish', 'published'], ['unpublish', 'draft']] as const) {
    r.post(
      `/pages/:id/${action}`,
      {
        config: manage,
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish a content page: it shows on the storefront' : 'Take a content page offline (back to draft)',
          params: PageParams,
          response: { 200: PageBody, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => toPageBody(await (await service(request)).setStatus(request.params.id, status)),
    );
  }

  r.post(
    '/pages/overrides/:slug',
    {
      config: manage,
      schema: {
        tags,
        summary: "Vendors: copy a platform default page into a draft of the vendor's own with the same address; published, it replaces the default",
        params: PageSlugParams,
        response: { 201: PageBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(toPageBody(await (await service(request)).override(request.params.slug))),
  );
}
