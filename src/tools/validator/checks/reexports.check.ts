import type { Report } from '../finding.ts';
import { isTestFile, listSourcesDeep, type ModulesTree } from '../modules-tree.ts';
import { sourceFacts } from '../source-facts.ts';
import { componentPath, definedModules, inModule, isDir } from './check.ts';

const KINDS = [
  { code: 'MOD-002', field: 'servicesPath', folder: 'services', what: 'service' },
  { code: 'MOD-003', field: 'schemasPath', folder: 'schemas', what: 'schemas' },
] as const;

/**
 * MOD-002 and MOD-003: files in services/ and schemas/ hold code of their
 * own. A file that only re-exports (a leftover shim pointing at a legacy
 * location, or a barrel inside the module) hides where the code lives.
 */
export function checkNoReexportOnly(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    for (const kind of KINDS) {
      const dir = componentPath(m, kind.field, kind.folder);
      if (!dir || !isDir(dir)) continue;
      for (const file of listSourcesDeep(dir, new Set())) {
        if (isTestFile(file)) continue;
        const facts = sourceFacts(file);
        if (facts.hasOwnCode) continue;
        const from = facts.imports[0]?.specifier;
        report({
          code: kind.code,
          module: m.name,
          file,
          line: facts.imports[0]?.line,
          message: from
            ? `${inModule(m, file)} only re-exports (from '${from}') and has no ${kind.what} code of its own`
            : `${inModule(m, file)} is empty`,
          fix: from
            ? `Move the ${kind.what} code from '${from}' into this file, or import it from where it lives and delete this file.`
            : `Write the ${kind.what} code in this file or delete it.`,
        });
      }
    }
  }
}
