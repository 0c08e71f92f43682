import { MODULE_CODE_PATTERN } from '../../../modules/base.ts';
import { PATH_FIELDS } from '../definition-reader.ts';
import type { Report } from '../finding.ts';
import { insideModule } from '../import-target.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { definedModules, pathExists } from './check.ts';

const CODE = new RegExp(MODULE_CODE_PATTERN);
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** MOD-009: every module folder has a definition.ts that discovery can load, read statically. */
export function checkDefinitions(tree: ModulesTree, report: Report): void {
  for (const m of tree.modules) {
    if (!m.definitionFile || !m.read) {
      report({
        code: 'MOD-009',
        module: m.name,
        file: m.dir,
        message: `folder "${m.name}" has no definition.ts, so discovery cannot load it as a module`,
        fix: `Add ${m.name}/definition.ts with \`export const definition = defineModule({ code: '${m.name}', name: '...' })\`, or rename the folder to _${m.name} if it is not a module.`,
      });
      continue;
    }
    if (!m.read.ok) {
      for (const p of m.read.problems) {
        report({
          code: 'MOD-009',
          module: m.name,
          file: m.definitionFile,
          line: p.line,
          message: `definition.ts ${p.message}`,
          fix: 'Write `export const definition = defineModule({ ... })` with literal values for code, version, requires, isCore, isInternal, isSelfContained and the paths.',
        });
      }
      continue;
    }
    const def = m.read.facts;
    const at = { code: 'MOD-009', module: m.name, file: m.definitionFile } as const;
    if (!CODE.test(def.code.value)) {
      report({ ...at, line: def.code.line, message: `code "${def.code.value}" is not a valid module code`, fix: 'Use lower-case letters, digits and hyphens, starting with a letter (e.g. gift-cards), for the code and the folder.' });
    } else if (def.code.value !== m.name) {
      report({ ...at, line: def.code.line, message: `code "${def.code.value}" does not match the folder name "${m.name}"`, fix: `Set code: '${m.name}', or rename the folder to ${def.code.value}.` });
    }
    if (!VERSION.test(def.version)) {
      report({ ...at, line: def.line, message: `version "${def.version}" is not a semantic version`, fix: 'Use MAJOR.MINOR.PATCH, e.g. 1.0.0.' });
    }
    if (def.isCore && def.isInternal) {
      report({ ...at, line: def.line, message: 'is both isCore and isInternal; a module has one tier', fix: 'Keep isCore: true (always on) or isInternal: true (admin-only), not both.' });
    }
  }
}

/** MOD-007: every path the definition names exists inside the module folder. */
export function checkDefinitionPaths(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    for (const field of PATH_FIELDS) {
      const declared = m.definition.paths[field];
      if (!declared) continue;
      const at = { code: 'MOD-007', module: m.name, file: m.definitionFile, line: declared.line } as const;
      const full = insideModule(m.dir, declared.value);
      if (full === undefined) {
        report({ ...at, message: `${field} "${declared.value}" points outside the module folder`, fix: `Give ${field} relative to ${m.name}/, e.g. '${defaultFor(field)}'.` });
      } else if (!pathExists(full)) {
        report({ ...at, message: `${field} "${declared.value}" does not exist in ${m.name}/`, fix: `Create ${m.name}/${declared.value}, correct the path, or remove ${field} to use '${defaultFor(field)}'.` });
      }
    }
  }
}

function defaultFor(field: (typeof PATH_FIELDS)[number]): string {
  return field === 'exceptionsPath' ? 'exceptions.ts' : field.replace(/Path$/, '');
}
