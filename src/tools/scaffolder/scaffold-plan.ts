import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FRONTENDS, MODULE_CODE_PATTERN, parseRequirement, type Frontend, type ModuleTier } from '../../modules/base.ts';
import { DEFAULT_MODULES_DIR, findSource, isDir, listModuleFolders } from '../../modules/discovery.ts';
import { parseMigrationFile } from '../../modules/migrations.ts';
import { readDefinition } from '../validator/definition-reader.ts';
import { scaffoldContext, titleOf, type ScaffoldContext } from './scaffold-context.ts';
import { ScaffoldError } from './scaffold-error.ts';

export const TIERS: readonly ModuleTier[] = ['core', 'optional', 'internal'];

export interface CreateModuleOptions {
  /** The module code: lower-case letters, digits and hyphens, starting with a letter. */
  code: string;
  /** @default 'optional' */
  tier?: ModuleTier | string;
  /** Codes of installed modules the new one requires. */
  requires?: readonly string[];
  /** Display name. @default the code in title case */
  name?: string;
  description?: string;
  /** Frontends to generate an API route, a page, a template and a script for. @default ['admin'] */
  frontends?: readonly string[];
  /** The modules root to write into. @default src/modules */
  modulesDir?: string;
}

const CODE = new RegExp(MODULE_CODE_PATTERN);

/**
 * Checks every option before anything is written and turns them into the
 * templates' context. Each refusal names what is wrong and what is allowed.
 */
export function planModule(options: CreateModuleOptions): ScaffoldContext {
  const root = resolve(options.modulesDir ?? DEFAULT_MODULES_DIR);
  const code = options.code;
  if (!CODE.test(code)) {
    throw new ScaffoldError(`"${code}" is not a valid module code: use lower-case letters, digits and hyphens, starting with a letter (e.g. gift-cards)`);
  }
  if (!isDir(root)) throw new ScaffoldError(`modules root ${root} is not a folder`);
  const moduleDir = join(root, code);
  if (existsSync(moduleDir)) throw new ScaffoldError(`module "${code}" already exists at ${moduleDir}; choose another code`);
  const tier = options.tier ?? 'optional';
  if (!(TIERS as readonly string[]).includes(tier)) throw new ScaffoldError(`unknown tier "${tier}" (expected ${TIERS.join(', ')})`);
  const frontends = checkFrontends(options.frontends ?? ['admin'], tier as ModuleTier);
  const requires = checkRequires(root, [...new Set(options.requires ?? [])], code, tier as ModuleTier);
  const context = scaffoldContext({
    code,
    name: options.name?.trim() || titleOf(code),
    description: options.description?.trim() || `The ${options.name?.trim() || titleOf(code)} module.`,
    tier: tier as ModuleTier,
    requires,
    frontends,
    moduleDir,
  });
  // A code with an all-digit part (`report-001`) would make migration names ambiguous.
  if (typeof parseMigrationFile(context.migrationFile, code) === 'string') {
    throw new ScaffoldError(`"${code}" cannot name its migrations unambiguously (${context.migrationFile}); avoid parts made only of digits`);
  }
  return context;
}

function checkFrontends(requested: readonly string[], tier: ModuleTier): Frontend[] {
  const frontends = [...new Set(requested)];
  if (frontends.length === 0) throw new ScaffoldError(`choose at least one frontend (${FRONTENDS.join(', ')})`);
  const unknown = frontends.filter((f) => !(FRONTENDS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new ScaffoldError(`unknown frontend(s): ${unknown.join(', ')} (expected ${FRONTENDS.join(', ')})`);
  if (tier === 'internal' && frontends.some((f) => f !== 'admin')) {
    throw new ScaffoldError('internal modules are admin-only: use --frontends admin');
  }
  return frontends as Frontend[];
}

function checkRequires(root: string, requires: readonly string[], code: string, tier: ModuleTier): string[] {
  const installed = listModuleFolders(root).filter((name) => findSource(join(root, name), 'definition'));
  const unknown = requires.filter((r) => !installed.includes(parseRequirement(r).code));
  if (unknown.length > 0) {
    throw new ScaffoldError(
      `unknown module(s) in --requires: ${unknown.join(', ')} (installed: ${installed.join(', ') || 'none'})`,
    );
  }
  if (tier === 'core') {
    for (const r of requires) {
      const dep = parseRequirement(r).code;
      const read = readDefinition(findSource(join(root, dep), 'definition')!);
      if (read.ok && !read.facts.isCore) {
        throw new ScaffoldError(`core module "${code}" cannot require "${dep}", which is not a core module; core modules may only require core modules`);
      }
    }
  }
  return [...requires];
}
