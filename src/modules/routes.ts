import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyPluginAsync,
  onRequestHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';
import type { Frontend } from './base.ts';
import { describe, importFresh, type RouteFile } from './discovery.ts';
import { ModuleLoadError, type ModuleProblem } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';
import type { ModuleService } from './service.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Audience } from '../core/auth/principal.ts';
import { authenticate, csrfGuard, optionalSignIn, requirePermission } from '../middleware/auth.ts';

/** The Fastify instance a module's router receives: TypeBox schemas give typed handlers. */
export type RouterInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What `routes/api/<frontend>.ts` and `routes/pages/<frontend>.ts` export as `router`. */
export type Router = (app: RouterInstance) => Promise<void>;

/**
 * Declares a module's router. Paths are relative to the mount point:
 * `/api/v1/<frontend>/<module-code>` for API routes, `/<frontend>` for pages.
 *
 * @example
 * export const router = defineRouter(async (r) => {
 *   r.get('', { schema: { response: { 200: StatsSchema } } }, async (req) => stats(req));
 * });
 */
export function defineRouter(router: Router): Router {
  return router;
}

/**
 * Where a route file is mounted. Storefront pages live at the root of the
 * shop's own host (`/`, `/pages/about`, `/account`); the other frontends'
 * pages below their name.
 */
export function mountPrefix(kind: RouteFile['kind'], frontend: Frontend, moduleCode: string): string {
  if (kind === 'api') return `/api/v1/${frontend}/${moduleCode}`;
  return frontend === 'storefront' ? '' : `/${frontend}`;
}

export interface LoadedRouter {
  readonly module: string;
  readonly kind: RouteFile['kind'];
  readonly frontend: Frontend;
  readonly file: string;
  readonly router: Router;
}

/** Imports every route file; a file without a `router` export is reported by name. */
export async function loadRouters(registry: ModuleRegistry, cacheBust?: string): Promise<LoadedRouter[]> {
  const problems: ModuleProblem[] = [];
  const loaded: LoadedRouter[] = [];
  for (const [code, manifest] of registry.manifests) {
    for (const rf of manifest.routeFiles) {
      try {
        const mod = (await importFresh(rf.file, cacheBust)) as { router?: unknown };
        if (typeof mod.router !== 'function') {
          problems.push({ module: code, file: rf.file, reason: 'does not export `router` (export const router = defineRouter(async (r) => {...}))' });
          continue;
        }
        loaded.push({ module: code, kind: rf.kind, frontend: rf.frontend, file: rf.file, router: mod.router as Router });
      } catch (error) {
        problems.push({ module: code, file: rf.file, reason: describe(error) });
      }
    }
  }
  if (problems.length > 0) throw new ModuleLoadError(problems);
  return loaded;
}

/** The audience whose sign-in a frontend's routes need: admin and vendor back offices. */
const FRONTEND_AUDIENCE: Partial<Record<Frontend, Audience>> = { admin: 'admin', vendor: 'vendor' };

/**
 * Registers each router as its own encapsulated plugin. Every route of a
 * non-core module passes through a gate that refuses the request when the
 * module is disabled on the request's platform, before the handler runs.
 * Admin and vendor routes need a signed-in user of that audience (unless
 * `config: { public: true }`) and the `config.permission` they name; page
 * form posts need the CSRF token.
 */
export function registerModuleRoutes(app: FastifyInstance, routers: readonly LoadedRouter[], ctx: Pick<AppContext, 'registry' | 'modules' | 'auth' | 'settings' | 'tenants'>): void {
  const { registry, modules, auth } = ctx;
  const unprotected = new Set<Audience>();
  for (const r of routers) {
    const def = registry.getModule(r.module)!;
    const audience = FRONTEND_AUDIENCE[r.frontend];
    const signIn = audience && auth.supports(audience) ? authenticate(auth, audience, { mode: r.kind === 'api' ? 'api' : 'page' }) : undefined;
    if (audience && !signIn) unprotected.add(audience);
    const storefront = r.frontend === 'storefront';
    const customer = storefront && auth.supports('customer') ? customerSignIn(auth, r.kind) : undefined;
    const plugin: FastifyPluginAsync = async (scope) => {
      const csrf = r.kind === 'pages' ? csrfGuard(app) : undefined;
      scope.addHook('onRoute', (route) => {
        const config = { ...(route.config as object), module: r.module, frontend: r.frontend } as { public?: boolean; permission?: string; signIn?: 'required' | 'optional' };
        route.config = config;
        if (r.kind === 'api') {
          route.schema = { ...route.schema, tags: route.schema?.tags ?? [r.module] };
          if (signIn && !config.public) route.schema = { ...route.schema, security: route.schema.security ?? [{ bearerAuth: [] }] };
        } else {
          route.schema = { ...route.schema, hide: true };
        }
        if (storefront && config.signIn === 'required' && !customer) {
          throw new ModuleLoadError([{ module: r.module, file: r.file, reason: `${route.url} needs a signed-in customer, but no module provides the "customer" identity` }]);
        }
        const guards = [
          ...(signIn && !config.public ? [signIn] : []),
          ...(customer ? [config.signIn === 'required' ? customer.required : customer.optional] : []),
          ...(csrf ? [csrf] : []),
          ...(config.permission ? [requirePermission(config.permission)] : []),
        ];
        if (guards.length > 0) {
          // Before schema validation: a visitor who may not use the route hears 401/403, not what is wrong with the body.
          const own = route.preValidation ? (Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]) : [];
          route.preValidation = [...guards, ...own] as typeof route.preValidation;
        }
      });
      if (!def.isCore) scope.addHook('onRequest', moduleGate(r.module, modules));
      // Without a module that knows the shops (framework tests), storefront pages answer on any host.
      if (storefront && ctx.tenants) scope.addHook('onRequest', storefrontGate);
      await r.router(scope as unknown as RouterInstance);
    };
    void app.register(plugin, { prefix: mountPrefix(r.kind, r.frontend, r.module) });
  }
  for (const audience of unprotected) {
    // Only a module tree without tenancy (framework tests, experiments) gets here.
    if (ctx.settings.nodeEnv === 'production') {
      throw new ModuleLoadError([{ module: 'tenancy', reason: `no module provides the "${audience}" identity, so /${audience} routes cannot be protected; production refuses to start` }]);
    }
    app.log.warn(`no module provides the "${audience}" identity: /${audience} routes are not protected by sign-in`);
  }
}

function customerSignIn(auth: AppContext['auth'], kind: RouteFile['kind']) {
  const mode = kind === 'api' ? 'api' : 'page';
  return { required: authenticate(auth, 'customer', { mode }), optional: optionalSignIn(auth, 'customer', { mode }) };
}

/**
 * Storefront routes answer on a shop's host only (its domain, subdomain, or
 * development prefix), and only while the shop is open; a route marked
 * `vendorOptional` also answers on the platform's own host.
 */
export const storefrontGate: onRequestHookHandler = function storefrontGate(request, _reply, done) {
  const vendor = request.vendor;
  if (vendor ? vendor.status === 'active' : request.routeOptions.config.vendorOptional === true) return done();
  done(new AppError(FRAMEWORK_ERRORS.STOREFRONT_NOT_FOUND));
};

/**
 * The module-enabled check. It answers synchronously from the module
 * service's cache, so the common case costs a map lookup, not a promise.
 */
export function moduleGate(moduleCode: string, modules: ModuleService): onRequestHookHandler {
  return function gate(request, _reply, done) {
    const platform = request.platform.code;
    const cached = modules.isModuleEnabledCached(platform, moduleCode);
    if (cached === true) return done();
    if (cached === false) return done(disabled(moduleCode, platform));
    modules.isModuleEnabled(platform, moduleCode).then(
      (enabled) => done(enabled ? undefined : disabled(moduleCode, platform)),
      (error: Error) => done(error),
    );
  };
}

function disabled(module: string, platform: string): AppError {
  return new AppError(FRAMEWORK_ERRORS.MODULE_DISABLED, { module, platform });
}
