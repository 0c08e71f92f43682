import { checkPermissionDeclarations } from '../core/permissions.ts';
import { checkDependencyRules } from './dependency-rules.ts';
import { discoverModules } from './discovery.ts';
import { ModuleLoadError } from './module-problems.ts';
import { ModuleRegistry } from './registry.ts';

/**
 * Discovers the modules and checks their dependency rules and permission
 * declarations; every problem is reported at once. Needs no database and
 * loads no HTTP code, so the CLI's `modules` commands stay fast.
 */
export async function loadRegistry(modulesDir: string, cacheBust?: string): Promise<ModuleRegistry> {
  const manifests = await discoverModules(modulesDir, cacheBust ? { cacheBust } : {});
  const problems = checkDependencyRules(manifests.map((m) => m.definition));
  if (problems.length > 0) throw new ModuleLoadError(problems);
  const registry = new ModuleRegistry(manifests);
  const permissionProblems = checkPermissionDeclarations(registry);
  if (permissionProblems.length > 0) throw new ModuleLoadError(permissionProblems);
  return registry;
}
