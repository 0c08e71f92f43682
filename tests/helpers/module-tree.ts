import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute import specifier of a framework file, for module files written outside src/. */
export function frameworkImport(relativeToSrc: string): string {
  return pathToFileURL(fileURLToPath(new URL(`../../src/${relativeToSrc}`, import.meta.url))).href;
}

export type FileTree = Record<string, string>;

/** A throwaway modules root in the OS temp dir; `remove()` deletes it. */
export interface ModuleTree {
  readonly root: string;
  write(files: FileTree): void;
  remove(): void;
}

export function createModuleTree(files: FileTree = {}): ModuleTree {
  const root = mkdtempSync(join(tmpdir(), 'wz-modules-'));
  const tree: ModuleTree = {
    root,
    write(more) {
      for (const [path, content] of Object.entries(more)) {
        const full = join(root, path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  tree.write(files);
  return tree;
}

export interface DefinitionFields {
  code: string;
  name?: string;
  requires?: string[];
  isCore?: boolean;
  isInternal?: boolean;
  version?: string;
  extra?: string;
}

/** The source of a `definition.ts` for a throwaway module. */
export function definitionSource(f: DefinitionFields): string {
  return `import { defineModule } from '${frameworkImport('modules/base.ts')}';
export const definition = defineModule({
  code: '${f.code}',
  name: '${f.name ?? f.code}',
  version: '${f.version ?? '1.0.0'}',
  isCore: ${f.isCore ?? false},
  isInternal: ${f.isInternal ?? false},
  requires: ${JSON.stringify(f.requires ?? [])},
  ${f.extra ?? ''}
});
`;
}

/** An API router answering `GET /ping` with `{ module }`. */
export function pingRouterSource(module: string): string {
  return `import { Type } from 'typebox';
import { defineRouter } from '${frameworkImport('modules/routes.ts')}';
export const router = defineRouter(async (r) => {
  r.get('/ping', { schema: { response: { 200: Type.Object({ module: Type.String() }) } } }, async () => ({ module: '${module}' }));
});
`;
}
