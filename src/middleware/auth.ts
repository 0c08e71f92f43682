import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import type { AuthService, TokenPair } from '../core/auth/auth-service.ts';
import type { Audience, Principal } from '../core/auth/principal.ts';
import type { Settings } from '../core/config.ts';
import { AppError, isAppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, set by `authenticate` on protected routes. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Admin and vendor routes need a signed-in user unless marked public (sign-in pages). */
    public?: boolean;
    /** The permission the route needs (checked after sign-in). */
    permission?: string;
    /**
     * Storefront routes: `required` needs a signed-in customer of this shop
     * (pages redirect to sign-in); by default the customer is optional
     * (`request.principal` is set when one is signed in).
     */
    signIn?: 'required' | 'optional';
    /** Storefront routes that also answer on a platform's own host, without a shop (the landing page). */
    vendorOptional?: boolean;
  }
}

/** Page sessions: an access and a refresh cookie per audience, httpOnly and SameSite=Lax. */
export function accessCookie(audience: Audience): string {
  return `wz_${audience}_access`;
}
export function refreshCookie(audience: Audience): string {
  return `wz_${audience}_refresh`;
}

/**
 * Registers what authentication needs on the HTTP side: cookies, form
 * bodies, CSRF tokens (a secret in a cookie, a token in every form), and
 * the rate limiter that sign-in routes use per IP address (in Redis when
 * REDIS_URL is set, so every instance counts together).
 */
export async function registerAuthPlugins(app: FastifyInstance, settings: Settings, redis: unknown): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'wz_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: 'auto' },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // A Redis outage must not lock everyone out of signing in; the per-account lock (PostgreSQL) still holds.
    skipOnError: true,
    ...(redis ? { redis: redis as never, nameSpace: 'wizamart-rate-limit-' } : {}),
  });
}

/** Route config for sign-in routes: `loginRateLimit` attempts per IP address per minute. */
export function signInRateLimit(settings: Settings): { rateLimit: { max: number; timeWindow: string } } {
  return { rateLimit: { max: settings.loginRateLimit, timeWindow: '1 minute' } };
}

export interface AuthenticateOptions {
  /** Pages read the cookies, refresh an expired access token and redirect to sign-in; APIs read the bearer token and answer 401. */
  readonly mode: 'api' | 'page';
}

/**
 * The sign-in check of a protected route. API requests carry
 * `Authorization: Bearer <access token>`; pages carry the session cookies,
 * and an expired access token is refreshed on the way. Vendor pages under
 * `/vendor/:vendor_code` also check that the session is for that vendor.
 * 401 means "who are you?" (no, bad or expired token); 403 means "you may
 * not" (wrong vendor, missing permission).
 */
export function authenticate(auth: AuthService, audience: Audience, options: AuthenticateOptions): preHandlerHookHandler {
  return async function authenticateHook(request, reply) {
    if (request.routeOptions.config.public) return;
    try {
      request.principal = options.mode === 'page' ? await pagePrincipal(auth, audience, request, reply) : await apiPrincipal(auth, audience, request);
    } catch (error) {
      if (options.mode === 'page' && isAppError(error) && error.status === 401) {
        clearSessionCookies(reply, audience);
        return reply.redirect(signInUrl(request, audience), 303);
      }
      throw error;
    }
    if (audience === 'vendor' && options.mode === 'page') checkVendorParam(request);
  };
}

/**
 * Sign-in that may be absent (storefront pages and APIs): the principal is
 * set when a valid session of this shop comes with the request. A page
 * whose session has ended is served signed out (and its cookies dropped);
 * an API request that sends a bad bearer token still hears 401.
 */
export function optionalSignIn(auth: AuthService, audience: Audience, options: AuthenticateOptions): preHandlerHookHandler {
  return async function optionalSignInHook(request, reply) {
    if (options.mode === 'api') {
      if (request.headers.authorization) request.principal = await apiPrincipal(auth, audience, request);
      return;
    }
    if (!request.cookies[accessCookie(audience)] && !request.cookies[refreshCookie(audience)]) return;
    try {
      request.principal = await pagePrincipal(auth, audience, request, reply);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      if (error.status === 401) clearSessionCookies(reply, audience);
    }
  };
}

async function apiPrincipal(auth: AuthService, audience: Audience, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
  const claims = await auth.verifyAccessToken(match[1], audience);
  return ofThisShop(request, await auth.principalFor(claims, request.platform.code));
}

/**
 * A customer belongs to one shop: their session is good on that shop's
 * storefront only. Anywhere else it is as if they had not signed in.
 */
function ofThisShop(request: FastifyRequest, principal: Principal): Principal {
  if (principal.audience === 'customer' && principal.vendor?.id !== request.vendor?.id) {
    throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
  }
  return principal;
}

async function pagePrincipal(auth: AuthService, audience: Audience, request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
  const access = request.cookies[accessCookie(audience)];
  if (access) {
    try {
      return ofThisShop(request, await auth.principalFor(await auth.verifyAccessToken(access, audience), request.platform.code));
    } catch (error) {
      if (!isAppError(error) || error.code !== FRAMEWORK_ERRORS.AUTH_TOKEN_EXPIRED.code) throw error;
    }
  }
  const refresh = request.cookies[refreshCookie(audience)];
  if (!refresh) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
  const pair = await auth.refresh(audience, refresh);
  setSessionCookies(request, reply, audience, pair);
  return ofThisShop(request, await auth.principalFor(await auth.verifyAccessToken(pair.accessToken, audience), request.platform.code));
}

function checkVendorParam(request: FastifyRequest): void {
  const params = request.params as Record<string, unknown> | undefined;
  const requested = params?.vendor_code;
  const signedIn = request.principal?.vendor?.code;
  if (typeof requested === 'string' && requested !== signedIn) {
    throw new AppError(FRAMEWORK_ERRORS.AUTH_WRONG_VENDOR, { requested, signedIn: signedIn ?? '' });
  }
}

/** A route guard: the signed-in user must hold `permission` on this platform (after `authenticate`). */
export function requirePermission(permission: string): preHandlerHookHandler {
  return function permissionGuard(request, _reply, done) {
    const principal = request.principal;
    if (!principal) return done(new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED));
    if (!principal.permissions.has(permission)) return done(new AppError(FRAMEWORK_ERRORS.PERMISSION_DENIED, { permission }));
    done();
  };
}

/** Whether the principal administers `platform` (a super admin administers all). */
export function administersPlatform(principal: Principal | undefined, platform: string): boolean {
  if (!principal || principal.audience !== 'admin') return false;
  return principal.platforms === 'all' || (principal.platforms ?? []).includes(platform);
}

/** A guard for admin routes about another platform (`:platform` in the path): the admin must administer it. */
export function requirePlatformAccess(param = 'platform'): preHandlerHookHandler {
  return function platformGuard(request, _reply, done) {
    const platform = (request.params as Record<string, unknown>)[param];
    if (typeof platform === 'string' && !administersPlatform(request.principal, platform)) {
      return done(new AppError(FRAMEWORK_ERRORS.AUTH_WRONG_PLATFORM, { platform }));
    }
    done();
  };
}

/** Page form posts must carry the CSRF token that `reply.view` puts in every page (`csrfToken`). */
export function csrfGuard(app: FastifyInstance): preHandlerHookHandler {
  return function checkCsrf(request, reply, done) {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    app.csrfProtection(request, reply, done);
  };
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, audience: Audience, pair: TokenPair): void {
  const secure = request.protocol === 'https';
  const path = cookiePath(request, audience);
  reply.setCookie(accessCookie(audience), pair.accessToken, { path, httpOnly: true, sameSite: 'lax', secure, maxAge: pair.expiresIn });
  // The refresh cookie lives exactly as long as its session.
  reply.setCookie(refreshCookie(audience), pair.refreshToken, { path, httpOnly: true, sameSite: 'lax', secure, expires: pair.refreshExpiresAt });
}

export function clearSessionCookies(reply: FastifyReply, audience: Audience): void {
  const path = cookiePath(reply.request, audience);
  reply.clearCookie(accessCookie(audience), { path });
  reply.clearCookie(refreshCookie(audience), { path });
}

/**
 * Customer cookies stay inside their shop: on a shop's own host that is the
 * whole site, and under a development prefix (`/_vendor/<code>`) only that
 * prefix, so two shops opened side by side on localhost keep two sessions.
 */
function cookiePath(request: FastifyRequest, audience: Audience): string {
  return audience === 'customer' && request.urlPrefix ? request.urlPrefix : '/';
}

/** Where a signed-out page request is sent: the audience's sign-in page, coming back afterwards. */
export function signInUrl(request: FastifyRequest, audience: Audience): string {
  const base = audience === 'customer' ? '/account/login' : `/${audience}/login`;
  const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.urlPrefix + request.url)}` : '';
  return `${request.urlPrefix}${base}${next}`;
}

/** A `next` parameter is followed only to a path on this site, never to another host. */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
