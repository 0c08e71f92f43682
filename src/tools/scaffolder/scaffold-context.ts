import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frontend, ModuleTier } from '../../modules/base.ts';

/** This repository's `src/` and root: generated imports of the framework point here. */
const REPO_SRC = fileURLToPath(new URL('../../', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The framework files a generated module imports, relative to `src/` (and the test helper, to the repository). */
export const FRAMEWORK_FILES = {
  base: join(REPO_SRC, 'modules/base.ts'),
  routes: join(REPO_SRC, 'modules/routes.ts'),
  config: join(REPO_SRC, 'modules/config.ts'),
  queue: join(REPO_SRC, 'core/queue.ts'),
  tables: join(REPO_SRC, 'core/database/tables.ts'),
  errors: join(REPO_SRC, 'exceptions/base.ts'),
  auth: join(REPO_SRC, 'middleware/auth.ts'),
  apiSchemas: join(REPO_SRC, 'api/schemas.ts'),
  testApp: join(REPO_ROOT, 'tests/helpers/test-app.ts'),
} as const;

export type FrameworkFile = keyof typeof FRAMEWORK_FILES;

/** Everything the file templates need: the module's names in every spelling, and import paths. */
export interface ScaffoldContext {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly tier: ModuleTier;
  readonly requires: readonly string[];
  readonly frontends: readonly Frontend[];
  /** The folder the module is written to. */
  readonly moduleDir: string;
  /** `gift-cards` → `GiftCards`, `giftCards`, `gift_cards`, `GIFT_CARDS`. */
  readonly pascal: string;
  readonly camel: string;
  readonly snake: string;
  readonly constant: string;
  /** The module's table, `<snake>_items`. */
  readonly table: string;
  /** The migration file name, `<snake>_001_create_<table>.ts`. */
  readonly migrationFile: string;
  /**
   * The import specifier of a framework file from a folder of the module
   * (`''` for the module folder itself). Computed from where the module is
   * written, so a module generated outside `src/modules` still resolves.
   */
  importFrom(folder: string, file: FrameworkFile): string;
}

export interface ContextInput {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly tier: ModuleTier;
  readonly requires: readonly string[];
  readonly frontends: readonly Frontend[];
  /** The folder the module is written to. */
  readonly moduleDir: string;
}

export function scaffoldContext(input: ContextInput): ScaffoldContext {
  const words = input.code.split('-');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const snake = words.join('_');
  const table = `${snake}_items`;
  return {
    ...input,
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    snake,
    constant: snake.toUpperCase(),
    table,
    migrationFile: `${snake}_001_create_${table}.ts`,
    importFrom(folder, file) {
      const rel = relative(join(input.moduleDir, folder), FRAMEWORK_FILES[file]).split(sep).join('/');
      return rel.startsWith('.') ? rel : `./${rel}`;
    },
  };
}

/** `gift-cards` → `Gift Cards`: the default display name. */
export function titleOf(code: string): string {
  return code
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A single-quoted TypeScript string literal. */
export function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
