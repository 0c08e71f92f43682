import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSource, isDir, listModuleFolders, listSources } from '../../modules/discovery.ts';
import { readDefinition, type DefinitionFacts, type DefinitionRead } from './definition-reader.ts';

/** The framework layer's folders, relative to a `src` folder (the spec's Framework Layer table). */
export const FRAMEWORK_DIRS = ['core', 'middleware', 'api', 'exceptions'] as const;

/** This repository's own `src/`, whose framework layer modules in any tree may import. */
export const REPO_SRC = fileURLToPath(new URL('../../', import.meta.url));

const SOURCE_FILE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;
const TEST_FILE = /\.test\.(ts|mts|js|mjs)$/;

/** One folder of the modules root. */
export interface ModuleFolder {
  readonly name: string;
  readonly dir: string;
  readonly definitionFile: string | undefined;
  readonly read: DefinitionRead | undefined;
  /** The definition when it could be read; checks identify the module by its folder name. */
  readonly definition: DefinitionFacts | undefined;
  /** Every source file of the module (tests included), except browser assets under static/. */
  readonly sourceFiles: readonly string[];
}

/** A modules root and the framework around it, as the checks see them. */
export interface ModulesTree {
  readonly root: string;
  /** The folder holding the modules root; its core/, middleware/, api/ and exceptions/ are its framework. */
  readonly srcRoot: string;
  readonly modules: readonly ModuleFolder[];
  /** Framework source files of this tree (tests excluded): the loose files of the root and the framework folders. */
  readonly frameworkFiles: readonly string[];
  /** Folders whose files count as framework when imported (this tree's and this repository's). */
  readonly frameworkDirs: readonly string[];
  /** Modules roots whose loose files (base.ts, routes.ts, ...) are framework: this tree's and this repository's. */
  readonly frameworkRoots: readonly string[];
}

/** Reads a modules root: its module folders, their definitions and files, and the framework beside it. */
export function scanTree(modulesRoot: string): ModulesTree {
  const root = resolve(modulesRoot);
  const srcRoot = dirname(root);
  const modules = listModuleFolders(root).map((name) => scanModule(root, name));
  const treeFrameworkDirs = FRAMEWORK_DIRS.map((d) => join(srcRoot, d));
  const frameworkFiles = [
    ...listSources(root),
    ...treeFrameworkDirs.flatMap((d) => listSourcesDeep(d, new Set())).filter((f) => !TEST_FILE.test(f)),
  ];
  const frameworkDirs = [...new Set([...treeFrameworkDirs, ...FRAMEWORK_DIRS.map((d) => join(REPO_SRC, d))])];
  const frameworkRoots = [...new Set([root, join(REPO_SRC, 'modules')])];
  return { root, srcRoot, modules, frameworkFiles, frameworkDirs, frameworkRoots };
}

function scanModule(root: string, name: string): ModuleFolder {
  const dir = join(root, name);
  const definitionFile = findSource(dir, 'definition');
  const read = definitionFile ? readDefinition(definitionFile) : undefined;
  return {
    name,
    dir,
    definitionFile,
    read,
    definition: read?.ok ? read.facts : undefined,
    sourceFiles: listSourcesDeep(dir, new Set(['static'])),
  };
}

/** Source files below `dir`, skipping dot-folders, node_modules and the named top-level folders. */
export function listSourcesDeep(dir: string, skipTop: ReadonlySet<string>): string[] {
  if (!isDir(dir)) return [];
  const out: string[] = [];
  const walk = (current: string, top: boolean): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!(top && skipTop.has(entry.name))) walk(path, false);
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(path);
      }
    }
  };
  walk(dir, true);
  return out;
}

export function isTestFile(file: string): boolean {
  return TEST_FILE.test(file);
}
