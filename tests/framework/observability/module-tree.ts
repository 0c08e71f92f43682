import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths, so that module files written outside the repository can import the framework. */
export const FRAMEWORK_FILES = {
  base: fileURLToPath(new URL('../../../src/modules/base.ts', import.meta.url)),
  routes: fileURLToPath(new URL('../../../src/modules/routes.ts', import.meta.url)),
  errors: fileURLToPath(new URL('../../../src/exceptions/base.ts', import.meta.url)),
  frameworkErrors: fileURLToPath(new URL('../../../src/exceptions/framework-errors.ts', import.meta.url)),
};

export interface ModuleTree {
  readonly dir: string;
  remove(): void;
}

/**
 * Writes a throwaway modules tree: `files` maps paths relative to the tree
 * (`probe/definition.ts`) to their source.
 *
 * @example
 * const tree = writeModuleTree({ 'probe/definition.ts': definitionSource({ code: 'probe' }) });
 */
export function writeModuleTree(files: Readonly<Record<string, string>>): ModuleTree {
  const dir = mkdtempSync(join(tmpdir(), 'wz-modules-'));
  for (const [path, source] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Source of a `definition.ts` for an optional module; `healthCheck` is the body of an async function. */
export function definitionSource(options: { code: string; healthCheck?: string }): string {
  const check = options.healthCheck ? `,\n  healthCheck: async () => {\n    ${options.healthCheck}\n  }` : '';
  return [
    `import { defineModule } from ${JSON.stringify(FRAMEWORK_FILES.base)};`,
    `export const definition = defineModule({`,
    `  code: ${JSON.stringify(options.code)},`,
    `  name: ${JSON.stringify(options.code)}${check}`,
    `});`,
    '',
  ].join('\n');
}
