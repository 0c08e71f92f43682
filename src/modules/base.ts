import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../core/database/tables.ts';
import type { IdentityProvider } from '../core/auth/identity-provider.ts';
import type { Audience } from '../core/auth/principal.ts';
import type { TenantResolver } from '../core/tenants.ts';
import type { DashboardWidget } from './widgets.ts';
import type { ViewContextContributor } from './view-context.ts';

/**
 * The module contract: what a module declares about itself in its
 * `definition.ts`. The fields follow the specification's ModuleDefinition
 * table, spelled in camelCase (`is_core` → `isCore`, `menu_items` → `menuItems`).
 */

/** The four frontends a module can contribute routes and menus to. */
export const FRONTENDS = ['admin', 'vendor', 'storefront', 'platform'] as const;
export type Frontend = (typeof FRONTENDS)[number];

export type ModuleTier = 'core' | 'optional' | 'internal';

/** Lower-case letters, digits and hyphens, starting with a letter. */
export const MODULE_CODE_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

const MenuItemSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    /** Translation key (`<module>:menu.<id>`) or literal label. */
    label: Type.String({ minLength: 1 }),
    /** Path below the frontend's root, e.g. `/analytics`. */
    path: Type.String({ pattern: '^/' }),
    icon: Type.Optional(Type.String()),
    /** Permission the user needs to see the item. */
    permission: Type.Optional(Type.String()),
    order: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

const PermissionSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9-]*\\.[a-z0-9_.-]+$' }),
    description: Type.String(),
    /** Who can hold it: admins only, vendor staff only, or both (default). */
    scope: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('vendor'), Type.Literal('any')])),
  },
  { additionalProperties: false },
);

const EventSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9-]*\\.[a-z0-9_.-]+$' }),
    description: Type.String(),
  },
  { additionalProperties: false },
);

/** A `requires` entry: a module code, optionally pinned to a semver range (`payments@^1.2`). */
const RequirementSchema = Type.String({ pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*(@.+)?$' });

export const ModuleDefinitionSchema = Type.Object(
  {
    code: Type.String({ pattern: MODULE_CODE_PATTERN }),
    name: Type.String({ minLength: 1 }),
    description: Type.String({ default: '' }),
    version: Type.String({ default: '1.0.0', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' }),
    requires: Type.Array(RequirementSchema, { default: [] }),
    features: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    menuItems: Type.Object(
      {
        admin: Type.Optional(Type.Array(MenuItemSchema)),
        vendor: Type.Optional(Type.Array(MenuItemSchema)),
        storefront: Type.Optional(Type.Array(MenuItemSchema)),
        platform: Type.Optional(Type.Array(MenuItemSchema)),
      },
      { default: {}, additionalProperties: false },
    ),
    isCore: Type.Boolean({ default: false }),
    isInternal: Type.Boolean({ default: false }),
    isSelfContained: Type.Boolean({ default: true }),
    /** Paths relative to the module folder; checked against the folders at start-up. */
    servicesPath: Type.Optional(Type.String()),
    modelsPath: Type.Optional(Type.String()),
    schemasPath: Type.Optional(Type.String()),
    exceptionsPath: Type.Optional(Type.String()),
    templatesPath: Type.Optional(Type.String()),
    localesPath: Type.Optional(Type.String()),
    permissions: Type.Array(PermissionSchema, { default: [] }),
    events: Type.Array(EventSchema, { default: [] }),
  },
  { additionalProperties: false },
);

export type MenuItem = Static<typeof MenuItemSchema>;
export type PermissionDeclaration = Static<typeof PermissionSchema>;
export type EventDeclaration = Static<typeof EventSchema>;

/** Result of a module health check; `ok: false` makes `/health/ready` answer 503. */
export interface HealthResult {
  ok: boolean;
  detail?: string;
}

/** What a module's health check receives: the framework's services, nothing global. */
export interface HealthContext {
  readonly db: Kysely<FrameworkTables>;
}

type DeclaredFields = Static<typeof ModuleDefinitionSchema>;

/**
 * Framework extension points a module implements. The framework layer
 * never imports a module; it finds these on the definitions instead.
 * Only one module may provide each (checked at start-up).
 */
export interface ModuleProvides {
  /** Who the users of an audience are (tenancy: admin and vendor; customers: customer). */
  readonly identities?: Partial<Record<Audience, IdentityProvider>>;
  /** Which platform and vendor a host or code names (tenancy). */
  readonly tenants?: TenantResolver;
}

/** Cards a module puts on the back-office dashboards (only where it is enabled). */
export type ModuleWidgets = Partial<Record<'admin' | 'vendor', readonly DashboardWidget[]>>;

/** Data a module adds to every page of a frontend, as `site.<module code>` in templates. */
export type ModuleViewContext = Partial<Record<Frontend, ViewContextContributor>>;

/** The parts of a definition that hold code rather than data: checked for shape, not validated as JSON. */
interface BehaviourFields {
  /** Optional health check, reported by `/health/ready`. */
  healthCheck?: (ctx: HealthContext) => Promise<HealthResult>;
  provides?: ModuleProvides;
  widgets?: ModuleWidgets;
  viewContext?: ModuleViewContext;
}

/** What an author writes: only `code` and `name` are required. */
export type ModuleDefinitionInput = Partial<Omit<DeclaredFields, 'code' | 'name'>> & Pick<DeclaredFields, 'code' | 'name'> & BehaviourFields;

/** A validated, frozen definition with every default filled in. */
export type ModuleDefinition = Readonly<DeclaredFields> & Readonly<BehaviourFields>;

/**
 * Declares a module. Validation happens here, at import, so a bad
 * definition is reported at start-up with the field at fault.
 *
 * @example
 * export const definition = defineModule({
 *   code: 'analytics',
 *   name: 'Analytics & Reporting',
 *   requires: [],
 *   menuItems: { vendor: [{ id: 'analytics', label: 'analytics:menu.analytics', path: '/analytics' }] },
 * });
 */
export function defineModule(input: ModuleDefinitionInput): ModuleDefinition {
  const { healthCheck, provides, widgets, viewContext, ...declared } = input;
  const shapeProblems = [
    ...(healthCheck !== undefined && typeof healthCheck !== 'function' ? ['healthCheck: expected a function'] : []),
    ...(provides !== undefined && (typeof provides !== 'object' || provides === null) ? ['provides: expected an object'] : []),
    ...widgetProblems(widgets),
    ...viewContextProblems(viewContext),
  ];
  if (shapeProblems.length > 0) throw new ModuleDefinitionError(shapeProblems);
  const value = Value.Default(ModuleDefinitionSchema, Value.Clone(declared)) as DeclaredFields;
  const problems = [...Value.Errors(ModuleDefinitionSchema, value)].map(
    (e) => `${e.instancePath.slice(1).replace(/\//g, '.') || '(definition)'}: ${e.message}`,
  );
  if (value.isCore && value.isInternal) problems.push('isCore and isInternal: a module cannot be both core and internal');
  if (problems.length > 0) throw new ModuleDefinitionError([...new Set(problems)]);
  // `provides` holds functions and service objects: frozen shallowly, not validated as data.
  deepFreeze(value);
  return Object.freeze({
    ...value,
    ...(healthCheck ? { healthCheck } : {}),
    ...(provides ? { provides: Object.freeze({ ...provides }) } : {}),
    ...(widgets ? { widgets: Object.freeze({ ...widgets }) } : {}),
    ...(viewContext ? { viewContext: Object.freeze({ ...viewContext }) } : {}),
  });
}

const WIDGET_ID = /^[a-z][a-z0-9-]*$/;

function widgetProblems(widgets: ModuleWidgets | undefined): string[] {
  if (widgets === undefined) return [];
  if (typeof widgets !== 'object' || widgets === null) return ['widgets: expected an object with `admin` and/or `vendor` lists'];
  const problems: string[] = [];
  for (const [frontend, list] of Object.entries(widgets)) {
    if (frontend !== 'admin' && frontend !== 'vendor') {
      problems.push(`widgets.${frontend}: dashboards exist for admin and vendor only`);
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push(`widgets.${frontend}: expected a list`);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((w: Partial<DashboardWidget>, i) => {
      const at = `widgets.${frontend}.${i}`;
      if (typeof w?.id !== 'string' || !WIDGET_ID.test(w.id)) problems.push(`${at}.id: expected lower-case letters, digits and hyphens`);
      else if (seen.has(w.id)) problems.push(`${at}.id: "${w.id}" is used twice`);
      else seen.add(w.id);
      if (typeof w?.title !== 'string' || w.title === '') problems.push(`${at}.title: expected a translation key`);
      if (typeof w?.load !== 'function') problems.push(`${at}.load: expected a function`);
      if (w?.size !== undefined && w.size !== 'small' && w.size !== 'wide') problems.push(`${at}.size: expected "small" or "wide"`);
    });
  }
  return problems;
}

function viewContextProblems(viewContext: ModuleViewContext | undefined): string[] {
  if (viewContext === undefined) return [];
  if (typeof viewContext !== 'object' || viewContext === null) return ['viewContext: expected an object of functions by frontend'];
  return Object.entries(viewContext).flatMap(([frontend, fn]) => [
    ...(FRONTENDS.includes(frontend as Frontend) ? [] : [`viewContext.${frontend}: not a frontend (${FRONTENDS.join(', ')})`]),
    ...(typeof fn === 'function' ? [] : [`viewContext.${frontend}: expected a function`]),
  ]);
}

export function moduleTier(definition: Pick<ModuleDefinition, 'isCore' | 'isInternal'>): ModuleTier {
  if (definition.isCore) return 'core';
  if (definition.isInternal) return 'internal';
  return 'optional';
}

/** Splits `payments@^1.2` into its code and range. */
export function parseRequirement(entry: string): { code: string; range: string | undefined } {
  const at = entry.indexOf('@');
  return at === -1 ? { code: entry, range: undefined } : { code: entry.slice(0, at), range: entry.slice(at + 1) };
}

export class ModuleDefinitionError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid module definition: ${problems.join('; ')}`);
    this.name = 'ModuleDefinitionError';
    this.problems = problems;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
