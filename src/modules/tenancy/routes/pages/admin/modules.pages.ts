import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouterInstance } from '../../../../routes.ts';
import { MODULE_CODE_PATTERN, parseRequirement, type Frontend, type ModuleTier } from '../../../../base.ts';
import type { PlanStep } from '../../../../service.ts';
import { LANGUAGE_INFO } from '../../../../locales.ts';
import { buildMenu } from '../../../../views.ts';
import { formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { actorOf } from '../../../../../core/auth/principal.ts';
import type { PlatformInfo } from '../../../../../core/tenants.ts';
import { AppError } from '../../../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../../../exceptions/framework-errors.ts';
import { requirePlatformAccess } from '../../../../../middleware/auth.ts';

/**
 * Per platform, the module management pages of the admin back office:
 * the modules by tier with a cascade preview before every change, the
 * audit log of those changes, and the menu editor (hide and reorder the
 * items the enabled modules put in the admin and vendor sidebars).
 *
 * The platform is the one in the path, not the request's: an admin manages
 * every platform they administer from one host. The framework's guards
 * (sign-in, CSRF, permission) run first; `requirePlatformAccess('code')`
 * then refuses a platform the admin does not administer.
 */
const VIEW = { permission: 'tenancy.modules.view' };
const MANAGE = { permission: 'tenancy.modules.manage' };
const platformGuard = requirePlatformAccess('code');

const AUDIT_PAGE_SIZE = 20;
const TIERS: readonly ModuleTier[] = ['core', 'optional', 'internal'];
/** The menus a platform admin edits: the two back offices. */
export const EDITABLE_MENUS = ['admin', 'vendor'] as const satisfies readonly Frontend[];
export type EditableMenu = (typeof EDITABLE_MENUS)[number];

const PlatformCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const PlatformParams = Type.Object({ code: PlatformCode });
const ChangeParams = Type.Object({
  code: PlatformCode,
  module: Type.String({ pattern: MODULE_CODE_PATTERN, maxLength: 64 }),
  action: Type.Union([Type.Literal('enable'), Type.Literal('disable')]),
});
/** The confirm form carries the plan the admin saw, so a plan that changed meanwhile is shown again, not applied. */
const ChangeBody = Type.Object({ plan: Type.Optional(Type.String({ maxLength: 2000 })) });
const AuditQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const MenuKey = Type.String({ pattern: '^[a-z0-9-]+/[A-Za-z0-9_.-]+$', maxLength: 200 });
/** Keys arrive in the order the rows were on screen; `move` is a row's up/down button (`up:<key>`). */
const MenuBody = Type.Object({
  frontend: Type.Union(EDITABLE_MENUS.map((f) => Type.Literal(f))),
  action: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('reset')])),
  key: Type.Optional(Type.Array(MenuKey, { maxItems: 500 })),
  hidden: Type.Optional(Type.Array(MenuKey, { maxItems: 500 })),
  move: Type.Optional(Type.String({ pattern: '^(up|down):[a-z0-9-]+/[A-Za-z0-9_.-]+$', maxLength: 210 })),
});

export async function modulePages(r: RouterInstance): Promise<void> {
  // The sidebar's "Modules" entry: the modules of the platform the admin is on.
  r.get('/modules', { config: VIEW }, async (request, reply) =>
    reply.redirect(`${request.urlPrefix}${platformPath(request.platform.code)}/modules`),
  );

  r.get('/platforms/:code/modules', { config: VIEW, schema: { params: PlatformParams }, preHandler: platformGuard }, async (request, reply) => {
    const platform = await platformNamed(request, request.params.code);
    const states = await request.server.wizamart.modules.getPlatformModules(platform.code);
    const names = moduleNames(request, states);
    const { registry } = request.server.wizamart;
    const tiers = TIERS.map((tier) => ({
      tier,
      modules: states
        .filter((m) => m.tier === tier)
        .map((m) => ({
          code: m.code,
          name: names.get(m.code) ?? m.name,
          description: request.t(`${m.code}:description`, { defaultValue: m.description }),
          version: m.version,
          enabled: m.enabled,
          requires: m.requires.map((req) => named(names, parseRequirement(req).code)),
          dependents: registry.directDependentsOf(m.code).map((code) => named(names, code)),
        })),
    })).filter((group) => group.modules.length > 0);
    return reply.view('tenancy/admin/modules/list.njk', {
      target: platform,
      tiers,
      enabledCount: states.filter((m) => m.enabled).length,
      breadcrumbs: crumbs(request, platform, request.t('tenancy:modules.title')),
    });
  });

  r.get('/platforms/:code/modules/audit', { config: VIEW, schema: { params: PlatformParams, querystring: AuditQuery }, preHandler: platformGuard }, async (request, reply) => {
    const platform = await platformNamed(request, request.params.code);
    const page = request.query.page ?? 1;
    const { modules } = request.server.wizamart;
    const [log, states] = await Promise.all([
      modules.getAuditLog(platform.code, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }),
      modules.getPlatformModules(platform.code),
    ]);
    const names = moduleNames(request, states);
    const when = new Intl.DateTimeFormat(LANGUAGE_INFO[request.language].tag, { dateStyle: 'medium', timeStyle: 'short' });
    return reply.view('tenancy/admin/modules/audit.njk', {
      target: platform,
      entries: log.entries.map((e) => ({
        id: e.id,
        at: e.createdAt.toISOString(),
        when: when.format(e.createdAt),
        actor: actorParts(e.actor),
        action: e.action,
        module: named(names, e.module),
        changed: e.changed.map((code) => named(names, code)),
      })),
      pagination: pagination(page, log.total, log.entries.length),
      breadcrumbs: crumbs(request, platform, request.t('tenancy:modules.audit.title')),
    });
  });

  r.get('/platforms/:code/modules/:module/:action', { config: MANAGE, schema: { params: ChangeParams }, preHandler: platformGuard }, async (request, reply) => {
    const { module, action } = request.params;
    const platform = await platformNamed(request, request.params.code);
    requireInstalled(request, module);
    let outcome: { plan: readonly PlanStep[]; error?: string };
    try {
      outcome = { plan: (await changeModule(request, platform.code, module, action, true)).plan };
    } catch (error) {
      // A refused change (a core module) is explained on the page, with the status the API would answer.
      const refused = refusal(request, error);
      outcome = { plan: [], error: refused.message };
      reply.status(refused.status);
    }
    return reply.view('tenancy/admin/modules/preview.njk', previewContext(request, platform, module, action, outcome));
  });

  r.post('/platforms/:code/modules/:module/:action', { config: MANAGE, schema: { params: ChangeParams, body: ChangeBody }, preHandler: platformGuard }, async (request, reply) => {
    const { module, action } = request.params;
    const platform = await platformNamed(request, request.params.code);
    requireInstalled(request, module);
    try {
      const seen = request.body.plan;
      if (seen !== undefined) {
        const current = await changeModule(request, platform.code, module, action, true);
        if (planSignature(current.plan) !== seen) {
          // Someone changed the platform's modules since the preview: show the new plan instead of applying it.
          reply.status(409);
          return await reply.view('tenancy/admin/modules/preview.njk', previewContext(request, platform, module, action, { plan: current.plan, planChanged: true }));
        }
      }
      await changeModule(request, platform.code, module, action, false);
    } catch (error) {
      const refused = refusal(request, error);
      reply.status(refused.status);
      return reply.view('tenancy/admin/modules/preview.njk', previewContext(request, platform, module, action, { plan: [], error: refused.message }));
    }
    return redirectWithNotice(request, reply, `${platformPath(platform.code)}/modules`, 'saved');
  });

  r.get('/platforms/:code/menus', { config: VIEW, schema: { params: PlatformParams }, preHandler: platformGuard }, async (request, reply) => {
    const platform = await platformNamed(request, request.params.code);
    const menus = await Promise.all(EDITABLE_MENUS.map(async (frontend) => ({ frontend, groups: editorGroups(await editorItems(request, platform.code, frontend)) })));
    return reply.view('tenancy/admin/menus/edit.njk', {
      target: platform,
      menus,
      breadcrumbs: crumbs(request, platform, request.t('tenancy:menus.title')),
    });
  });

  r.post('/platforms/:code/menus', { config: MANAGE, schema: { params: PlatformParams, body: MenuBody }, preHandler: platformGuard }, async (request, reply) => {
    const platform = await platformNamed(request, request.params.code);
    const { frontend, action = 'save' } = request.body;
    const { menus } = request.server.wizamart;
    const actor = actorOf(request.principal);
    if (action === 'reset') {
      await menus.reset(platform.code, frontend, actor);
    } else {
      const current = await editorItems(request, platform.code, frontend);
      const ordered = menuOrderFromForm(current, request.body.key ?? [], request.body.hidden ?? [], request.body.move);
      // Overrides of items whose module is disabled now are kept, so enabling it again brings back the platform's choice.
      const listed = new Set(current.map((i) => i.key));
      const kept = [...(await menus.get(platform.code, frontend))]
        .filter(([key]) => !listed.has(key))
        .sort(([, a], [, b]) => (a.position ?? 0) - (b.position ?? 0))
        .map(([key, o]) => ({ key, hidden: o.hidden }));
      await menus.save(platform.code, frontend, [...ordered, ...kept], actor);
    }
    // Back to the menu just edited: after a move the admin keeps their place on the page.
    return reply.redirect(`${request.urlPrefix}${platformPath(platform.code)}/menus?notice=saved#menu-${frontend}`, 303);
  });
}

/** One row of the menu editor: an item an enabled module contributes to the menu. */
export interface EditorItem {
  readonly key: string;
  readonly label: string;
  readonly icon: string | undefined;
  readonly module: string;
  readonly moduleName: string;
  readonly hidden: boolean;
  /** Internal tools always come after the other items; moves stay inside each group. */
  readonly internal: boolean;
  /** False while the item's page is not built: the sidebar leaves it out until it is. */
  readonly hasPage: boolean;
}

/**
 * The new menu from a submitted editor form: the items in the order their
 * keys were posted (unknown keys are ignored; items the form did not list,
 * e.g. of a module enabled meanwhile, follow in their current order), the
 * hidden flags from the ticked boxes, then the row's up/down move applied
 * within its group. Pure, so the order rules are tested without HTTP.
 *
 * @example
 * menuOrderFromForm(items, ['core/dashboard', 'core/settings'], ['core/settings'], 'up:core/settings');
 */
export function menuOrderFromForm(
  current: readonly Pick<EditorItem, 'key' | 'internal'>[],
  postedKeys: readonly string[],
  hiddenKeys: readonly string[],
  move?: string,
): Array<{ key: string; hidden: boolean }> {
  const byKey = new Map(current.map((i) => [i.key, i] as const));
  const order = [...new Set(postedKeys.filter((k) => byKey.has(k)))];
  for (const item of current) if (!order.includes(item.key)) order.push(item.key);
  const moveMatch = move ? /^(up|down):(.+)$/.exec(move) : null;
  if (moveMatch) {
    const from = order.indexOf(moveMatch[2]!);
    const to = from + (moveMatch[1] === 'up' ? -1 : 1);
    const neighbour = order[to];
    if (from !== -1 && neighbour !== undefined && byKey.get(neighbour)!.internal === byKey.get(order[from]!)!.internal) {
      [order[from], order[to]] = [neighbour, order[from]!];
    }
  }
  const hidden = new Set(hiddenKeys);
  return order.map((key) => ({ key, hidden: hidden.has(key) }));
}

/** The editor's rows: every item of the enabled modules, hidden ones included, in the sidebar's order. */
async function editorItems(request: FastifyRequest, platform: string, frontend: EditableMenu): Promise<EditorItem[]> {
  const ctx = request.server.wizamart;
  const base = frontend === 'vendor' ? '/vendor/:vendor_code' : `/${frontend}`;
  const entries = await buildMenu(ctx, {
    platform,
    frontend,
    path: '',
    t: request.t,
    // Paths as route patterns, so each item can be matched to its page route.
    basePath: base,
    overrides: await ctx.menus.get(platform, frontend),
    includeHidden: true,
  });
  return entries.map((e) => ({
    key: e.key,
    label: e.label,
    icon: e.icon,
    module: e.module,
    moduleName: request.t(`${e.module}:name`, { defaultValue: ctx.registry.getModule(e.module)?.name ?? e.module }),
    hidden: e.hidden,
    internal: e.tier === 'internal',
    hasPage: request.server.hasRoute({ method: 'GET', url: e.path }),
  }));
}

/**
 * The rows as the sidebar groups them (the internal tools after the rest),
 * each with its position and whether its up and down buttons can move it
 * (not past the edge of its group).
 */
function editorGroups(items: readonly EditorItem[]) {
  const rows = items.map((item, i) => ({
    ...item,
    position: i + 1,
    canMoveUp: i > 0 && items[i - 1]!.internal === item.internal,
    canMoveDown: i < items.length - 1 && items[i + 1]!.internal === item.internal,
  }));
  return [false, true]
    .map((internal) => ({ internal, items: rows.filter((row) => row.internal === internal) }))
    .filter((group) => group.items.length > 0);
}

async function changeModule(request: FastifyRequest, platform: string, module: string, action: 'enable' | 'disable', dryRun: boolean) {
  const { modules } = request.server.wizamart;
  const options = { actor: actorOf(request.principal), dryRun };
  return action === 'enable' ? modules.enableModule(platform, module, options) : modules.disableModule(platform, module, options);
}

/**
 * A refused change in the user's language (4xx AppErrors; anything else is
 * rethrown by `formError`). The module errors are framework errors, looked
 * up with an array of keys because `formError`'s own lookup (an empty
 * default value) answers a key missing from `tenancy:errors` with the key
 * itself instead of falling back to `common:errors`.
 */
function refusal(request: FastifyRequest, error: unknown): { message: string; status: number } {
  formError(request, error);
  const { code, params, message, status } = error as AppError;
  return { message: request.t([`tenancy:errors.${code}`, `common:errors.${code}`], { ...params, defaultValue: message }), status };
}

/** `admin:3 <anne@example.lu>` (what `actorOf` records) as an e-mail and an id; other actors (`cli`, `system`) as they are. */
function actorParts(actor: string): { name: string; id: string | undefined } {
  const match = /^(\S+) <(.+)>$/.exec(actor);
  return match ? { name: match[2]!, id: match[1] } : { name: actor, id: undefined };
}

function planSignature(plan: readonly PlanStep[]): string {
  return plan.map((s) => `${s.module}:${s.to ? 'on' : 'off'}`).join(',');
}

function previewContext(
  request: FastifyRequest,
  platform: PlatformInfo,
  module: string,
  action: 'enable' | 'disable',
  outcome: { plan: readonly PlanStep[]; error?: string; planChanged?: boolean },
): Record<string, unknown> {
  const names = moduleNames(request, []);
  const name = named(names, module).name;
  const title = request.t(`tenancy:modules.preview.title_${action}`, { module: name });
  return {
    target: platform,
    action,
    subject: { code: module, name },
    title,
    plan: outcome.plan.map((step) => ({ ...named(names, step.module), from: step.from, to: step.to, reason: reasonText(request, names, step.reason) })),
    signature: planSignature(outcome.plan),
    alsoChanging: outcome.plan.filter((s) => s.reason !== 'requested').length,
    error: outcome.error,
    planChanged: outcome.planChanged ?? false,
    breadcrumbs: [
      ...crumbs(request, platform, request.t('tenancy:modules.title'), `${platformPath(platform.code)}/modules`),
      { label: title },
    ],
  };
}

/** The service explains each step in English (`requested`, `requires <code>`, `required by <code>`); shown translated. */
function reasonText(request: FastifyRequest, names: ReadonlyMap<string, string>, reason: string): string {
  if (reason === 'requested') return request.t('tenancy:modules.reasons.requested');
  const match = /^(requires|required by) (\S+)$/.exec(reason);
  if (!match) return reason;
  const key = match[1] === 'requires' ? 'requires' : 'required_by';
  return request.t(`tenancy:modules.reasons.${key}`, { module: named(names, match[2]!).name });
}

/** Module names in the request's language (each module's `<code>:name`), by code. */
function moduleNames(request: FastifyRequest, states: ReadonlyArray<{ code: string; name: string }>): Map<string, string> {
  const fallback = new Map(states.map((s) => [s.code, s.name] as const));
  const names = new Map<string, string>();
  for (const def of request.server.wizamart.registry.MODULES.values()) {
    names.set(def.code, request.t(`${def.code}:name`, { defaultValue: fallback.get(def.code) ?? def.name }));
  }
  return names;
}

function named(names: ReadonlyMap<string, string>, code: string): { code: string; name: string } {
  return { code, name: names.get(code) ?? code };
}

function requireInstalled(request: FastifyRequest, module: string): void {
  if (!request.server.wizamart.registry.has(module)) throw new AppError(FRAMEWORK_ERRORS.MODULE_NOT_FOUND, { module });
}

/** The platform named in the path, or a 404. */
async function platformNamed(request: FastifyRequest, code: string): Promise<PlatformInfo> {
  const { tenants, database } = request.server.wizamart;
  const platform = await tenants?.platformByCode({ db: database.db, code });
  if (!platform) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: code });
  return platform;
}

function platformPath(code: string): string {
  return `/admin/platforms/${encodeURIComponent(code)}`;
}

/** Breadcrumbs: Platforms › <platform> › <page>, links inside the development prefix. */
function crumbs(request: FastifyRequest, platform: PlatformInfo, page: string, pagePath?: string): Array<{ label: string; path?: string }> {
  const url = (path: string) => `${request.urlPrefix}${path}`;
  // The platforms list is another part of the back office: linked once it exists.
  const platforms = request.server.hasRoute({ method: 'GET', url: '/admin/platforms' }) ? { path: url('/admin/platforms') } : {};
  return [
    { label: request.t('tenancy:menu.platforms'), ...platforms },
    { label: platform.name || platform.code },
    pagePath ? { label: page, path: url(pagePath) } : { label: page },
  ];
}

function pagination(page: number, total: number, shown: number) {
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const from = shown > 0 ? (page - 1) * AUDIT_PAGE_SIZE + 1 : 0;
  return { page, pages, total, from, to: from > 0 ? from + shown - 1 : 0, previous: page > 1 ? page - 1 : undefined, next: page < pages ? page + 1 : undefined };
}
