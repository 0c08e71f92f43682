import { createHash, timingSafeEqual } from 'node:crypto';
import type { preHandlerHookHandler } from 'fastify';
import { AppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';

/** Who made an authenticated request, recorded in audit logs. */
export interface Principal {
  readonly kind: 'admin-token';
  readonly id: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Admin API guard until user sign-in exists: a bearer token equal to
 * ADMIN_TOKEN. Without ADMIN_TOKEN the admin API is closed rather than open.
 */
export function requireAdminToken(adminToken: string | undefined): preHandlerHookHandler {
  const expected = adminToken ? digest(adminToken) : undefined;
  return function adminGuard(request, _reply, done) {
    if (!expected) return done(new AppError(FRAMEWORK_ERRORS.AUTH_NOT_CONFIGURED));
    const header = request.headers.authorization;
    if (!header) return done(new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED));
    const match = /^Bearer\s+(.+)$/i.exec(header);
    // Comparing digests keeps the comparison constant-time whatever the length.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      return done(new AppError(FRAMEWORK_ERRORS.AUTH_INVALID_TOKEN));
    }
    request.principal = { kind: 'admin-token', id: 'admin-token' };
    done();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
