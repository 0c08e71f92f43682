import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../../../../../api/schemas.ts';
import { defineRouter, type RouterInstance } from '../../../../routes.ts';
import { MediaAltBody, MediaDetailBody, MediaListBody, MediaListQuery, MediaParams, toMediaBody, toMediaDetailBody } from '../../../schemas/media.schema.ts';
import { MediaService } from '../../../services/media.service.ts';
import { multipartOptions, readApiUpload } from '../../../services/media-upload.ts';

const security = [{ bearerAuth: [] }];
const manage = { permission: 'cms.media.manage' };
const tags = ['cms'];

/**
 * The vendor's media library at `/api/v1/vendor/cms/media`. Every handler
 * works on the vendor of the caller's session: another vendor's file id
 * answers 404. Uploads are `multipart/form-data` with one `file` part.
 */
export const router = defineRouter(async (parent) => {
  // Its own plugin: multipart parsing stays on these routes.
  await parent.register(async (instance) => {
    const r = instance as unknown as RouterInstance;
    await r.register(multipart, multipartOptions());
    const media = (request: FastifyRequest) => MediaService.forPrincipal(r.wizamart, request.principal);

    r.get(
      '/media',
      {
        config: manage,
        schema: { tags, summary: "The vendor's media files, newest first", security, querystring: MediaListQuery, response: { 200: MediaListBody, ...errorResponses(400, 401, 403) } },
      },
      async (request) => {
        const page = await media(request).list({ page: request.query.page, perPage: request.query.per_page, kind: request.query.kind });
        return { items: page.items.map(toMediaBody), total: page.total, page: page.page, per_page: page.perPage };
      },
    );

    r.post(
      '/media',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Upload an image (PNG, JPEG, WebP, GIF, AVIF) or a PDF as the multipart part `file`; the type is read from the content. Images get WebP copies at 200, 800 and 1600 px',
          security,
          consumes: ['multipart/form-data'],
          response: { 201: MediaDetailBody, ...errorResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        const upload = await readApiUpload(request);
        return reply.status(201).send(toMediaDetailBody(await media(request).upload(upload)));
      },
    );

    r.get(
      '/media/:id',
      {
        config: manage,
        schema: { tags, summary: 'One media file with its alt texts and usages', security, params: MediaParams, response: { 200: MediaDetailBody, ...errorResponses(400, 401, 403, 404) } },
      },
      async (request) => toMediaDetailBody(await media(request).get(request.params.id)),
    );

    r.patch(
      '/media/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Set alt texts per language (en, de, fr, lu); "" or null removes one',
          security,
          params: MediaParams,
          body: MediaAltBody,
          response: { 200: MediaDetailBody, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => toMediaDetailBody(await media(request).updateAlt(request.params.id, request.body.alt)),
    );

    r.delete(
      '/media/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Delete a media file; a file still used by a page or the theme answers 409 CMS_MEDIA_IN_USE',
          security,
          params: MediaParams,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await media(request).delete(request.params.id);
        return reply.status(204).send(null);
      },
    );
  });
});
