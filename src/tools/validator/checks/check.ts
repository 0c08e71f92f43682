import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { findSource, isDir, listSources } from '../../../modules/discovery.ts';
import type { DefinitionFacts, PathField } from '../definition-reader.ts';
import type { Report } from '../finding.ts';
import { insideModule } from '../import-target.ts';
import type { ModuleFolder, ModulesTree } from '../modules-tree.ts';

/** A check reads the tree and reports what it finds; checks never throw on a bad module. */
export type Check = (tree: ModulesTree, report: Report) => void;

/** A module whose definition could be read: the only kind the module-level checks look at (MOD-009 covers the rest). */
export type DefinedModule = ModuleFolder & { readonly definition: DefinitionFacts; readonly definitionFile: string };

export function definedModules(tree: ModulesTree): DefinedModule[] {
  return tree.modules.filter((m): m is DefinedModule => m.definition !== undefined && m.definitionFile !== undefined);
}

/** `path` as written inside the module folder, e.g. `routes/api/admin.ts`. */
export function inModule(module: ModuleFolder, path: string): string {
  return relative(module.dir, path).split(sep).join('/');
}

/** Where a module's definition says a component lives (default when unset); undefined when a set path leaves the module. */
export function componentPath(module: DefinedModule, field: PathField, fallback: string): string | undefined {
  const declared = module.definition.paths[field];
  return declared ? insideModule(module.dir, declared.value) : join(module.dir, fallback);
}

/** True when the definition sets this path field: its existence is then MOD-007's business. */
export function declares(module: DefinedModule, field: PathField): boolean {
  return module.definition.paths[field] !== undefined;
}

/** A file or folder, or a source file with that stem (`exceptions` → `exceptions.ts`). */
export function pathExists(path: string): boolean {
  return existsSync(path) || findSource(dirname(path), basename(path)) !== undefined;
}

/** The source files of `routes/api/` or `routes/pages/` that discovery loads (index.ts is skipped). */
export function routeSources(module: ModuleFolder, kind: 'api' | 'pages'): string[] {
  return listSources(join(module.dir, 'routes', kind)).filter((f) => !/[\\/]index\.(ts|js|mjs)$/.test(f));
}

export { isDir };
