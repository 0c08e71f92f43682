import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformRef } from '../core/app-context.ts';
import type { Settings } from '../core/config.ts';

/** Development/test override of the platform, never honoured in production. */
export const PLATFORM_HEADER = 'x-wizamart-platform';
const PLATFORM_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Resolves the platform of each request. For now every request is served
 * for the configured default platform; outside production a test or a
 * developer can name another with the `X-Wizamart-Platform` header.
 * (Domains and subdomains arrive with the tenancy module.)
 */
export function registerPlatformContext(app: FastifyInstance, settings: Settings): void {
  const fallback: PlatformRef = Object.freeze({ code: settings.defaultPlatform });
  const allowHeader = settings.nodeEnv !== 'production';
  app.decorateRequest('platform', null as unknown as PlatformRef);
  app.addHook('onRequest', (request, _reply, done) => {
    request.platform = resolvePlatform(request, fallback, allowHeader);
    done();
  });
}

function resolvePlatform(request: FastifyRequest, fallback: PlatformRef, allowHeader: boolean): PlatformRef {
  if (allowHeader) {
    const named = request.headers[PLATFORM_HEADER];
    if (typeof named === 'string' && PLATFORM_CODE.test(named)) return { code: named };
  }
  return fallback;
}
