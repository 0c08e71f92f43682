import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModulesTree } from './modules-tree.ts';

/** Where an import leads, seen from the module system. */
export type ImportTarget =
  | { readonly kind: 'package' }
  | { readonly kind: 'own' }
  | { readonly kind: 'module'; readonly module: string; readonly publicEdge: boolean; readonly path: string }
  | { readonly kind: 'framework'; readonly path: string }
  | { readonly kind: 'outside'; readonly path: string };

const PUBLIC_EDGE = /^index\.(ts|mts|js|mjs)$/;

/**
 * Classifies an import specifier of `fromFile`. Bare specifiers are
 * packages. Relative ones are resolved against the file: into the importing
 * module (`own`), into another module folder (`module`, through its
 * `index.ts` or not), into the framework layer, or anywhere else (`outside`:
 * the legacy locations of MOD-004).
 */
export function classifyImport(tree: ModulesTree, fromFile: string, fromModule: string | undefined, specifier: string): ImportTarget {
  const path = resolveSpecifier(fromFile, specifier);
  if (path === undefined) return { kind: 'package' };
  const inRoot = within(tree.root, path);
  if (inRoot !== undefined) {
    const [first, ...rest] = inRoot.split(sep);
    const isModule = first !== undefined && tree.modules.some((m) => m.name === first);
    if (!isModule) return { kind: 'framework', path }; // the root's loose framework files, or _helpers
    if (first === fromModule) return { kind: 'own' };
    const publicEdge = rest.length === 0 || (rest.length === 1 && PUBLIC_EDGE.test(rest[0] ?? ''));
    return { kind: 'module', module: first, publicEdge, path };
  }
  if (tree.frameworkDirs.some((d) => within(d, path) !== undefined)) return { kind: 'framework', path };
  if (tree.frameworkRoots.includes(dirname(path))) return { kind: 'framework', path };
  return { kind: 'outside', path };
}

/** The absolute path a relative or absolute specifier names; undefined for packages and `node:`. */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  const bare = specifier.replace(/[?#].*$/, '');
  if (bare.startsWith('file:')) return fileURLToPath(bare);
  if (bare.startsWith('./') || bare.startsWith('../') || bare === '.' || bare === '..') return resolve(dirname(fromFile), bare);
  if (isAbsolute(bare)) return bare;
  return undefined;
}

/** `path` relative to `dir` when inside it (and not `dir` itself), else undefined. */
export function within(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel;
}

/** A module's directory joined with a definition path, or undefined when the path leaves the module. */
export function insideModule(moduleDir: string, relPath: string): string | undefined {
  if (isAbsolute(relPath)) return undefined;
  const full = join(moduleDir, relPath);
  return full === moduleDir || within(moduleDir, full) !== undefined ? full : undefined;
}
