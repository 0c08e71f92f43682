import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import type { AppContext, PlatformRef } from '../core/app-context.ts';
import type { Principal } from '../core/auth/principal.ts';
import type { VendorInfo } from '../core/tenants.ts';
import { menuItemKey } from '../core/menu-config.ts';
import { FRONTENDS, type Frontend, type ModuleTier } from './base.ts';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_INFO,
  LANGUAGES,
  isLanguage,
  loadTranslations,
  localeSources,
  negotiateLanguage,
  type Language,
  type LanguageInfo,
  type TranslateFn,
  type Translations,
} from './locales.ts';
import { ModuleLoadError, type ModuleProblem } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';
import { collectSiteContext } from './view-context.ts';
import {
  SHARED_LOCALES_DIR,
  checkTemplateFolders,
  createTemplateEnvironment,
  loadIconSet,
  templateSearchPaths,
  type IconSet,
} from './templates.ts';

/** The query parameter and cookie that carry the user's language choice. */
export const LANGUAGE_PARAM = 'lang';
export const LANGUAGE_COOKIE = 'lang';
const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** The layout each frontend's pages extend: a back office for admin and vendor, a site for the others. */
export const FRONTEND_LAYOUTS: Readonly<Record<Frontend, string>> = Object.freeze({
  admin: 'layouts/app.njk',
  vendor: 'layouts/app.njk',
  storefront: 'layouts/site.njk',
  platform: 'layouts/site.njk',
});

/** One sidebar (or storefront navigation) entry. */
export interface MenuEntry {
  readonly id: string;
  readonly module: string;
  readonly tier: ModuleTier;
  /** Translated label. */
  readonly label: string;
  /** Absolute path, e.g. `/admin/dev-tools/components`. */
  readonly path: string;
  readonly icon: string | undefined;
  readonly active: boolean;
  /** `<module>/<id>`: the item's name in the platform's menu configuration. */
  readonly key: string;
  /** Hidden by the platform (only listed with `includeHidden`). */
  readonly hidden: boolean;
  /** The permission the item needs, if any. */
  readonly permission: string | undefined;
}

/** A language as the switcher shows it: with the link that chooses it. */
export interface LanguageOption extends LanguageInfo {
  readonly active: boolean;
  readonly url: string;
}

/** What every template receives, before the page's own context is merged over it. */
export interface BaseViewContext {
  readonly t: TranslateFn;
  readonly lang: Language;
  /** BCP 47 tag for `<html lang>` (`lb` for Luxembourgish). */
  readonly htmlLang: string;
  readonly languages: readonly LanguageOption[];
  readonly platform: PlatformRef;
  readonly frontend: Frontend;
  /** The layout the page should extend: `{% extends layout %}`. */
  readonly layout: string;
  readonly menu: readonly MenuEntry[];
  /** The request path, without the query string. */
  readonly path: string;
  readonly requestId: string;
  readonly module: string | undefined;
  /** The signed-in user on protected pages. */
  readonly principal: Principal | undefined;
  /** Whether the signed-in user holds a permission: `{% if can('tenancy.team.manage') %}`. */
  readonly can: (permission: string) => boolean;
  /** The vendor whose domain (or development prefix) the request came in on. */
  readonly vendor: VendorInfo | undefined;
  /** The development path prefix (`''` normally); `url()` puts it in front of a path. */
  readonly urlPrefix: string;
  /** A site path as a link: `href="{{ url('/admin/vendors') }}"`. */
  readonly url: (path: string) => string;
  /** The CSRF token every form posts back as `_csrf`. */
  readonly csrfToken: string;
  /** A one-off message key from `?notice=`, shown once after a redirect (`common:notices.<key>`). */
  readonly notice: string | undefined;
  /** What enabled modules add to this frontend's pages, by module code: `site.cms.theme`, `site.core.store`. */
  readonly site: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** The template engine and translations, reachable as `app.views` (e.g. for e-mails). */
export interface ViewEngine {
  readonly env: nunjucks.Environment;
  readonly translations: Translations;
  readonly icons: IconSet;
  /** Renders a template to a string with exactly the given context. */
  render(name: string, context: Readonly<Record<string, unknown>>): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    views: ViewEngine;
  }
  interface FastifyRequest {
    /** The request's language: `?lang=`, else the `lang` cookie, else Accept-Language, else `en`. */
    readonly language: Language;
    /** Translates into the request's language. */
    readonly t: TranslateFn;
  }
  interface FastifyReply {
    /**
     * Renders a template inside the shared layout and sends it as HTML.
     * The context is merged over the base context (`t`, `lang`, `languages`,
     * `platform`, `path`, `menu`, `layout`, …). Return or await it.
     *
     * @example
     * r.get('/dev-tools/icons', async (_req, reply) => reply.view('dev-tools/admin/icons.njk', { title: 'Icons' }));
     */
    view(name: string, context?: Readonly<Record<string, unknown>>): Promise<FastifyReply>;
  }
}

/**
 * Start-up checks of the view layer, without registering anything: template
 * folders and locale files. Every problem is returned at once (for
 * `wizamart validate` and tests; `registerViews` runs the same checks).
 */
export function checkViews(registry: ModuleRegistry): ModuleProblem[] {
  return loadViewResources(registry).problems;
}

function loadViewResources(registry: ModuleRegistry): { problems: ModuleProblem[]; translations: Translations | undefined } {
  const problems = checkTemplateFolders(registry);
  try {
    return { problems, translations: loadTranslations(localeSources(registry, SHARED_LOCALES_DIR)) };
  } catch (error) {
    if (!(error instanceof ModuleLoadError)) throw error;
    return { problems: [...problems, ...error.problems], translations: undefined };
  }
}

/**
 * Sets up pages: the Nunjucks environment over every module's templates,
 * the translations of every module (one namespace per module, plus
 * `common`), the request's language, and `reply.view()`. Locale or
 * template-folder problems stop the start-up with a ModuleLoadError naming
 * each file.
 */
export async function registerViews(app: FastifyInstance, registry: ModuleRegistry): Promise<void> {
  const context: AppContext = app.wizamart;
  const { settings } = context;

  const { problems, translations } = loadViewResources(registry);
  if (problems.length > 0 || !translations) throw new ModuleLoadError(problems);

  const icons = loadIconSet();
  warnUnknownMenuIcons(app, registry, icons);
  const env = createTemplateEnvironment({
    searchPaths: templateSearchPaths(registry),
    // Development re-reads templates on every render, so an edit shows on reload.
    cache: settings.nodeEnv !== 'development',
    icons,
    assetVersion: Date.now().toString(36),
  });
  const engine: ViewEngine = Object.freeze({
    env,
    translations,
    icons,
    render: (name: string, ctx: Readonly<Record<string, unknown>>) => env.render(name, ctx),
  });
  app.decorate('views', engine);

  // The language is resolved on first use, so it is there even for a request
  // refused before this plugin's hook ran (the error page still needs it).
  const resolved = new WeakMap<FastifyRequest, Language>();
  const languageOf = (request: FastifyRequest): Language => {
    let language = resolved.get(request);
    if (!language) {
      language = resolveLanguage(request);
      resolved.set(request, language);
    }
    return language;
  };
  const translator = translations.translator;
  app.decorateRequest('language', {
    getter(this: FastifyRequest) {
      return languageOf(this);
    },
  });
  app.decorateRequest('t', {
    getter(this: FastifyRequest) {
      return translator(languageOf(this));
    },
  });

  // An explicit `?lang=` choice is remembered in a cookie for the next pages.
  app.addHook('onRequest', (request, reply, done) => {
    const chosen = queryLanguage(request.url);
    if (chosen && readCookie(request.headers.cookie, LANGUAGE_COOKIE) !== chosen) {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      appendHeader(reply, 'set-cookie', `${LANGUAGE_COOKIE}=${chosen}; Path=/; Max-Age=${LANGUAGE_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly${secure}`);
    }
    done();
  });

  app.decorateReply('view', async function view(this: FastifyReply, name: string, pageContext: Readonly<Record<string, unknown>> = {}) {
    const base = await baseViewContext(context, this.request, pageContext.menu === undefined);
    const html = engine.render(name, { ...base, csrfToken: lazyCsrfToken(this), ...pageContext });
    appendHeader(this, 'vary', 'Accept-Language, Cookie');
    return this.type('text/html; charset=utf-8').send(html);
  });
}

/**
 * The CSRF token as the page's forms print it (`value="{{ csrfToken }}"`),
 * made only when a template prints it: most storefront pages have no form,
 * and making one costs random bytes, an HMAC and a cookie.
 */
function lazyCsrfToken(reply: FastifyReply): { toString(): string } {
  let token: string | undefined;
  return {
    toString() {
      token ??= typeof reply.generateCsrf === 'function' && reply.request.cookies ? reply.generateCsrf() : '';
      return token;
    },
  };
}

/** A wrong icon name only costs an icon, so it is a warning, not a start-up failure. */
function warnUnknownMenuIcons(app: FastifyInstance, registry: ModuleRegistry, icons: IconSet): void {
  for (const def of registry.MODULES.values()) {
    for (const items of Object.values(def.menuItems)) {
      for (const item of items ?? []) {
        if (item.icon && !icons.has(item.icon)) {
          app.log.warn({ module: def.code, item: item.id, icon: item.icon }, 'menu item names an icon that is not in src/templates/icons/ (see /admin/dev-tools/icons)');
        }
      }
    }
  }
}

/**
 * The context every page gets. The menu is built only when the page does
 * not bring its own (error pages pass `menu: []`, so they render even when
 * the database is down).
 */
export async function baseViewContext(
  ctx: Pick<AppContext, 'registry' | 'modules'> & Partial<Pick<AppContext, 'menus' | 'database'>>,
  request: FastifyRequest,
  withMenu = true,
): Promise<BaseViewContext> {
  const language = request.language;
  const info = LANGUAGE_INFO[language];
  const path = request.url.split('?')[0] ?? '/';
  const frontend = frontendOf(request);
  const principal = request.principal;
  const urlPrefix = request.urlPrefix ?? '';
  const sitePromise =
    withMenu && ctx.database
      ? collectSiteContext({ ...ctx, database: ctx.database }, request, frontend).catch((error: unknown) => {
        request.log.error({ err: error }, 'could not collect the modules\' view context');
        return {};
      })
    : Promise.resolve({});
  const menu = withMenu
    ? await buildMenu(ctx, {
        platform: request.platform.code,
        frontend,
        path,
        t: request.t,
        basePath: urlPrefix + frontendBasePath(frontend, request.params),
        hasPage: (pattern) => request.server.hasRoute({ method: 'GET', url: pattern }),
        ...(principal ? { permissions: principal.permissions } : {}),
        ...(ctx.menus ? { overrides: await ctx.menus.get(request.platform.code, frontend) } : {}),
        currentPath: urlPrefix + path,
      })
    : [];
  const notice = noticeOf(request.url);
  const site = await sitePromise;
  return {
    site,
    principal,
    can: (permission: string) => principal?.permissions.has(permission) ?? false,
    vendor: request.vendor,
    urlPrefix,
    url: (target: string) => `${urlPrefix}${target}`,
    csrfToken: '',
    notice,
    t: request.t,
    lang: language,
    htmlLang: info.tag,
    // Links keep the development prefix: a shop's language switcher stays in the shop.
    languages: LANGUAGES.map((code) => ({ ...LANGUAGE_INFO[code], active: code === language, url: urlPrefix + withLanguage(request.url, code) })),
    platform: request.platform,
    frontend,
    layout: FRONTEND_LAYOUTS[frontend],
    menu,
    path,
    requestId: request.id,
    module: request.routeOptions.config.module,
  };
}

export interface MenuInput {
  readonly platform: string;
  readonly frontend: Frontend;
  /** The current path, to mark the active entry. */
  readonly path: string;
  readonly t: TranslateFn;
  /** Where the frontend's item paths start; default `/<frontend>`. */
  readonly basePath?: string;
  /**
   * Whether a page route exists for a path pattern (`/vendor/:vendor_code/orders`).
   * Items whose page is not built yet are left out rather than linking to a 404.
   */
  readonly hasPage?: (pattern: string) => boolean;
  /** The signed-in user's permissions: items needing another are left out. Without it, nothing is filtered (unprotected trees). */
  readonly permissions?: ReadonlySet<string>;
  /** The platform's hidden and reordered items, by `<module>/<id>`. */
  readonly overrides?: ReadonlyMap<string, { hidden: boolean; position: number | null }>;
  /** The path to mark active, when it differs from `path` (development prefix). */
  readonly currentPath?: string;
  /** Include hidden items (marked `hidden`), for the menu editor. */
  readonly includeHidden?: boolean;
}

const DEFAULT_MENU_ORDER = 1000;

/**
 * The module-driven menu: the `menuItems[frontend]` of every module enabled
 * on the platform, by each item's `order` (modules interleave, so a core
 * module's Settings can sit below an optional module's Orders), with the
 * internal modules' tools after everything else. Labels are translation
 * keys (or literal text). The longest path that contains the current one
 * is active.
 *
 * @example
 * const menu = await buildMenu(app.wizamart, { platform: 'wizamart', frontend: 'admin', path: '/admin/dev-tools/icons', t });
 */
export async function buildMenu(ctx: Pick<AppContext, 'registry' | 'modules'>, input: MenuInput): Promise<MenuEntry[]> {
  const enabled = await ctx.modules.getEnabledModuleCodes(input.platform);
  const base = (input.basePath ?? (input.frontend === 'storefront' ? '' : `/${input.frontend}`)).replace(/\/+$/, '');
  const items: Array<Omit<MenuEntry, 'active'> & { rank: readonly [number, number] }> = [];
  for (const code of enabled) {
    const def = ctx.registry.getModule(code);
    if (!def) continue;
    const tier: ModuleTier = def.isCore ? 'core' : def.isInternal ? 'internal' : 'optional';
    for (const item of def.menuItems[input.frontend] ?? []) {
      if (input.hasPage && !input.hasPage(`${patternBase(input.frontend)}${item.path}`)) continue;
      if (input.permissions && item.permission && !input.permissions.has(item.permission)) continue;
      const key = menuItemKey(code, item.id);
      const override = input.overrides?.get(key);
      if (override?.hidden && !input.includeHidden) continue;
      items.push({
        id: item.id,
        key,
        module: code,
        tier,
        label: input.t(item.label, { defaultValue: item.label }),
        path: `${base}${item.path}`,
        icon: item.icon,
        hidden: override?.hidden ?? false,
        permission: item.permission,
        // A platform's position wins over the module's order; internal tools stay last.
        rank: [tier === 'internal' ? 1 : 0, override?.position ?? (item.order ?? DEFAULT_MENU_ORDER) + POSITION_OFFSET],
      });
    }
  }
  // Array.prototype.sort is stable: equal ranks keep the registry's dependency order.
  items.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  const current = input.currentPath ?? input.path;
  const active = items
    .filter((i) => current === i.path || current.startsWith(`${i.path}/`))
    .reduce<string | undefined>((best, i) => (!best || i.path.length > best.length ? i.path : best), undefined);
  return items.map(({ rank: _rank, ...i }) => ({ ...i, active: i.path === active }));
}

/** Items a platform placed come before those it never touched (which keep the modules' order after them). */
const POSITION_OFFSET = 100_000;

/** `?notice=<key>`: the one-off message after a form's redirect. */
function noticeOf(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  const value = new URLSearchParams(url.slice(q + 1)).get('notice');
  return value && /^[a-z0-9_]{1,64}$/.test(value) ? value : undefined;
}

/** The route's frontend (set by the route loader), else the first path segment, else `platform`. */
export function frontendOf(request: FastifyRequest): Frontend {
  const configured = request.routeOptions.config.frontend;
  if ((FRONTENDS as readonly (string | undefined)[]).includes(configured)) return configured as Frontend;
  const first = request.url.split('?')[0]?.split('/')[1];
  return (FRONTENDS as readonly (string | undefined)[]).includes(first) ? (first as Frontend) : 'platform';
}

/** The route pattern a frontend's menu paths hang below. */
function patternBase(frontend: Frontend): string {
  if (frontend === 'storefront') return '';
  return frontend === 'vendor' ? '/vendor/:vendor_code' : `/${frontend}`;
}

/** Vendor pages live below `/vendor/<vendor_code>`; the menu links stay inside the vendor. */
function frontendBasePath(frontend: Frontend, params: unknown): string {
  // Storefront pages live at the root of the shop's host.
  if (frontend === 'storefront') return '';
  if (frontend !== 'vendor' || !params || typeof params !== 'object') return `/${frontend}`;
  const p = params as Record<string, unknown>;
  const vendor = p.vendor_code ?? p.vendorCode;
  return typeof vendor === 'string' && vendor ? `/vendor/${encodeURIComponent(vendor)}` : '/vendor';
}

/**
 * The request's language: `?lang=`, then the `lang` cookie (set by the
 * language switcher, at sign-in and when a user saves their profile), then
 * on a shop's host the shop's default language, then Accept-Language, then `en`.
 */
export function resolveLanguage(request: Pick<FastifyRequest, 'url' | 'headers'> & { readonly vendor?: VendorInfo | undefined }): Language {
  const fromQuery = queryLanguage(request.url);
  if (fromQuery) return fromQuery;
  const fromCookie = readCookie(request.headers.cookie, LANGUAGE_COOKIE);
  if (isLanguage(fromCookie)) return fromCookie;
  // A shop speaks its own language to a first-time visitor; the switcher offers the others.
  const shop = request.vendor?.defaultLanguage;
  if (isLanguage(shop)) return shop;
  const accept = request.headers['accept-language'];
  return negotiateLanguage(Array.isArray(accept) ? accept.join(',') : accept) ?? DEFAULT_LANGUAGE;
}

function queryLanguage(url: string): Language | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  const value = new URLSearchParams(url.slice(q + 1)).get(LANGUAGE_PARAM);
  return isLanguage(value) ? value : undefined;
}

/**
 * Makes `language` the page language on this device from now on (the
 * `lang` cookie): after signing in with an account's language, or saving
 * it on the profile. Anything but en, de, fr or lu is ignored.
 */
export function rememberLanguage(request: FastifyRequest, reply: FastifyReply, language: string): void {
  if (!isLanguage(language)) return;
  const secure = request.protocol === 'https' ? '; Secure' : '';
  appendHeader(reply, 'set-cookie', `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${LANGUAGE_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly${secure}`);
}

/** Reads one cookie; enough for the language choice without a cookie plugin. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** The current URL with `lang` set to `language`: the language switcher's links. */
function withLanguage(url: string, language: Language): string {
  const q = url.indexOf('?');
  const params = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  params.set(LANGUAGE_PARAM, language);
  return `${q === -1 ? url : url.slice(0, q)}?${params.toString()}`;
}

/** Adds a header value without dropping one another hook has set. */
function appendHeader(reply: FastifyReply, name: string, value: string): void {
  const current = reply.getHeader(name);
  if (current === undefined) {
    reply.header(name, value);
  } else if (name === 'set-cookie') {
    reply.header(name, [...(Array.isArray(current) ? current : [String(current)]), value]);
  } else if (!String(current).split(',').map((s) => s.trim().toLowerCase()).includes(value.toLowerCase())) {
    reply.header(name, `${String(current)}, ${value}`);
  }
}
