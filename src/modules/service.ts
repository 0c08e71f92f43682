import type { Kysely } from 'kysely';
import { AppError } from '../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../exceptions/framework-errors.ts';
import type { Notifier } from '../core/database/database.ts';
import type { FrameworkTables } from '../core/database/tables.ts';
import { moduleTier, type ModuleTier } from './base.ts';
import type { ModuleRegistry } from './registry.ts';

/** The channel on which module state changes are announced to every process. */
export const MODULE_STATE_CHANNEL = 'wizamart_module_state';

export interface PlanStep {
  readonly module: string;
  readonly from: boolean;
  readonly to: boolean;
  /** Why this module changes: `requested`, `required by <code>` or `requires <code>`. */
  readonly reason: string;
}

export interface ModuleChangeResult {
  readonly platform: string;
  readonly module: string;
  readonly action: 'enable' | 'disable';
  readonly dryRun: boolean;
  /** Codes whose state changed (or would change, in a dry run), in dependency order. */
  readonly changed: readonly string[];
  readonly plan: readonly PlanStep[];
}

export interface AuditEntry {
  readonly id: number;
  readonly module: string;
  readonly action: 'enable' | 'disable';
  readonly actor: string;
  readonly plan: readonly PlanStep[];
  readonly changed: readonly string[];
  readonly createdAt: Date;
}

export interface PlatformModuleState {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly tier: ModuleTier;
  readonly requires: readonly string[];
  readonly enabled: boolean;
}

export interface ChangeOptions {
  /** Who asked, for the audit log (a user id, `cli`, `admin-token`). */
  actor?: string;
  dryRun?: boolean;
}

/**
 * Which modules are enabled on which platform, persisted in
 * `platform_modules` and cached per process. `isModuleEnabled` runs on every
 * request, so it answers from memory; a change made by any process is
 * announced over LISTEN/NOTIFY and every process drops its cached copy.
 *
 * @example
 * await modules.enableModule('wizamart', 'billing', { actor: 'admin@example.com' });
 * // → { changed: ['payments', 'billing'], ... }
 */
export class ModuleService {
  readonly #db: Kysely<FrameworkTables>;
  readonly #registry: ModuleRegistry;
  readonly #notifier: Notifier;
  /** platform code → enabled non-core module codes; `undefined` entry = not loaded. */
  readonly #cache = new Map<string, ReadonlySet<string>>();
  readonly #loading = new Map<string, Promise<ReadonlySet<string>>>();
  /** Bumped on every invalidation, so a load that started before it is not cached. */
  #generation = 0;
  readonly #coreCodes: ReadonlySet<string>;
  #unlisten: (() => Promise<void>) | undefined;

  constructor(db: Kysely<FrameworkTables>, registry: ModuleRegistry, notifier: Notifier) {
    this.#db = db;
    this.#registry = registry;
    this.#notifier = notifier;
    this.#coreCodes = registry.getCoreModuleCodes();
  }

  /** Subscribes to state changes made by other processes. */
  async start(): Promise<void> {
    this.#unlisten = await this.#notifier.listen(MODULE_STATE_CHANNEL, (platform) => {
      this.invalidate(platform || undefined);
    });
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = undefined;
  }

  /** Drops the cached state of one platform, or of all. */
  invalidate(platform?: string): void {
    this.#generation += 1;
    if (platform) {
      this.#cache.delete(platform);
      this.#loading.delete(platform);
    } else {
      this.#cache.clear();
      this.#loading.clear();
    }
  }

  /**
   * The cached answer when there is one, without a promise; `undefined` when
   * the platform's state has not been loaded yet. Used by the request hook.
   */
  isModuleEnabledCached(platform: string, moduleCode: string): boolean | undefined {
    if (this.#coreCodes.has(moduleCode)) return true;
    const state = this.#cache.get(platform);
    return state ? state.has(moduleCode) : undefined;
  }

  async isModuleEnabled(platform: string, moduleCode: string): Promise<boolean> {
    if (this.#coreCodes.has(moduleCode)) return true;
    const cached = this.#cache.get(platform);
    if (cached) return cached.has(moduleCode);
    return (await this.#enabledSet(platform)).has(moduleCode);
  }

  /** Every installed module with its state on the platform, in dependency order. */
  async getPlatformModules(platform: string): Promise<PlatformModuleState[]> {
    const enabled = await this.#enabledSet(platform);
    return [...this.#registry.MODULES.values()].map((def) => ({
      code: def.code,
      name: def.name,
      description: def.description,
      version: def.version,
      tier: moduleTier(def),
      requires: def.requires,
      enabled: def.isCore || enabled.has(def.code),
    }));
  }

  /** Codes of the modules enabled on the platform, core ones included. */
  async getEnabledModuleCodes(platform: string): Promise<string[]> {
    const enabled = await this.#enabledSet(platform);
    return this.#registry.codes().filter((c) => this.#coreCodes.has(c) || enabled.has(c));
  }

  /** The platform's module changes, newest first. */
  async getAuditLog(platform: string, page: { limit: number; offset: number }): Promise<{ total: number; entries: AuditEntry[] }> {
    const row = await this.#db.selectFrom('platforms').select(['id']).where('code', '=', platform).executeTakeFirst();
    if (!row) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform });
    const [count, rows] = await Promise.all([
      this.#db
        .selectFrom('module_audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('platform_id', '=', row.id)
        .executeTakeFirstOrThrow(),
      this.#db
        .selectFrom('module_audit_log')
        .select(['id', 'module_code', 'action', 'actor', 'plan', 'result', 'created_at'])
        .where('platform_id', '=', row.id)
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    ]);
    return {
      total: Number(count.n),
      entries: rows.map((r) => ({
        id: r.id,
        module: r.module_code,
        action: r.action,
        actor: r.actor,
        plan: r.plan as PlanStep[],
        changed: ((r.result as { changed?: string[] }).changed ?? []),
        createdAt: r.created_at,
      })),
    };
  }

  /** Enables a module and, transitively, everything it requires. */
  async enableModule(platform: string, moduleCode: string, options: ChangeOptions = {}): Promise<ModuleChangeResult> {
    return this.#change(platform, moduleCode, 'enable', options);
  }

  /** Disables a module and, transitively, everything that requires it. Data is kept. */
  async disableModule(platform: string, moduleCode: string, options: ChangeOptions = {}): Promise<ModuleChangeResult> {
    return this.#change(platform, moduleCode, 'disable', options);
  }

  /** Computes what a change would do given the current state, without writing. */
  plan(moduleCode: string, action: 'enable' | 'disable', enabled: ReadonlySet<string>): PlanStep[] {
    const def = this.#registry.getModule(moduleCode);
    if (!def) throw new AppError(FRAMEWORK_ERRORS.MODULE_NOT_FOUND, { module: moduleCode });
    const isOn = (code: string) => this.#coreCodes.has(code) || enabled.has(code);
    if (action === 'enable') {
      const steps: PlanStep[] = [];
      for (const dep of this.#registry.dependenciesOf(moduleCode)) {
        if (isOn(dep)) continue;
        const by = this.#registry.codes().find(
          (c) => (c === moduleCode || this.#registry.dependenciesOf(moduleCode).includes(c)) && this.#registry.requiresOf(c).includes(dep),
        );
        steps.push({ module: dep, from: false, to: true, reason: `required by ${by ?? moduleCode}` });
      }
      if (!isOn(moduleCode)) steps.push({ module: moduleCode, from: false, to: true, reason: 'requested' });
      return this.#inOrder(steps);
    }
    if (def.isCore) throw new AppError(FRAMEWORK_ERRORS.MODULE_CORE_CANNOT_DISABLE, { module: moduleCode });
    const steps: PlanStep[] = [];
    if (isOn(moduleCode)) steps.push({ module: moduleCode, from: true, to: false, reason: 'requested' });
    for (const dependent of this.#registry.dependentsOf(moduleCode)) {
      if (!isOn(dependent)) continue;
      const needs = this.#registry.requiresOf(dependent).find(
        (r) => r === moduleCode || this.#registry.dependentsOf(moduleCode).includes(r),
      );
      steps.push({ module: dependent, from: true, to: false, reason: `requires ${needs ?? moduleCode}` });
    }
    return this.#inOrder(steps);
  }

  #inOrder(steps: PlanStep[]): PlanStep[] {
    const order = this.#registry.codes();
    return steps.sort((a, b) => order.indexOf(a.module) - order.indexOf(b.module));
  }

  async #change(
    platform: string,
    moduleCode: string,
    action: 'enable' | 'disable',
    options: ChangeOptions,
  ): Promise<ModuleChangeResult> {
    if (!this.#registry.has(moduleCode)) throw new AppError(FRAMEWORK_ERRORS.MODULE_NOT_FOUND, { module: moduleCode });
    const actor = options.actor ?? 'system';
    const dryRun = options.dryRun ?? false;
    const result = await this.#db.transaction().execute(async (trx) => {
      // Locking the platform row serialises concurrent changes to one
      // platform, so two admins cannot interleave half-applied cascades.
      const row = await trx.selectFrom('platforms').select(['id']).where('code', '=', platform).forUpdate().executeTakeFirst();
      if (!row) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform });
      const enabled = await readEnabled(trx, row.id);
      const plan = this.plan(moduleCode, action, enabled);
      const outcome: ModuleChangeResult = {
        platform,
        module: moduleCode,
        action,
        dryRun,
        changed: plan.map((s) => s.module),
        plan,
      };
      if (dryRun || plan.length === 0) return outcome;
      const now = new Date();
      await trx
        .insertInto('platform_modules')
        .values(plan.map((s) => ({ platform_id: row.id, module_code: s.module, enabled: s.to, updated_at: now, updated_by: actor })))
        .onConflict((oc) =>
          oc.columns(['platform_id', 'module_code']).doUpdateSet((eb) => ({
            enabled: eb.ref('excluded.enabled'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        )
        .execute();
      await trx
        .insertInto('module_audit_log')
        .values({
          platform_id: row.id,
          module_code: moduleCode,
          action,
          actor,
          plan: JSON.stringify(plan),
          result: JSON.stringify({ changed: outcome.changed }),
        })
        .execute();
      return outcome;
    });
    if (!dryRun && result.changed.length > 0) {
      this.invalidate(platform);
      await this.#notifier.notify(MODULE_STATE_CHANNEL, platform);
    }
    return result;
  }

  async #enabledSet(platform: string): Promise<ReadonlySet<string>> {
    const cached = this.#cache.get(platform);
    if (cached) return cached;
    let pending = this.#loading.get(platform);
    if (!pending) {
      const load = this.#load(platform).finally(() => {
        if (this.#loading.get(platform) === load) this.#loading.delete(platform);
      });
      pending = load;
      this.#loading.set(platform, load);
    }
    return pending;
  }

  async #load(platform: string): Promise<ReadonlySet<string>> {
    const generation = this.#generation;
    const row = await this.#db.selectFrom('platforms').select(['id']).where('code', '=', platform).executeTakeFirst();
    if (!row) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform });
    const set = await readEnabled(this.#db, row.id);
    if (generation === this.#generation) this.#cache.set(platform, set);
    return set;
  }
}

async function readEnabled(db: Kysely<FrameworkTables>, platformId: number): Promise<ReadonlySet<string>> {
  const rows = await db
    .selectFrom('platform_modules')
    .select(['module_code'])
    .where('platform_id', '=', platformId)
    .where('enabled', '=', true)
    .execute();
  return new Set(rows.map((r) => r.module_code));
}
