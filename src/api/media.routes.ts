import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { isValidObjectKey } from '../core/storage/object-storage.ts';
import { AppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';

/** A year: stored objects are content-addressed, so a key never changes what it names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /media/<key>`: uploaded files from the object storage, on every host
 * (admin, back office and storefronts show the same files). Behind a CDN or
 * a bucket with public reads, production can serve them directly instead.
 */
export function registerMediaRoute(app: FastifyInstance, ctx: Pick<AppContext, 'storage'>): void {
  app.get('/media/*', { schema: { hide: true } }, async (request, reply) => {
    const key = (request.params as { '*': string })['*'];
    const object = isValidObjectKey(key) ? await ctx.storage.get(key) : null;
    if (!object) throw new AppError(FRAMEWORK_ERRORS.ROUTE_NOT_FOUND, { method: 'GET', url: request.url.split('?')[0] ?? '' });
    return reply
      .header('cache-control', IMMUTABLE)
      .header('x-content-type-options', 'nosniff')
      // An uploaded PDF or image is shown, never run as a page of this site.
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .type(object.contentType)
      .send(object.body);
  });
}
