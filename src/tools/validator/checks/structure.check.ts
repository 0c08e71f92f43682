import { join } from 'node:path';
import { findSource } from '../../../modules/discovery.ts';
import type { RawFinding, Report } from '../finding.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { componentPath, declares, definedModules, isDir, routeSources, type DefinedModule } from './check.ts';

/**
 * MOD-001: a self-contained module owns its code. Required folders follow
 * from what the module does, so no module carries empty folders:
 * services/ always (business rules live in services), schemas/ when it
 * serves an API (handlers validate against schemas), models/ when it has
 * migrations (the tables it creates are typed there). A folder set by a
 * definition path is MOD-007's to check.
 */
export function checkSelfContained(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    if (!m.definition.isSelfContained) continue;
    const required: Array<{ field: 'servicesPath' | 'schemasPath' | 'modelsPath'; folder: string; why: string; example: string }> = [
      { field: 'servicesPath', folder: 'services', why: 'its business logic', example: `services/${m.name}.service.ts` },
    ];
    if (routeSources(m, 'api').length > 0) {
      required.push({ field: 'schemasPath', folder: 'schemas', why: 'the schemas of its API routes', example: `schemas/${m.name}.schema.ts` });
    }
    if (isDir(join(m.dir, 'migrations'))) {
      required.push({ field: 'modelsPath', folder: 'models', why: 'the types of the tables its migrations create', example: `models/${m.name}.model.ts` });
    }
    for (const r of required) {
      if (declares(m, r.field)) continue;
      const dir = componentPath(m, r.field, r.folder);
      if (dir && isDir(dir)) continue;
      report({
        code: 'MOD-001',
        module: m.name,
        file: m.definitionFile,
        line: m.definition.line,
        message: `self-contained module "${m.name}" has no ${r.folder}/ folder for ${r.why}`,
        fix: `Create ${m.name}/${r.example}, or set isSelfContained: false in definition.ts.`,
      });
    }
  }
}

/** MOD-008: a self-contained module declares its errors in exceptions.ts. */
export function checkExceptions(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    if (!m.definition.isSelfContained || declares(m, 'exceptionsPath')) continue;
    if (findSource(m.dir, 'exceptions')) continue;
    report(missingExceptions(m));
  }
}

function missingExceptions(m: DefinedModule): RawFinding {
  const prefix = m.name.replace(/-/g, '_').toUpperCase();
  return {
    code: 'MOD-008',
    module: m.name,
    file: m.definitionFile,
    line: m.definition.line,
    message: `self-contained module "${m.name}" has no exceptions.ts`,
    fix: `Add ${m.name}/exceptions.ts: \`export const ${prefix}_ERRORS = defineErrors({ ${prefix}_NOT_FOUND: { category: 'NOT_FOUND', message: '...' } })\`.`,
  };
}
