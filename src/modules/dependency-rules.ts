import semver from 'semver';
import { moduleTier, parseRequirement, type ModuleDefinition } from './base.ts';
import type { ModuleProblem } from './module-problems.ts';

/**
 * Checks the dependency rules of the specification before anything is
 * served and returns every violation (an empty list means all is well):
 * unknown codes in `requires`, duplicate codes, version ranges the installed
 * module does not satisfy, core modules requiring non-core ones, and cycles.
 */
export function checkDependencyRules(definitions: readonly ModuleDefinition[]): ModuleProblem[] {
  const problems: ModuleProblem[] = [];
  const byCode = new Map<string, ModuleDefinition>();
  for (const def of definitions) {
    if (byCode.has(def.code)) {
      problems.push({ module: def.code, reason: `two modules declare the code "${def.code}"` });
      continue;
    }
    byCode.set(def.code, def);
  }
  for (const def of byCode.values()) {
    for (const entry of def.requires) {
      const { code, range } = parseRequirement(entry);
      const dep = byCode.get(code);
      if (!dep) {
        problems.push({ module: def.code, reason: `requires unknown module "${code}"` });
        continue;
      }
      if (code === def.code) {
        problems.push({ module: def.code, reason: `requires itself` });
        continue;
      }
      if (range !== undefined) {
        if (!semver.validRange(range)) {
          problems.push({ module: def.code, reason: `requires "${entry}": "${range}" is not a valid version range` });
        } else if (!semver.satisfies(dep.version, range)) {
          problems.push({
            module: def.code,
            reason: `requires ${code}@${range} but ${code} ${dep.version} is installed`,
          });
        }
      }
      if (def.isCore && !dep.isCore) {
        problems.push({
          module: def.code,
          reason: `core module "${def.code}" requires ${moduleTier(dep)} module "${code}"; core modules may only require core modules`,
        });
      }
    }
  }
  for (const cycle of findCycles(byCode)) {
    problems.push({ module: cycle[0] ?? '?', reason: `circular dependency: ${cycle.join(' -> ')}` });
  }
  return problems;
}

/** Every elementary cycle found by a depth-first walk, each printed once (`a -> b -> a`). */
export function findCycles(byCode: ReadonlyMap<string, Pick<ModuleDefinition, 'code' | 'requires'>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (code: string): void => {
    state.set(code, 'visiting');
    stack.push(code);
    for (const entry of byCode.get(code)?.requires ?? []) {
      const dep = parseRequirement(entry).code;
      if (!byCode.has(dep) || dep === code) continue;
      if (state.get(dep) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const key = canonicalCycle(cycle);
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(dep)) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(code, 'done');
  };
  for (const code of [...byCode.keys()].sort()) if (!state.has(code)) visit(code);
  return cycles;
}

function canonicalCycle(cycle: string[]): string {
  const ring = cycle.slice(0, -1);
  const start = ring.indexOf([...ring].sort()[0] ?? '');
  return [...ring.slice(start), ...ring.slice(0, start)].join('>');
}
