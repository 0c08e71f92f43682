import type { PermissionDeclaration } from '../modules/base.ts';
import type { ModuleProblem } from '../modules/module-problems.ts';
import type { ModuleRegistry } from '../modules/registry.ts';

/** A declared permission and the module that owns it. */
export interface PermissionDefinition extends PermissionDeclaration {
  readonly module: string;
}

/**
 * The RBAC vocabulary: every permission code the installed modules declare
 * in their definitions. Roles (added with tenancy) grant sets of these; a
 * permission whose module is disabled on the platform is never granted,
 * which `grantable` enforces.
 *
 * @example
 * const catalog = PermissionCatalog.fromRegistry(registry);
 * catalog.grantable(['orders.manage', 'billing.invoices.view'], enabledModules);
 */
export class PermissionCatalog {
  readonly #byCode: ReadonlyMap<string, PermissionDefinition>;

  private constructor(byCode: ReadonlyMap<string, PermissionDefinition>) {
    this.#byCode = byCode;
  }

  static fromRegistry(registry: ModuleRegistry): PermissionCatalog {
    return new PermissionCatalog(
      new Map(
        [...registry.MODULES.values()].flatMap((def) =>
          def.permissions.map((p) => [p.code, { ...p, module: def.code }] as const),
        ),
      ),
    );
  }

  get(code: string): PermissionDefinition | undefined {
    return this.#byCode.get(code);
  }

  all(): PermissionDefinition[] {
    return [...this.#byCode.values()];
  }

  /** The permissions an admin (`admin`) or vendor staff (`vendor`) can hold: their own scope plus `any`. */
  forAudience(audience: 'admin' | 'vendor'): PermissionDefinition[] {
    return this.all().filter((p) => (p.scope ?? 'any') === 'any' || p.scope === audience);
  }

  /** The permissions of `granted` that exist and whose module is enabled. */
  grantable(granted: Iterable<string>, enabledModules: ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    for (const code of granted) {
      const def = this.#byCode.get(code);
      if (def && enabledModules.has(def.module)) out.add(code);
    }
    return out;
  }
}

/** Start-up check: a permission code belongs to one module, and starts with that module's code. */
export function checkPermissionDeclarations(registry: ModuleRegistry): ModuleProblem[] {
  const problems: ModuleProblem[] = [];
  const owner = new Map<string, string>();
  for (const def of registry.MODULES.values()) {
    for (const p of def.permissions) {
      const first = owner.get(p.code);
      if (first) problems.push({ module: def.code, reason: `permission "${p.code}" is already declared by module "${first}"` });
      else owner.set(p.code, def.code);
    }
  }
  return problems;
}
