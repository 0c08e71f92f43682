import { join } from 'node:path';
import { findSource } from '../../../modules/discovery.ts';
import type { Report } from '../finding.ts';
import type { ModulesTree } from '../modules-tree.ts';
import { sourceFacts } from '../source-facts.ts';
import { definedModules, inModule, isDir } from './check.ts';

/** MOD-011: task discovery reads tasks/index.ts and its `tasks` export. */
export function checkTasks(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    const dir = join(m.dir, 'tasks');
    if (!isDir(dir)) continue;
    const index = findSource(dir, 'index');
    if (index && sourceFacts(index).valueExports.has('tasks')) continue;
    report({
      code: 'MOD-011',
      module: m.name,
      file: index ?? dir,
      message: index ? `${inModule(m, index)} does not export \`tasks\`` : `${m.name}/tasks/ has no index.ts, so its tasks are never discovered`,
      fix: `${index ? 'Export' : 'Add tasks/index.ts with'} \`export const tasks = [defineTask({ name: '${m.name}.<task>', handler })]\`.`,
    });
  }
}

/** MOD-013: the module config loader reads `configSchema` and `config` from config.ts. */
export function checkConfigExports(tree: ModulesTree, report: Report): void {
  for (const m of definedModules(tree)) {
    const file = findSource(m.dir, 'config');
    if (!file) continue;
    const exported = sourceFacts(file).valueExports;
    const missing = ['configSchema', 'config'].filter((n) => !exported.has(n));
    if (missing.length === 0) continue;
    report({
      code: 'MOD-013',
      module: m.name,
      file,
      message: `config.ts does not export ${missing.map((n) => `\`${n}\``).join(' and ')}`,
      fix: `Export \`configSchema = Type.Object({...})\` and \`config = loadModuleConfig('${m.name}', configSchema)\`.`,
    });
  }
}
