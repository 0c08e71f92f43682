import type { ModuleProblem } from '../../modules/module-problems.ts';
import type { ModuleRegistry } from '../../modules/registry.ts';
import type { TenantResolver } from '../tenants.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { AUDIENCES, type Audience } from './principal.ts';

export interface CollectedProviders {
  readonly identities: ReadonlyMap<Audience, IdentityProvider>;
  readonly tenants: TenantResolver | undefined;
  readonly problems: readonly ModuleProblem[];
}

/** Gathers the `provides` of every module; two modules providing the same thing is a start-up problem. */
export function collectProviders(registry: ModuleRegistry): CollectedProviders {
  const identities = new Map<Audience, IdentityProvider>();
  const identityOwner = new Map<Audience, string>();
  const problems: ModuleProblem[] = [];
  let tenants: TenantResolver | undefined;
  let tenantsOwner: string | undefined;
  for (const def of registry.MODULES.values()) {
    const provides = def.provides;
    if (!provides) continue;
    for (const [audience, provider] of Object.entries(provides.identities ?? {})) {
      if (!(AUDIENCES as readonly string[]).includes(audience)) {
        problems.push({ module: def.code, reason: `provides.identities.${audience}: unknown audience (expected ${AUDIENCES.join(', ')})` });
        continue;
      }
      const a = audience as Audience;
      if (identityOwner.has(a)) {
        problems.push({ module: def.code, reason: `provides.identities.${a}: already provided by module "${identityOwner.get(a)}"` });
        continue;
      }
      identityOwner.set(a, def.code);
      identities.set(a, provider);
    }
    if (provides.tenants) {
      if (tenantsOwner) problems.push({ module: def.code, reason: `provides.tenants: already provided by module "${tenantsOwner}"` });
      else {
        tenants = provides.tenants;
        tenantsOwner = def.code;
      }
    }
  }
  return { identities, tenants, problems };
}
