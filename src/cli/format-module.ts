import type { ModuleChangeResult } from '../modules/service.ts';
import { formatTable } from './cli-context.ts';
import type { ModuleDetails } from './module-details.ts';

/** `modules show` for a person: one section per component, empty ones said to be empty. */
export function formatModuleDetails(d: ModuleDetails): string {
  const def = d.definition;
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : '(none)');
  const out: string[] = [
    `${d.code} — ${d.name} (${d.tier}, v${d.version})`,
    d.description ? `  ${d.description}` : '',
    '',
    formatTable([
      ['  folder', d.dir],
      ['  definition', d.definitionFile],
      ['  requires', list(d.requires)],
      ['  all dependencies', list(d.dependencies)],
      ['  required by', list(d.dependents)],
      ['  all dependents', list(d.allDependents)],
      ['  features', list(def.features)],
      ['  self-contained', String(def.isSelfContained)],
      ['  health check', def.healthCheck ? 'yes' : 'no'],
      ['  templates', d.templatesDir ?? '(none)'],
      ['  static files', d.staticDir ?? '(none)'],
      ['  locales', list(d.locales)],
    ]),
  ];
  const paths = (['servicesPath', 'modelsPath', 'schemasPath', 'exceptionsPath', 'templatesPath', 'localesPath'] as const)
    .filter((k) => def[k] !== undefined)
    .map((k) => [`    ${k}`, String(def[k])]);
  if (paths.length > 0) out.push('', '  Paths:', formatTable(paths));
  const menus = Object.entries(def.menuItems).flatMap(([frontend, items]) =>
    (items ?? []).map((m) => [`    ${frontend}`, m.id, m.path, m.label, m.permission ?? '']),
  );
  out.push('', `  Menu items: ${menus.length === 0 ? '(none)' : ''}`);
  if (menus.length > 0) out.push(formatTable(menus));
  out.push('', `  Permissions: ${def.permissions.length === 0 ? '(none)' : ''}`);
  if (def.permissions.length > 0) out.push(formatTable(def.permissions.map((p) => [`    ${p.code}`, p.description])));
  out.push('', `  Events: ${def.events.length === 0 ? '(none)' : ''}`);
  if (def.events.length > 0) out.push(formatTable(def.events.map((e) => [`    ${e.name}`, e.description])));
  out.push('', `  Routes: ${d.routes.length === 0 ? '(none)' : ''}`);
  if (d.routes.length > 0) out.push(formatTable(d.routes.map((r) => [`    ${r.kind}/${r.frontend}`, r.mountedAt, r.file])));
  out.push('', `  Tasks: ${d.tasksError ? `cannot load: ${d.tasksError}` : d.tasks.length === 0 ? '(none)' : ''}`);
  if (d.tasks.length > 0) {
    out.push(formatTable(d.tasks.map((t) => [`    ${t.name}`, t.schedule ?? 'on demand', t.perPlatform ? 'per platform' : 'global'])));
  }
  if (!d.config) out.push('', '  Configuration: (none)');
  else {
    out.push('', `  Configuration (${d.config.file}, variables ${d.config.envPrefix}*):`);
    if (d.config.error) out.push(`    cannot load: ${d.config.error}`);
    out.push(
      formatTable(
        d.config.variables.map((v) => [`    ${v.env}`, v.type, v.default === undefined ? '(no default)' : `default ${JSON.stringify(v.default)}`, v.description ?? '']),
      ),
    );
  }
  out.push('', `  Migrations: ${d.migrations.length === 0 && d.migrationProblems.length === 0 ? '(none)' : ''}`);
  if (d.migrations.length > 0) out.push(formatTable(d.migrations.map((m) => [`    ${m.id}`, m.name, m.file])));
  for (const p of d.migrationProblems) out.push(`    problem: ${p}`);
  return out.map((line) => line.trimEnd()).filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}

/** The plan of an enable or disable, one line per module with the reason it changes. */
export function formatChange(result: ModuleChangeResult): string {
  const verb = result.action === 'enable' ? 'enabled' : 'disabled';
  if (result.changed.length === 0) {
    return `Nothing to do: ${result.module} is already ${verb} on platform "${result.platform}".`;
  }
  const state = (on: boolean) => (on ? 'enabled' : 'disabled');
  const heading = `${result.action === 'enable' ? 'Enabling' : 'Disabling'} ${result.module} on platform "${result.platform}"${result.dryRun ? ' (dry run: nothing written)' : ''}:`;
  const rows = result.plan.map((s) => [`  ${s.module}`, `${state(s.from)} → ${state(s.to)}`, s.reason]);
  const footer = `${result.dryRun ? 'Would change' : 'Changed'} ${result.changed.length} module(s): ${result.changed.join(', ')}`;
  return [heading, formatTable(rows), footer].join('\n');
}
