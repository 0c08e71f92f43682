import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FRONTENDS, ModuleDefinitionError, type Frontend, type ModuleDefinition } from './base.ts';
import { ModuleLoadError, type ModuleProblem } from './module-problems.ts';

/** The default modules root: the folder this file lives in. */
export const DEFAULT_MODULES_DIR = fileURLToPath(new URL('.', import.meta.url));

const SOURCE_EXT = /\.(ts|js|mjs)$/;
const LANGUAGES_DIR = 'locales';

export interface RouteFile {
  readonly kind: 'api' | 'pages';
  readonly frontend: Frontend;
  readonly file: string;
}

/**
 * What discovery found in one module folder: the definition (imported) and
 * the paths of every other component (loaded by their own loaders).
 */
export interface ModuleManifest {
  readonly definition: ModuleDefinition;
  readonly dir: string;
  readonly definitionFile: string;
  readonly configFile: string | undefined;
  readonly routeFiles: readonly RouteFile[];
  readonly tasksFile: string | undefined;
  readonly templatesDir: string | undefined;
  readonly staticDir: string | undefined;
  readonly localeFiles: Readonly<Record<string, string>>;
  readonly migrationsDir: string | undefined;
}

export interface DiscoveryOptions {
  /** Appended to import URLs so a re-discovery in development sees edited files. */
  cacheBust?: string;
}

/**
 * Finds every module below `modulesDir`: each sub-folder holding a
 * `definition.ts` is a module. Problems are collected for all folders and
 * thrown together, each naming its file, so one broken module never hides
 * another.
 */
export async function discoverModules(modulesDir: string, options: DiscoveryOptions = {}): Promise<ModuleManifest[]> {
  const root = resolve(modulesDir);
  const problems: ModuleProblem[] = [];
  const manifests: ModuleManifest[] = [];
  for (const name of listModuleFolders(root)) {
    const dir = join(root, name);
    const definitionFile = findSource(dir, 'definition');
    if (!definitionFile) {
      problems.push({ module: name, file: join(dir, 'definition.ts'), reason: 'missing definition.ts (every module folder needs one)' });
      continue;
    }
    try {
      const definition = await importDefinition(definitionFile, options.cacheBust);
      if (definition.code !== name) {
        problems.push({ module: name, file: definitionFile, reason: `code "${definition.code}" does not match folder name "${name}"` });
        continue;
      }
      const found = scanComponents(dir, definition, problems);
      manifests.push({ definition, dir, definitionFile, ...found });
    } catch (error) {
      problems.push({ module: name, file: definitionFile, reason: describe(error) });
    }
  }
  if (problems.length > 0) throw new ModuleLoadError(problems);
  return manifests;
}

/** Module folders: directories not starting with `.` or `_` (those are fixtures or helpers). */
export function listModuleFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_') && e.name !== 'node_modules')
    .map((e) => e.name)
    .sort();
}

async function importDefinition(file: string, cacheBust: string | undefined): Promise<ModuleDefinition> {
  const mod = (await importFresh(file, cacheBust)) as Record<string, unknown>;
  const definition = mod.definition;
  if (!definition || typeof definition !== 'object' || typeof (definition as ModuleDefinition).code !== 'string') {
    throw new Error('does not export `definition` (export const definition = defineModule({...}))');
  }
  return definition as ModuleDefinition;
}

function scanComponents(
  dir: string,
  definition: ModuleDefinition,
  problems: ModuleProblem[],
): Omit<ModuleManifest, 'definition' | 'dir' | 'definitionFile'> {
  const routeFiles: RouteFile[] = [];
  for (const kind of ['api', 'pages'] as const) {
    const routesDir = join(dir, 'routes', kind);
    for (const file of listSources(routesDir)) {
      const frontend = basename(file).replace(SOURCE_EXT, '');
      if (frontend === 'index') continue;
      if (!(FRONTENDS as readonly string[]).includes(frontend)) {
        problems.push({
          module: definition.code,
          file,
          reason: `route file name must be a frontend (${FRONTENDS.join(', ')}), not "${frontend}"`,
        });
        continue;
      }
      routeFiles.push({ kind, frontend: frontend as Frontend, file });
    }
  }
  const localesDir = join(dir, definition.localesPath ?? LANGUAGES_DIR);
  const localeFiles: Record<string, string> = {};
  if (isDir(localesDir)) {
    for (const f of readdirSync(localesDir).filter((n) => n.endsWith('.json')).sort()) {
      localeFiles[f.replace(/\.json$/, '')] = join(localesDir, f);
    }
  }
  const templatesDir = join(dir, definition.templatesPath ?? 'templates');
  const migrationsDir = join(dir, 'migrations', 'versions');
  return {
    configFile: findSource(dir, 'config'),
    routeFiles,
    tasksFile: findSource(join(dir, 'tasks'), 'index'),
    templatesDir: isDir(templatesDir) ? templatesDir : undefined,
    staticDir: isDir(join(dir, 'static')) ? join(dir, 'static') : undefined,
    localeFiles,
    migrationsDir: isDir(migrationsDir) ? migrationsDir : undefined,
  };
}

/** Imports a module file; with `cacheBust` the URL is new, so edits are seen. */
export async function importFresh(file: string, cacheBust?: string): Promise<unknown> {
  const url = pathToFileURL(file).href + (cacheBust ? `?v=${cacheBust}` : '');
  return import(url);
}

export function findSource(dir: string, stem: string): string | undefined {
  for (const ext of ['.ts', '.js', '.mjs']) {
    const file = join(dir, stem + ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function listSources(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((n) => SOURCE_EXT.test(n) && !n.endsWith('.d.ts') && !/\.test\.(ts|js)$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function describe(error: unknown): string {
  if (error instanceof ModuleDefinitionError) return error.message;
  const problems = (error as { problems?: unknown }).problems;
  if (Array.isArray(problems) && problems.every((p) => typeof p === 'string')) {
    return `invalid configuration: ${problems.join('; ')}`;
  }
  if (error instanceof Error) {
    // Keep the first line: the reason, not the stack.
    return error.message.split('\n')[0] ?? error.name;
  }
  return String(error);
}
