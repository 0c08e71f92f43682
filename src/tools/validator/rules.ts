import type { Severity } from './finding.ts';

/**
 * Every rule the architecture validator enforces, in one table (as Fastify
 * keeps its error codes): MOD-001 to MOD-015 are the specification's rules
 * translated to our TypeScript layout, with the specification's severities;
 * MOD-016 onwards come from its "Don't" list and from what discovery refuses
 * at boot. A test checks that codes are unique and that the documentation
 * lists each one.
 */
export interface Rule {
  readonly code: string;
  readonly severity: Severity;
  /** One line, as in the specification's table. */
  readonly title: string;
  /** What the rule checks in this code base. */
  readonly description: string;
  /** The usual fix; each finding also carries a fix naming its own file. */
  readonly fix: string;
}

export const RULES = [
  {
    code: 'MOD-001',
    severity: 'ERROR',
    title: 'Self-contained modules must have required directories',
    description:
      'A module with isSelfContained (the default) owns its code: it has services/ always, schemas/ when it has API routes, and models/ when it has migrations (each at the path its definition names, if any).',
    fix: 'Create the missing folder and move the module\'s code for it there, or set isSelfContained: false.',
  },
  {
    code: 'MOD-002',
    severity: 'WARNING',
    title: 'Services must contain actual code, not re-exports',
    description: 'A file in services/ that only imports and re-exports from elsewhere (or is empty) hides where the logic lives.',
    fix: 'Move the implementation into the services file, or import it from where it really lives.',
  },
  {
    code: 'MOD-003',
    severity: 'WARNING',
    title: 'Schemas must contain actual code, not re-exports',
    description: 'A file in schemas/ that only imports and re-exports from elsewhere (or is empty) hides where the schemas live.',
    fix: 'Declare the schemas in the schemas file, or import them from where they really live.',
  },
  {
    code: 'MOD-004',
    severity: 'WARNING',
    title: 'Routes must import from module, not legacy locations',
    description:
      'A route file may import its own module, the framework layer (src/core, src/middleware, src/api, src/exceptions, src/modules/*.ts) and packages; another module only through its public edge (index.ts); nothing else.',
    fix: 'Import another module through its index.ts, and move code from legacy locations into the module or the framework.',
  },
  {
    code: 'MOD-005',
    severity: 'WARNING',
    title: 'Modules with UI must have templates and static',
    description: 'A module with page routes (routes/pages/) needs templates/ (or its templatesPath) and static/.',
    fix: 'Add templates/<code>/<frontend>/ with the page templates and static/<frontend>/ with the page assets.',
  },
  {
    code: 'MOD-006',
    severity: 'INFO',
    title: 'Modules should have locales for i18n',
    description: 'Every module should have locales/ (or its localesPath) with at least one <language>.json.',
    fix: 'Add locales/en.json, de.json, fr.json and lu.json with the module\'s texts.',
  },
  {
    code: 'MOD-007',
    severity: 'ERROR',
    title: 'Definition paths must match directory structure',
    description:
      'servicesPath, modelsPath, schemasPath, exceptionsPath, templatesPath and localesPath, when given, must name an existing path inside the module folder.',
    fix: 'Correct the path in definition.ts, or create what it names, or remove the field to use the default.',
  },
  {
    code: 'MOD-008',
    severity: 'WARNING',
    title: 'Self-contained modules must have exceptions.ts',
    description: 'A self-contained module declares its error codes in exceptions.ts (or its exceptionsPath).',
    fix: 'Add exceptions.ts exporting the module\'s error table made with defineErrors().',
  },
  {
    code: 'MOD-009',
    severity: 'ERROR',
    title: 'Modules must have definition.ts for auto-discovery',
    description:
      'Every folder of the modules root (not starting with . or _) needs a definition.ts that exports `definition = defineModule({...})` with literal values, a valid code equal to the folder name, and only known fields.',
    fix: 'Add or correct definition.ts, or rename the folder with a leading _ if it is not a module.',
  },
  {
    code: 'MOD-010',
    severity: 'WARNING',
    title: 'Route files must export `router` variable',
    description: 'Every route file under routes/api/ and routes/pages/ must export `router` (made with defineRouter).',
    fix: 'Export the routes as `export const router = defineRouter(async (r) => { ... })`.',
  },
  {
    code: 'MOD-011',
    severity: 'WARNING',
    title: 'Tasks directory must have index.ts exporting `tasks`',
    description: 'tasks/index.ts is what task discovery reads; it must exist and export `tasks` (a list of defineTask results).',
    fix: 'Add tasks/index.ts with `export const tasks = [defineTask({...})]`.',
  },
  {
    code: 'MOD-012',
    severity: 'INFO',
    title: 'Locales should have all language files',
    description: 'A module\'s locales folder should hold en.json, de.json, fr.json and lu.json.',
    fix: 'Add the missing language file with the same keys as en.json.',
  },
  {
    code: 'MOD-013',
    severity: 'INFO',
    title: 'config.ts should export `config` and `configSchema`',
    description: 'The module config loader reads `configSchema` and `config` from config.ts.',
    fix: 'Export `configSchema` (a TypeBox object) and `config = loadModuleConfig(code, configSchema)`.',
  },
  {
    code: 'MOD-014',
    severity: 'WARNING',
    title: 'Migrations must follow naming convention',
    description:
      'Files in migrations/versions/ are named <code>_<sequence>_<description>.ts (code with - as _, a sequence of 3+ digits, lower-case description) and each sequence is used once.',
    fix: 'Rename the file, e.g. cms_002_add_sections.ts, with the next free sequence.',
  },
  {
    code: 'MOD-015',
    severity: 'WARNING',
    title: 'Migrations directory must be discoverable',
    description:
      'migrations/ holds only versions/, and versions/ holds only migration files, each exporting up(db) and down(db); anything else is never run.',
    fix: 'Move migration files into migrations/versions/, remove other files, and export async up and down functions.',
  },
  {
    code: 'MOD-016',
    severity: 'ERROR',
    title: 'Core modules must not depend on optional modules',
    description: 'A core module (isCore) may only require core modules: it is always on, and what it needs must be too.',
    fix: 'Remove the requirement, move the shared code into the core module, or make the module optional.',
  },
  {
    code: 'MOD-017',
    severity: 'ERROR',
    title: 'Module dependencies must not be circular',
    description: 'The `requires` graph must have no cycle; otherwise no module in it can be enabled first.',
    fix: 'Break the cycle: move the shared part into one module, or talk through events instead of requires.',
  },
  {
    code: 'MOD-018',
    severity: 'ERROR',
    title: 'Modules may only import modules they require',
    description:
      'A module\'s files (tests included) may import another module only if its definition lists that module in `requires`; otherwise disabling or removing that module breaks this one.',
    fix: 'Add the module to `requires`, or communicate through events instead of importing it.',
  },
  {
    code: 'MOD-019',
    severity: 'ERROR',
    title: 'Framework code must not import modules',
    description:
      'Framework code (src/core, src/middleware, src/api, src/exceptions and the files in src/modules/ itself; tests excluded) must not import a module: modules are discovered, never registered by hand, and framework-level code does not belong in a module.',
    fix: 'Move the code the framework needs out of the module into the framework, or reach the module through discovery or the registry.',
  },
  {
    code: 'MOD-020',
    severity: 'WARNING',
    title: 'Modules must import other modules through their public edge',
    description: 'Outside route files (see MOD-004), a module file may import another module only from its index.ts.',
    fix: 'Export what is needed from the other module\'s index.ts and import it from there.',
  },
  {
    code: 'MOD-021',
    severity: 'ERROR',
    title: 'Requirements must name installed modules',
    description:
      'Every `requires` entry names another installed module, with a valid version range that the installed version satisfies.',
    fix: 'Correct the code or the range, install the module, or remove the entry.',
  },
  {
    code: 'MOD-022',
    severity: 'ERROR',
    title: 'Route files must be named after a frontend',
    description: 'Files in routes/api/ and routes/pages/ are named admin, vendor, storefront or platform (index.ts is skipped).',
    fix: 'Rename the file to the frontend it serves, or move helpers out of the routes folder.',
  },
] as const satisfies readonly Rule[];

export type RuleCode = (typeof RULES)[number]['code'];

const BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));

/** The rule with this code; throws on an unknown code, which is a bug in a check. */
export function ruleOf(code: string): Rule {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`unknown validator rule ${code}`);
  return rule;
}
