import { relative, resolve, sep } from 'node:path';
import { isDir } from '../../modules/discovery.ts';
import { checkDependencies } from './checks/dependencies.check.ts';
import { checkDefinitionPaths, checkDefinitions } from './checks/definition.check.ts';
import { checkLocales, checkUiAssets } from './checks/assets.check.ts';
import { checkConfigExports, checkTasks } from './checks/components.check.ts';
import type { Check } from './checks/check.ts';
import { checkFrameworkImports, checkModuleImports } from './checks/imports.check.ts';
import { checkMigrations } from './checks/migrations.check.ts';
import { checkNoReexportOnly } from './checks/reexports.check.ts';
import { checkRouteFiles } from './checks/route-files.check.ts';
import { checkExceptions, checkSelfContained } from './checks/structure.check.ts';
import { SEVERITY_ORDER, type Finding, type RawFinding } from './finding.ts';
import { scanTree } from './modules-tree.ts';
import { ruleOf } from './rules.ts';
import { clearSourceFacts } from './source-facts.ts';
import { ValidatorUsageError } from './usage-error.ts';

const CHECKS: readonly Check[] = [
  checkDefinitions,
  checkDefinitionPaths,
  checkSelfContained,
  checkExceptions,
  checkNoReexportOnly,
  checkRouteFiles,
  checkModuleImports,
  checkFrameworkImports,
  checkUiAssets,
  checkLocales,
  checkTasks,
  checkConfigExports,
  checkMigrations,
  checkDependencies,
];

export interface ValidateOptions {
  /** Finding paths are written relative to this folder (default: the current directory). */
  baseDir?: string;
}

export interface ValidationResult {
  /** The modules root, relative to the base directory. */
  readonly root: string;
  /** The module folders that were checked. */
  readonly modules: readonly string[];
  /** Every finding, ordered by file, line and rule. */
  readonly findings: readonly Finding[];
}

/**
 * Checks a modules root against every rule, reading files only: nothing is
 * imported, so a tree that does not boot can still be validated.
 *
 * @example
 * const { findings } = validateModules('src/modules');
 * for (const f of findings) console.log(f.code, f.file, f.message);
 */
export function validateModules(modulesRoot: string, options: ValidateOptions = {}): ValidationResult {
  const root = resolve(modulesRoot);
  if (!isDir(root)) throw new ValidatorUsageError(`modules root ${modulesRoot} is not a folder`);
  const baseDir = resolve(options.baseDir ?? process.cwd());
  clearSourceFacts();
  const tree = scanTree(root);
  const findings: Finding[] = [];
  const report = (raw: RawFinding): void => {
    const rule = ruleOf(raw.code);
    findings.push({
      code: rule.code,
      severity: rule.severity,
      module: raw.module,
      file: displayPath(baseDir, raw.file),
      line: raw.line,
      message: raw.message,
      fix: raw.fix,
    });
  };
  for (const check of CHECKS) check(tree, report);
  return { root: displayPath(baseDir, root), modules: tree.modules.map((m) => m.name), findings: sortFindings(findings) };
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.message.localeCompare(b.message),
  );
}

function displayPath(baseDir: string, path: string): string {
  const rel = relative(baseDir, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}
