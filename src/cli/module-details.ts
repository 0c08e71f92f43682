import { relative } from 'node:path';
import type { TObject } from 'typebox';
import { envName } from '../core/env-schema.ts';
import { moduleTier, type ModuleDefinition, type ModuleTier } from '../modules/base.ts';
import { envPrefix } from '../modules/config.ts';
import { describe, importFresh, listSources } from '../modules/discovery.ts';
import { parseMigrationFile } from '../modules/migrations.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { mountPrefix } from '../modules/routes.ts';
import { loadTasks } from '../modules/tasks.ts';

/** One line of `modules list`. */
export interface ModuleSummary {
  readonly code: string;
  readonly name: string;
  readonly tier: ModuleTier;
  readonly version: string;
  readonly requires: readonly string[];
  readonly description: string;
}

export interface ConfigVariable {
  readonly key: string;
  /** The environment variable that sets it, e.g. `MARKETPLACE_API_TIMEOUT`. */
  readonly env: string;
  readonly type: string;
  readonly default: unknown;
  readonly description: string | undefined;
}

/** Everything `modules show` knows about one module, found without opening the database. */
export interface ModuleDetails extends ModuleSummary {
  readonly definition: Omit<ModuleDefinition, 'healthCheck'> & { readonly healthCheck: boolean };
  readonly dependencies: readonly string[];
  readonly dependents: readonly string[];
  readonly allDependents: readonly string[];
  readonly dir: string;
  readonly definitionFile: string;
  readonly routes: ReadonlyArray<{ kind: 'api' | 'pages'; frontend: string; mountedAt: string; file: string }>;
  readonly tasks: ReadonlyArray<{ name: string; schedule: string | undefined; perPlatform: boolean; attempts: number | undefined }>;
  readonly tasksError: string | undefined;
  readonly config: { file: string; envPrefix: string; variables: readonly ConfigVariable[]; error: string | undefined } | undefined;
  readonly migrations: ReadonlyArray<{ id: string; name: string; file: string }>;
  readonly migrationProblems: readonly string[];
  readonly templatesDir: string | undefined;
  readonly staticDir: string | undefined;
  readonly locales: readonly string[];
}

export function summarize(definition: ModuleDefinition): ModuleSummary {
  return {
    code: definition.code,
    name: definition.name,
    tier: moduleTier(definition),
    version: definition.version,
    requires: [...definition.requires],
    description: definition.description,
  };
}

/** Paths in the output are relative to the working directory: shorter, and clickable in a terminal. */
function rel(path: string): string {
  return relative(process.cwd(), path) || '.';
}

export async function describeModule(registry: ModuleRegistry, code: string): Promise<ModuleDetails> {
  const manifest = registry.manifests.get(code);
  if (!manifest) throw new Error(`module "${code}" is not installed`);
  const def = manifest.definition;
  const { healthCheck, ...declared } = def;
  const tasks = await describeTasks(registry, code);
  const migrations = describeMigrations(manifest.migrationsDir, code);
  return {
    ...summarize(def),
    definition: { ...declared, healthCheck: healthCheck !== undefined },
    dependencies: registry.dependenciesOf(code),
    dependents: [...registry.directDependentsOf(code)],
    allDependents: registry.dependentsOf(code),
    dir: rel(manifest.dir),
    definitionFile: rel(manifest.definitionFile),
    routes: manifest.routeFiles.map((r) => ({
      kind: r.kind,
      frontend: r.frontend,
      mountedAt: mountPrefix(r.kind, r.frontend, code),
      file: rel(r.file),
    })),
    ...tasks,
    config: manifest.configFile ? await describeConfig(manifest.configFile, code) : undefined,
    ...migrations,
    templatesDir: manifest.templatesDir ? rel(manifest.templatesDir) : undefined,
    staticDir: manifest.staticDir ? rel(manifest.staticDir) : undefined,
    locales: Object.keys(manifest.localeFiles),
  };
}

async function describeTasks(registry: ModuleRegistry, code: string): Promise<Pick<ModuleDetails, 'tasks' | 'tasksError'>> {
  try {
    const tasks = (await loadTasks(registry)).filter((t) => t.module === code);
    return {
      tasks: tasks.map(({ task }) => ({
        name: task.name,
        schedule: task.schedule,
        perPlatform: task.perPlatform ?? true,
        attempts: task.attempts,
      })),
      tasksError: undefined,
    };
  } catch (error) {
    // Another module's broken tasks file must not hide this module's details.
    return { tasks: [], tasksError: describe(error) };
  }
}

/** The module's settings, read from its `configSchema`; a bad value in the environment is shown, not thrown. */
async function describeConfig(file: string, code: string): Promise<NonNullable<ModuleDetails['config']>> {
  const prefix = envPrefix(code);
  try {
    const mod = (await importFresh(file)) as { configSchema?: TObject };
    if (!mod.configSchema?.properties) {
      return { file: rel(file), envPrefix: prefix, variables: [], error: 'does not export `configSchema`' };
    }
    const variables = Object.entries(mod.configSchema.properties).map(([key, schema]) => {
      const s = schema as Record<string, unknown>;
      return {
        key,
        env: envName(prefix, key),
        type: typeName(s),
        default: s.default,
        description: typeof s.description === 'string' ? s.description : undefined,
      };
    });
    return { file: rel(file), envPrefix: prefix, variables, error: undefined };
  } catch (error) {
    return { file: rel(file), envPrefix: prefix, variables: [], error: describe(error) };
  }
}

function typeName(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) {
    const values = (schema.anyOf as Array<Record<string, unknown>>).map((v) => (v.const !== undefined ? JSON.stringify(v.const) : typeName(v)));
    return values.join(' | ');
  }
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  return typeof schema.type === 'string' ? schema.type : 'unknown';
}

function describeMigrations(dir: string | undefined, code: string): Pick<ModuleDetails, 'migrations' | 'migrationProblems'> {
  const migrations: Array<{ id: string; name: string; file: string }> = [];
  const migrationProblems: string[] = [];
  for (const file of dir ? listSources(dir) : []) {
    const info = parseMigrationFile(file, code);
    if (typeof info === 'string') migrationProblems.push(`${rel(file)}: ${info}`);
    else migrations.push({ id: info.id, name: info.name, file: rel(info.file) });
  }
  return { migrations, migrationProblems };
}
