import { moduleTier, parseRequirement, type ModuleDefinition, type ModuleTier } from './base.ts';
import type { ModuleManifest } from './discovery.ts';

/**
 * The set of installed modules, built once from discovery. It answers the
 * questions of the specification's registry (all modules, per tier, by code)
 * and the graph questions the module service needs (dependencies and
 * dependents, transitively, and a dependency order).
 *
 * @example
 * registry.getModuleTier('billing'); // 'optional'
 * registry.getCoreModuleCodes();     // Set { 'cms', 'core', 'customers', 'tenancy' }
 */
export class ModuleRegistry {
  /** All modules by code, in dependency order (a module after what it requires). */
  readonly MODULES: ReadonlyMap<string, ModuleDefinition>;
  readonly CORE_MODULES: ReadonlyMap<string, ModuleDefinition>;
  readonly OPTIONAL_MODULES: ReadonlyMap<string, ModuleDefinition>;
  readonly INTERNAL_MODULES: ReadonlyMap<string, ModuleDefinition>;
  readonly manifests: ReadonlyMap<string, ModuleManifest>;
  readonly #dependents: ReadonlyMap<string, readonly string[]>;

  constructor(manifests: readonly ModuleManifest[]) {
    const byCode = new Map(manifests.map((m) => [m.definition.code, m] as const));
    const order = dependencyOrder(manifests.map((m) => m.definition));
    this.manifests = new Map(order.map((code) => [code, byCode.get(code)!] as const));
    this.MODULES = new Map(order.map((code) => [code, byCode.get(code)!.definition] as const));
    const ofTier = (tier: ModuleTier) =>
      new Map([...this.MODULES].filter(([, d]) => moduleTier(d) === tier));
    this.CORE_MODULES = ofTier('core');
    this.OPTIONAL_MODULES = ofTier('optional');
    this.INTERNAL_MODULES = ofTier('internal');
    const dependents = new Map<string, string[]>();
    for (const def of this.MODULES.values()) {
      for (const req of def.requires) {
        const dep = parseRequirement(req).code;
        dependents.set(dep, [...(dependents.get(dep) ?? []), def.code]);
      }
    }
    this.#dependents = dependents;
  }

  getModule(code: string): ModuleDefinition | undefined {
    return this.MODULES.get(code);
  }

  getModuleTier(code: string): ModuleTier | undefined {
    const def = this.MODULES.get(code);
    return def ? moduleTier(def) : undefined;
  }

  getCoreModuleCodes(): Set<string> {
    return new Set(this.CORE_MODULES.keys());
  }

  has(code: string): boolean {
    return this.MODULES.has(code);
  }

  codes(): string[] {
    return [...this.MODULES.keys()];
  }

  /** Direct requirements of a module, as codes. */
  requiresOf(code: string): string[] {
    return (this.MODULES.get(code)?.requires ?? []).map((r) => parseRequirement(r).code);
  }

  /** Modules that directly require `code`. */
  directDependentsOf(code: string): readonly string[] {
    return this.#dependents.get(code) ?? [];
  }

  /** Everything `code` needs, transitively, in dependency order. */
  dependenciesOf(code: string): string[] {
    return this.#closure(code, (c) => this.requiresOf(c));
  }

  /** Everything that needs `code`, transitively, in dependency order. */
  dependentsOf(code: string): string[] {
    return this.#closure(code, (c) => this.directDependentsOf(c));
  }

  #closure(start: string, next: (code: string) => readonly string[]): string[] {
    const found = new Set<string>();
    const walk = (code: string) => {
      for (const n of next(code)) {
        if (!found.has(n)) {
          found.add(n);
          walk(n);
        }
      }
    };
    walk(start);
    return this.codes().filter((c) => found.has(c));
  }
}

/**
 * A stable topological order: each module after everything it requires,
 * ties broken by tier (core first) then code. Unknown requirements and
 * cycles are ignored here; the dependency rules report them.
 */
export function dependencyOrder(definitions: readonly ModuleDefinition[]): string[] {
  const byCode = new Map(definitions.map((d) => [d.code, d] as const));
  const tierRank: Record<ModuleTier, number> = { core: 0, optional: 1, internal: 2 };
  const sorted = [...byCode.values()].sort(
    (a, b) => tierRank[moduleTier(a)] - tierRank[moduleTier(b)] || a.code.localeCompare(b.code),
  );
  const out: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (def: ModuleDefinition) => {
    if (placed.has(def.code) || visiting.has(def.code)) return;
    visiting.add(def.code);
    for (const req of def.requires) {
      const dep = byCode.get(parseRequirement(req).code);
      if (dep) place(dep);
    }
    visiting.delete(def.code);
    placed.add(def.code);
    out.push(def.code);
  };
  for (const def of sorted) place(def);
  return out;
}
