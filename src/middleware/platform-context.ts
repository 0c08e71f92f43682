import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformRef } from '../core/app-context.ts';
import type { Settings } from '../core/config.ts';
import type { Database } from '../core/database/database.ts';
import { TENANCY_CHANGED_CHANNEL, type TenantMatch, type TenantResolver, type VendorInfo } from '../core/tenants.ts';
import { AppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';

/** Development/test override of the platform, never honoured in production. */
export const PLATFORM_HEADER = 'x-wizamart-platform';
const CODE = '[a-z0-9][a-z0-9-]{0,63}';
const PLATFORM_CODE = new RegExp(`^${CODE}$`);

/**
 * Development path prefixes (never in production), for working without
 * DNS: `/_platform/<code>/…` serves a platform and `/_vendor/<code>/…` a
 * vendor (and its platform), as their domains would. The prefix is taken
 * off before routing and kept in `request.urlPrefix`, which pages put in
 * front of their links.
 */
const DEV_PREFIX = new RegExp(`^/_(platform|vendor)/(${CODE})(?=/|\\?|$)`);

/** Paths that answer on any host: probes and assets must work behind a load balancer's IP. */
const HOST_INDEPENDENT = /^\/(health|metrics|static|media|docs|favicon\.ico)(\/|\?|$)/;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const CACHE_TTL_MS = 30_000;

interface DevPrefix {
  readonly kind: 'platform' | 'vendor';
  readonly code: string;
  readonly prefix: string;
}

const devPrefixes = new WeakMap<IncomingMessage, DevPrefix>();

declare module 'fastify' {
  interface FastifyRequest {
    /** The vendor whose domain, subdomain or development prefix the request came in on. */
    vendor: VendorInfo | undefined;
    /** The development path prefix the request came in on (`''` normally); links on pages start with it. */
    urlPrefix: string;
  }
}

/** Fastify's `rewriteUrl` for the development prefixes; undefined in production. */
export function devPrefixRewriter(settings: Settings): ((req: IncomingMessage) => string) | undefined {
  if (settings.nodeEnv === 'production') return undefined;
  return (req) => {
    const url = req.url ?? '/';
    const match = DEV_PREFIX.exec(url);
    if (!match) return url;
    devPrefixes.set(req, { kind: match[1] as DevPrefix['kind'], code: match[2]!, prefix: match[0] });
    const rest = url.slice(match[0].length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  };
}

export interface PlatformContextOptions {
  readonly settings: Settings;
  readonly database: Database;
  readonly tenants: TenantResolver | undefined;
}

/**
 * Resolves the platform (and vendor) of each request: a vendor's custom
 * domain, a vendor subdomain of a platform domain, a platform domain; on
 * localhost (and PUBLIC_URL's host) the default platform. Outside
 * production the `X-Wizamart-Platform` header and the `/_platform/` and
 * `/_vendor/` prefixes name one explicitly. An unknown host gets 404
 * UNKNOWN_HOST, never some other tenant's pages.
 */
export async function registerPlatformContext(app: FastifyInstance, options: PlatformContextOptions): Promise<void> {
  const { settings, tenants, database } = options;
  const fallback: PlatformRef = Object.freeze({ code: settings.defaultPlatform });
  const development = settings.nodeEnv !== 'production';
  const localHosts = new Set(LOCAL_HOSTS);
  if (settings.publicUrl) localHosts.add(new URL(settings.publicUrl).hostname.toLowerCase());

  app.decorateRequest('platform', null as unknown as PlatformRef);
  app.decorateRequest('vendor', undefined);
  app.decorateRequest('urlPrefix', '');

  if (!tenants) {
    // Without a tenancy module every request is the default platform's (tests of the bare framework).
    app.addHook('onRequest', (request, _reply, done) => {
      const named = development ? request.headers[PLATFORM_HEADER] : undefined;
      request.platform = typeof named === 'string' && PLATFORM_CODE.test(named) ? { code: named } : fallback;
      done();
    });
    return;
  }

  const unresolved: PlatformRef = Object.freeze({ code: settings.defaultPlatform, name: '' });
  const cache = new TenantCache(CACHE_TTL_MS);
  const unlisten = await database.notifier.listen(TENANCY_CHANGED_CHANNEL, () => cache.clear());
  app.addHook('onClose', async () => unlisten());
  const db = database.db;

  const byPlatformCode = (code: string) =>
    cache.get(`p:${code}`, async () => {
      const platform = await tenants.platformByCode({ db, code });
      return platform ? { platform } : null;
    });
  const byVendorCode = (code: string) => cache.get(`v:${code}`, () => tenants.vendorByCode({ db, code }));
  const byHost = (host: string) => cache.get(`h:${host}`, () => tenants.resolveHost({ db, host }));

  app.addHook('onRequest', async (request) => {
    // Set before resolving, so that an error page for an unknown host still renders (with no tenant's data).
    request.platform = unresolved;
    const match = await resolve(request);
    if (match) {
      request.platform = match.platform;
      request.vendor = match.vendor;
    } else {
      request.platform = fallback;
    }
  });

  async function resolve(request: FastifyRequest): Promise<TenantMatch | null> {
    if (development) {
      const prefix = devPrefixes.get(request.raw);
      if (prefix) {
        request.urlPrefix = prefix.prefix;
        const match = prefix.kind === 'vendor' ? await byVendorCode(prefix.code) : await byPlatformCode(prefix.code);
        if (!match) throw new AppError(FRAMEWORK_ERRORS.UNKNOWN_HOST, { host: prefix.prefix });
        return match;
      }
      const named = request.headers[PLATFORM_HEADER];
      if (typeof named === 'string' && PLATFORM_CODE.test(named)) {
        const match = await byPlatformCode(named);
        if (!match) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: named });
        return match;
      }
    }
    const host = request.hostname.toLowerCase().replace(/\.$/, '');
    const bare = host.startsWith('[') ? host : host.replace(/:\d+$/, '');
    if (localHosts.has(bare)) return byPlatformCode(settings.defaultPlatform);
    const match = await byHost(bare);
    if (match) return match;
    if (HOST_INDEPENDENT.test(request.url)) return null;
    throw new AppError(FRAMEWORK_ERRORS.UNKNOWN_HOST, { host: bare });
  }
}

/** Host and code lookups, kept briefly and dropped when the tenancy module announces a change. */
class TenantCache {
  readonly #entries = new Map<string, { at: number; value: Promise<TenantMatch | null> }>();
  readonly #ttl: number;

  constructor(ttlMs: number) {
    this.#ttl = ttlMs;
  }

  get(key: string, load: () => Promise<TenantMatch | null>): Promise<TenantMatch | null> {
    const hit = this.#entries.get(key);
    if (hit && Date.now() - hit.at < this.#ttl) return hit.value;
    const value = load();
    this.#entries.set(key, { at: Date.now(), value });
    // A failed lookup is not remembered.
    value.catch(() => this.#entries.delete(key));
    if (this.#entries.size > 10_000) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
