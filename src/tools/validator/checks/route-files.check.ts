import { basename } from 'node:path';
import { FRONTENDS } from '../../../modules/base.ts';
import type { Report } from '../finding.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { sourceFacts } from '../source-facts.ts';
import { definedModules, inModule, routeSources } from './check.ts';

/**
 * MOD-022 and MOD-010: route discovery mounts `routes/<api|pages>/<frontend>.ts`
 * by its file name and calls its `router` export; a file with another name
 * stops the app at boot, a file without `router` is never served.
 */
export function checkRouteFiles(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    for (const kind of ['api', 'pages'] as const) {
      for (const file of routeSources(m, kind)) {
        const stem = basename(file).replace(/\.(ts|js|mjs)$/, '');
        if (!(FRONTENDS as readonly string[]).includes(stem)) {
          report({
            code: 'MOD-022',
            module: m.name,
            file,
            message: `route file ${inModule(m, file)} is not named after a frontend (${FRONTENDS.join(', ')})`,
            fix: `Rename it to routes/${kind}/<frontend>.ts, or move its helpers out of routes/${kind}/.`,
          });
          continue;
        }
        const facts = sourceFacts(file);
        if (facts.valueExports.has('router')) continue;
        report({
          code: 'MOD-010',
          module: m.name,
          file,
          message: facts.exportsAll
            ? `route file ${inModule(m, file)} does not export \`router\` by name (export * cannot be checked)`
            : `route file ${inModule(m, file)} does not export \`router\``,
          fix: 'Export its routes as `export const router = defineRouter(async (r) => { ... })`.',
        });
      }
    }
  }
}
