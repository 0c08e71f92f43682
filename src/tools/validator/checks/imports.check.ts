import { join, relative, sep } from 'node:path';
import { parseRequirement } from '../../../modules/base.ts';
import type { Report } from '../finding.ts';
import { classifyImport, within } from '../import-target.ts';
import { isTestFile, type ModulesTree } from '../modules-tree.ts';
import { sourceFacts } from '../source-facts.ts';
import { definedModules, inModule } from './check.ts';

/**
 * Module boundaries, from the imports each file really has:
 * MOD-004 route files import only their module, the framework, packages
 * and other modules' public edges; MOD-020 the same public-edge rule for
 * every other file; MOD-018 a module imports only modules it requires.
 */
export function checkModuleImports(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    const required = new Set(m.definition.requires.map((r) => parseRequirement(r.value).code));
    const routesDir = join(m.dir, 'routes');
    for (const file of m.sourceFiles) {
      const isRoute = within(routesDir, file) !== undefined && !isTestFile(file);
      for (const imp of sourceFacts(file).imports) {
        const target = classifyImport(tree, file, m.name, imp.specifier);
        const at = { module: m.name, file, line: imp.line } as const;
        if (target.kind === 'module') {
          if (!required.has(target.module)) {
            report({
              ...at,
              code: 'MOD-018',
              message: `imports module "${target.module}" ('${imp.specifier}') but does not list it in \`requires\``,
              fix: `Add '${target.module}' to requires in ${m.name}/definition.ts, or talk to ${target.module} through events instead of importing it.`,
            });
          }
          if (!target.publicEdge) {
            const internal = relative(join(tree.root, target.module), target.path).split(sep).join('/');
            report({
              ...at,
              code: isRoute ? 'MOD-004' : 'MOD-020',
              message: `${isRoute ? 'route ' : ''}${inModule(m, file)} imports ${target.module}/${internal}, an internal file of module "${target.module}"`,
              fix: `Export what you need from ${target.module}/index.ts and import it from '${relativeSpecifier(file, join(tree.root, target.module, 'index.ts'))}'.`,
            });
          }
        } else if (target.kind === 'outside' && isRoute) {
          report({
            ...at,
            code: 'MOD-004',
            message: `route ${inModule(m, file)} imports '${imp.specifier}', a legacy location outside the module structure and the framework layer`,
            fix: `Move that code into ${m.name}/ (services/, schemas/, ...) or into the framework layer, and import it from there.`,
          });
        }
      }
    }
  }
}

/** MOD-019: framework files never import a module; modules are discovered. */
export function checkFrameworkImports(tree: ModulesTree, report: Report): void {
  for (const file of tree.frameworkFiles) {
    for (const imp of sourceFacts(file).imports) {
      const target = classifyImport(tree, file, undefined, imp.specifier);
      if (target.kind !== 'module') continue;
      report({
        code: 'MOD-019',
        module: undefined,
        file,
        line: imp.line,
        message: `framework file imports module "${target.module}" ('${imp.specifier}')`,
        fix: `Move what the framework needs out of ${target.module}/ into the framework layer, or reach the module through discovery and the registry.`,
      });
    }
  }
}

function relativeSpecifier(fromFile: string, to: string): string {
  const rel = relative(join(fromFile, '..'), to).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
