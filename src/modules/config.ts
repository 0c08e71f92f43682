import type { Static, TObject } from 'typebox';
import { readEnv } from '../core/env-schema.ts';
import { describe, importFresh } from './discovery.ts';
import { ModuleLoadError, type ModuleProblem } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';

/** `dev-tools` → `DEV_TOOLS_`: the env prefix of a module's settings. */
export function envPrefix(moduleCode: string): string {
  return `${moduleCode.replace(/-/g, '_').toUpperCase()}_`;
}

/** What a module's `config.ts` exports: `configSchema` and the loaded `config`. */
export interface ModuleConfigExports<S extends TObject = TObject> {
  configSchema: S;
  config: Readonly<Static<S>>;
}

/**
 * Reads a module's settings from `<CODE>_*` variables. Called at the top of
 * the module's `config.ts`, so a direct import and `getModuleConfig` see the
 * same frozen value, and a bad value stops start-up naming the variable.
 *
 * @example
 * export const configSchema = Type.Object({ apiTimeout: Type.Integer({ default: 30, minimum: 1 }) });
 * export const config = loadModuleConfig('marketplace', configSchema); // MARKETPLACE_API_TIMEOUT
 */
export function loadModuleConfig<S extends TObject>(
  moduleCode: string,
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Readonly<Static<S>> {
  return readEnv(schema, env, envPrefix(moduleCode));
}

/** Loaded module configs, by module code. */
export class ModuleConfigs {
  readonly #configs: ReadonlyMap<string, ModuleConfigExports>;
  constructor(configs: ReadonlyMap<string, ModuleConfigExports>) {
    this.#configs = configs;
  }
  /** The module's validated settings; `undefined` for a module without `config.ts`. */
  get<T = Record<string, unknown>>(moduleCode: string): Readonly<T> | undefined {
    return this.#configs.get(moduleCode)?.config as Readonly<T> | undefined;
  }
  entries(): IterableIterator<[string, ModuleConfigExports]> {
    return this.#configs.entries();
  }
}

/** Imports each module's `config.ts`; a bad value is reported with the module and file. */
export async function loadModuleConfigs(registry: ModuleRegistry, cacheBust?: string): Promise<ModuleConfigs> {
  const problems: ModuleProblem[] = [];
  const configs = new Map<string, ModuleConfigExports>();
  for (const [code, manifest] of registry.manifests) {
    if (!manifest.configFile) continue;
    try {
      const mod = (await importFresh(manifest.configFile, cacheBust)) as Partial<ModuleConfigExports>;
      if (!mod.configSchema || mod.config === undefined) {
        problems.push({ module: code, file: manifest.configFile, reason: 'must export `configSchema` and `config`' });
        continue;
      }
      configs.set(code, mod as ModuleConfigExports);
    } catch (error) {
      problems.push({ module: code, file: manifest.configFile, reason: describe(error).replace(/\n\s*/g, ' ') });
    }
  }
  if (problems.length > 0) throw new ModuleLoadError(problems);
  return new ModuleConfigs(configs);
}

let active: ModuleConfigs | undefined;

/** Makes `getModuleConfig` answer from these configs (done by the app at boot); returns the previous ones. */
export function setActiveModuleConfigs(configs: ModuleConfigs | undefined): ModuleConfigs | undefined {
  const previous = active;
  active = configs;
  return previous;
}

/**
 * The validated settings of a module, through discovery.
 *
 * @example
 * const { apiTimeout } = getModuleConfig<MarketplaceConfig>('marketplace')!;
 */
export function getModuleConfig<T = Record<string, unknown>>(moduleCode: string): Readonly<T> | undefined {
  if (!active) throw new Error('getModuleConfig() called before the modules were loaded');
  return active.get<T>(moduleCode);
}
