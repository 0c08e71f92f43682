import type { Kysely } from 'kysely';
import type { ObjectStorage } from './storage/object-storage.ts';
import type { FrameworkTables } from './database/tables.ts';
import { describe, findSource, importFresh } from '../modules/discovery.ts';
import { ModuleLoadError, type ModuleProblem } from '../modules/module-problems.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import type { ModuleService } from '../modules/service.ts';

/** The demo platform: what `npm start` shows on a new embedded database. */
export const DEMO_PLATFORM = Object.freeze({ code: 'wizamart', name: 'Wizamart Luxembourg' });

/** The audit log's actor for everything the demo data does. */
export const DEMO_ACTOR = 'demo';

/** One thing the demo data created. */
export interface DemoRecord {
  /** What it is: `platform`, `module` (enabled on a platform), and whatever modules add (`vendor`, `user`...). */
  readonly kind: string;
  /** Its natural key: a code, an e-mail address. */
  readonly key: string;
  /** The platform it belongs to, when it belongs to one. */
  readonly platform?: string;
  /** Who created it: `framework`, or the code of the module whose `demo.ts` did. */
  readonly source: string;
}

/** Demo sign-ins, printed by `wizamart demo` and the first `npm start`. Demo only: the passwords are public. */
export interface DemoCredentials {
  admin?: { email: string; password: string };
  vendors: Array<{ code: string; name: string; owner: { email: string; password: string } }>;
  /** Storefront customers, by the shop (vendor code) they belong to. */
  customers?: Array<{ vendor: string; email: string; password: string }>;
}

/** What a module's demo loader receives. */
export interface DemoContext {
  readonly db: Kysely<FrameworkTables>;
  readonly registry: ModuleRegistry;
  readonly modules: ModuleService;
  /** Where demo images (logos, product photos) are stored. */
  readonly storage: ObjectStorage;
  /** The demo platform's code. */
  readonly platform: string;
  readonly actor: string;
  /** Where a loader reports the sign-ins it created (or found), every run. */
  readonly credentials: DemoCredentials;
}

/**
 * A module's contribution to the demo data, exported as `demo` from its
 * `demo.ts`. It must be idempotent (create only what is missing, e.g. with
 * `onConflict(...).doNothing()`) and return what it created this time.
 * Loaders run in dependency order, so tenancy's vendors exist before a
 * catalog's products need them.
 */
export type DemoLoader = (ctx: DemoContext) => Promise<ReadonlyArray<Omit<DemoRecord, 'source'>>>;

/**
 * Declares a module's demo data.
 *
 * @example
 * // src/modules/tenancy/demo.ts
 * export const demo = defineDemoData(async ({ db, platform }) => {
 *   const row = await db.withTables<TenancyTables>().insertInto('vendors')
 *     .values({ code: 'luxe-boutique', platform })
 *     .onConflict((oc) => oc.column('code').doNothing())
 *     .returning('code').executeTakeFirst();
 *   return row ? [{ kind: 'vendor', key: row.code, platform }] : [];
 * });
 */
export function defineDemoData(loader: DemoLoader): DemoLoader {
  return loader;
}

export interface DemoDataResult {
  readonly platform: string;
  /** Everything created by this run; empty when the demo data was already there. */
  readonly created: readonly DemoRecord[];
  readonly credentials: DemoCredentials;
}

export interface LoadDemoDataOptions {
  readonly db: Kysely<FrameworkTables>;
  readonly registry: ModuleRegistry;
  readonly modules: ModuleService;
  readonly storage: ObjectStorage;
}

/**
 * Loads the demo data, idempotently: the `wizamart` platform ("Wizamart
 * Luxembourg") with every optional and internal module enabled, then each
 * module's `demo.ts`. Running it again creates only what is missing.
 *
 * The modules are enabled when the platform is created, not on every run:
 * a module an operator later disabled on the demo platform stays disabled.
 *
 * @example
 * const { created } = await loadDemoData({ db, registry, modules, storage });
 */
export async function loadDemoData(options: LoadDemoDataOptions): Promise<DemoDataResult> {
  const { db, registry, modules, storage } = options;
  const platform = DEMO_PLATFORM.code;
  const created: DemoRecord[] = [];
  const inserted = await db
    .insertInto('platforms')
    .values({ ...DEMO_PLATFORM })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    created.push({ kind: 'platform', key: platform, source: 'framework' });
    for (const code of [...registry.OPTIONAL_MODULES.keys(), ...registry.INTERNAL_MODULES.keys()]) {
      const result = await modules.enableModule(platform, code, { actor: DEMO_ACTOR });
      for (const changed of result.changed) created.push({ kind: 'module', key: changed, platform, source: 'framework' });
    }
  }
  const credentials: DemoCredentials = { vendors: [] };
  const ctx: DemoContext = { db, registry, modules, storage, platform, actor: DEMO_ACTOR, credentials };
  for (const [code, loader] of await loadDemoLoaders(registry)) {
    for (const record of await loader(ctx)) created.push({ ...record, source: code });
  }
  return { platform, created, credentials };
}

/**
 * Each module's `demo` export, in dependency order, except that the module
 * providing the tenants (tenancy) goes first: every other module's demo
 * data hangs on the demo shops it creates, whether or not that module
 * requires it. A `demo.ts` without the export is reported like any broken
 * module file.
 */
async function loadDemoLoaders(registry: ModuleRegistry): Promise<Array<[string, DemoLoader]>> {
  const loaders: Array<[string, DemoLoader]> = [];
  const problems: ModuleProblem[] = [];
  for (const [code, manifest] of registry.manifests) {
    const file = findSource(manifest.dir, 'demo');
    if (!file) continue;
    let mod: { demo?: unknown };
    try {
      mod = (await importFresh(file)) as { demo?: unknown };
    } catch (error) {
      problems.push({ module: code, file, reason: describe(error) });
      continue;
    }
    if (typeof mod.demo !== 'function') {
      problems.push({ module: code, file, reason: 'does not export `demo` (export const demo = defineDemoData(async (ctx) => [...]))' });
      continue;
    }
    loaders.push([code, mod.demo as DemoLoader]);
  }
  if (problems.length > 0) throw new ModuleLoadError(problems);
  const providesTenants = (code: string) => (registry.getModule(code)?.provides?.tenants ? 0 : 1);
  // Array.prototype.sort is stable: the others keep their dependency order.
  return loaders.sort(([a], [b]) => providesTenants(a) - providesTenants(b));
}

/** One line per kind for people: "platform wizamart; 12 module(s): analytics, billing, ...", then the sign-ins. */
export function summarizeDemoData(result: DemoDataResult, baseUrl = 'http://localhost:3000'): string {
  const lines: string[] = [];
  if (result.created.length === 0) lines.push(`Demo data already loaded on platform "${result.platform}"; nothing to create.`);
  else {
    const byKind = new Map<string, string[]>();
    for (const r of result.created) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.key]);
    lines.push(`Loaded demo data on platform "${result.platform}" (${DEMO_PLATFORM.name}):`);
    for (const [kind, keys] of byKind) lines.push(`  ${keys.length} ${kind}(s): ${keys.join(', ')}`);
  }
  const { admin, vendors } = result.credentials;
  if (admin || vendors.length > 0) {
    lines.push('Demo sign-ins (demo only: these passwords are public):');
    if (admin) lines.push(`  admin back office  ${baseUrl}/admin/login  ${admin.email} / ${admin.password}`);
    for (const v of vendors) lines.push(`  ${v.name.padEnd(18)} ${baseUrl}/vendor/login  ${v.owner.email} / ${v.owner.password}`);
    for (const c of result.credentials.customers ?? []) {
      const shop = vendors.find((v) => v.code === c.vendor)?.name ?? c.vendor;
      lines.push(`  ${`${shop} shop`.padEnd(18)} ${baseUrl}/_vendor/${c.vendor}/account/login  ${c.email} / ${c.password}`);
    }
  }
  return lines.join('\n');
}

/** The `wizamart demo --json` shape: the sign-ins first, then what was created. */
export function demoJson(result: DemoDataResult): Record<string, unknown> {
  const { admin, vendors } = result.credentials;
  return {
    admin: admin ?? null,
    vendors: vendors.map((v) => ({ code: v.code, owner: v.owner })),
    customers: result.credentials.customers ?? [],
    platform: result.platform,
    created: result.created,
  };
}
