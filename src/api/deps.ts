import type { FastifyRequest } from 'fastify';
import type { AppContext, PlatformRef } from '../core/app-context.ts';
import type { Principal } from '../core/auth/principal.ts';
import { AppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';

/**
 * What route handlers depend on, the counterpart of FastAPI's `Depends`:
 * small accessors so a handler never reaches into globals.
 *
 * @example
 * r.get('', async (request) => {
 *   const { modules } = getContext(request);
 *   return modules.getPlatformModules(getPlatform(request).code);
 * });
 */
export function getContext(request: FastifyRequest): AppContext {
  return request.server.wizamart;
}

/** The platform the request is served for (resolved by the platform-context middleware). */
export function getPlatform(request: FastifyRequest): PlatformRef {
  return request.platform;
}

/** Whether a feature is available on the request's platform. */
export async function hasFeature(request: FastifyRequest, feature: string): Promise<boolean> {
  return getContext(request).features.isAvailable(request.platform.code, feature);
}

/** Refuses the request unless `moduleCode` is enabled on its platform (for checks inside a handler). */
export async function requireModule(request: FastifyRequest, moduleCode: string): Promise<void> {
  const platform = request.platform.code;
  if (!(await getContext(request).modules.isModuleEnabled(platform, moduleCode))) {
    throw new AppError(FRAMEWORK_ERRORS.MODULE_DISABLED, { module: moduleCode, platform });
  }
}

/** The signed-in user of a protected route; AUTH_REQUIRED when there is none. */
export function getPrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
  return request.principal;
}

export { authenticate, requirePermission, requirePlatformAccess, administersPlatform } from '../middleware/auth.ts';
