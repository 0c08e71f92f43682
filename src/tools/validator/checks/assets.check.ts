import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../finding.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { componentPath, declares, definedModules, isDir, routeSources } from './check.ts';

/** The languages every module ships (the specification's en, de, fr, lu). */
export const LANGUAGES = ['en', 'de', 'fr', 'lu'] as const;

/** MOD-005: a module with pages has templates/ and static/. */
export function checkUiAssets(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    if (routeSources(m, 'pages').length === 0) continue;
    const missing: string[] = [];
    const templates = componentPath(m, 'templatesPath', 'templates');
    if (!declares(m, 'templatesPath') && !(templates && isDir(templates))) missing.push('templates/');
    if (!isDir(join(m.dir, 'static'))) missing.push('static/');
    for (const folder of missing) {
      report({
        code: 'MOD-005',
        module: m.name,
        file: m.definitionFile,
        line: m.definition.line,
        message: `module "${m.name}" has page routes but no ${folder} folder`,
        fix:
          folder === 'templates/'
            ? `Add ${m.name}/templates/${m.name}/<frontend>/index.njk for its pages.`
            : `Add ${m.name}/static/<frontend>/js/${m.name}.js (and css/) for its pages' assets.`,
      });
    }
  }
}

/** MOD-006 and MOD-012: a module has locales, in every language. */
export function checkLocales(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    const dir = componentPath(m, 'localesPath', 'locales');
    if (declares(m, 'localesPath') && !(dir && isDir(dir))) continue; // MOD-007
    const at = { module: m.name, file: m.definitionFile, line: m.definition.line } as const;
    const present = dir && isDir(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
    if (present.length === 0) {
      report({
        ...at,
        code: 'MOD-006',
        message: `module "${m.name}" has no locale files`,
        fix: `Add ${m.name}/locales/${LANGUAGES.map((l) => `${l}.json`).join(', ')} with its texts.`,
      });
      continue;
    }
    for (const lang of LANGUAGES) {
      if (present.includes(`${lang}.json`)) continue;
      report({
        ...at,
        code: 'MOD-012',
        message: `module "${m.name}" has no ${lang}.json locale`,
        fix: `Add ${m.name}/${m.definition.paths.localesPath?.value ?? 'locales'}/${lang}.json with the same keys as the other languages.`,
      });
    }
  }
}
