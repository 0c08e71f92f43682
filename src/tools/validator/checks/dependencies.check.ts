import semver from 'semver';
import { parseRequirement } from '../../../modules/base.ts';
import { findCycles } from '../../../modules/dependency-rules.ts';
import type { Report } from '../finding.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { definedModules, type DefinedModule } from './check.ts';

/**
 * The dependency rules the app enforces at boot, found without booting it:
 * MOD-021 requirements name installed modules at a satisfying version,
 * MOD-016 core modules require only core modules, MOD-017 no cycles.
 */
export function checkDependencies(tree: ModulesTree, report: Report): void {
  const modules = definedModules(tree);
  const byName = new Map(modules.map((m) => [m.name, m] as const));
  const folders = new Set(tree.modules.map((m) => m.name));
  for (const m of modules) {
    for (const entry of m.definition.requires) {
      const { code, range } = parseRequirement(entry.value);
      const at = { module: m.name, file: m.definitionFile, line: entry.line } as const;
      if (code === m.name) {
        report({ ...at, code: 'MOD-021', message: `"${m.name}" requires itself`, fix: `Remove '${entry.value}' from requires.` });
        continue;
      }
      if (!folders.has(code)) {
        report({ ...at, code: 'MOD-021', message: `requires "${code}", which is not an installed module`, fix: `Correct the code, add the ${code} module, or remove '${entry.value}' from requires.` });
        continue;
      }
      const dep = byName.get(code);
      if (!dep) continue; // its definition is unreadable: MOD-009 says so
      if (range !== undefined) checkRange(report, at, code, range, dep);
      if (m.definition.isCore && !dep.definition.isCore) {
        report({
          ...at,
          code: 'MOD-016',
          message: `core module "${m.name}" requires ${dep.definition.isInternal ? 'internal' : 'optional'} module "${code}"`,
          fix: `Remove '${code}' from requires (move what ${m.name} needs into a core module, or use events), or make ${m.name} optional.`,
        });
      }
    }
  }
  const graph = new Map(modules.map((m) => [m.name, { code: m.name, requires: m.definition.requires.map((r) => r.value) }] as const));
  for (const cycle of findCycles(graph)) {
    const [first, second] = cycle;
    const m = byName.get(first ?? '');
    if (!m || !second) continue;
    const edge = m.definition.requires.find((r) => parseRequirement(r.value).code === second);
    report({
      code: 'MOD-017',
      module: m.name,
      file: m.definitionFile,
      line: edge?.line,
      message: `circular dependency: ${cycle.join(' -> ')}`,
      fix: `Remove one requirement of the cycle: move the code they share into one module, or have them talk through events.`,
    });
  }
}

function checkRange(report: Report, at: { module: string; file: string; line: number }, code: string, range: string, dep: DefinedModule): void {
  if (!semver.validRange(range)) {
    report({ ...at, code: 'MOD-021', message: `requires "${code}@${range}": "${range}" is not a valid version range`, fix: `Use a semver range such as ${code}@^1.0.` });
  } else if (!semver.satisfies(dep.definition.version, range)) {
    report({
      ...at,
      code: 'MOD-021',
      message: `requires ${code}@${range} but ${code} ${dep.definition.version} is installed`,
      fix: `Widen the range to include ${dep.definition.version}, or update ${code}.`,
    });
  }
}
