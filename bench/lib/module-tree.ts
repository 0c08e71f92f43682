import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_MODULES_DIR, listModuleFolders } from '../../src/modules/discovery.ts';
import { mountPrefix } from '../../src/modules/routes.ts';

/** The repository root; scratch trees live in its git-ignored `tmp/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the benchmarks write their modules roots. Inside the repository, not
 * the OS temp dir, so that bare imports (`typebox`, `kysely`) in generated
 * files resolve against our node_modules; always the same paths with the same
 * content, so tsx's transform cache treats every run alike.
 */
export const BENCH_TMP = join(REPO_ROOT, 'tmp', 'bench');

type FileTree = Record<string, string>;

function frameworkUrl(relativeToSrc: string): string {
  return pathToFileURL(join(REPO_ROOT, 'src', relativeToSrc)).href;
}

function writeTree(root: string, files: FileTree): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** Empties (or creates) a modules root. */
export function resetRoot(name: string): string {
  const root = join(BENCH_TMP, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  return root;
}

/** `gen-m001`: the codes avoid an all-digit segment, which the migration file pattern would misread. */
export function generatedCode(index: number): string {
  return `gen-m${String(index).padStart(3, '0')}`;
}

/**
 * A synthetic optional module with the anatomy of a small real one: a
 * definition with menu items and permissions, an API router with three
 * schema-validated routes, two locales and a migration creating a table.
 * Modules come in chains of five (each requires the previous one) so the
 * dependency checks and ordering have edges to walk.
 */
export function generatedModuleFiles(index: number): FileTree {
  const code = generatedCode(index);
  const prefix = code.replace(/-/g, '_');
  const requires = index % 5 === 1 ? [] : [generatedCode(index - 1)];
  return {
    [`${code}/definition.ts`]: `import { defineModule } from '${frameworkUrl('modules/base.ts')}';

export const definition = defineModule({
  code: '${code}',
  name: 'Generated module ${index}',
  description: 'Synthetic module for the start-up benchmark.',
  version: '1.0.0',
  requires: ${JSON.stringify(requires)},
  menuItems: { admin: [{ id: '${code}', label: '${code}:menu.title', path: '/${code}' }] },
  permissions: [
    { code: '${code}.read', description: 'Read items' },
    { code: '${code}.write', description: 'Write items' },
  ],
});
`,
    [`${code}/routes/api/admin.ts`]: `import { Type } from 'typebox';
import { defineRouter } from '${frameworkUrl('modules/routes.ts')}';

const Item = Type.Object({ id: Type.Integer(), name: Type.String(), createdAt: Type.String() });

export const router = defineRouter(async (r) => {
  r.get(
    '/items',
    {
      schema: {
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
        response: { 200: Type.Object({ items: Type.Array(Item) }) },
      },
    },
    async () => ({ items: [] }),
  );
  r.get(
    '/items/:id',
    { schema: { params: Type.Object({ id: Type.Integer() }), response: { 200: Item } } },
    async (req) => ({ id: req.params.id, name: 'item', createdAt: new Date().toISOString() }),
  );
  r.post(
    '/items',
    { schema: { body: Type.Object({ name: Type.String({ minLength: 1 }) }), response: { 201: Item } } },
    async (req, reply) => reply.status(201).send({ id: 1, name: req.body.name, createdAt: new Date().toISOString() }),
  );
});
`,
    [`${code}/locales/en.json`]: JSON.stringify({ menu: { title: `Generated ${index}` }, errors: { notFound: 'Item not found' } }, null, 2),
    [`${code}/locales/fr.json`]: JSON.stringify({ menu: { title: `Généré ${index}` }, errors: { notFound: 'Élément introuvable' } }, null, 2),
    [`${code}/migrations/versions/${prefix}_001_create_items.ts`]: `import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('${prefix}_items')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql\`now()\`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('${prefix}_items').execute();
}
`,
  };
}

export function writeGeneratedModules(root: string, count: number): void {
  for (let i = 1; i <= count; i++) writeTree(root, generatedModuleFiles(i));
}

const SOURCE = /\.(ts|js|mjs)$/;

/**
 * Mirrors the real modules into another root without copying their code:
 * every source file becomes a one-line `export * from '<absolute path>'`, so
 * the real file runs from where it lives and its relative imports still
 * resolve; data files (locales, templates, static assets) are copied, since
 * the framework reads them by path. A module's `tests/` folder is skipped.
 * (Symlinks would not do: discovery only follows real directories.)
 */
export function writeMirroredRealModules(root: string, realDir: string = DEFAULT_MODULES_DIR): string[] {
  const codes = listModuleFolders(realDir);
  for (const code of codes) mirrorFolder(join(realDir, code), join(root, code));
  return codes;
}

function mirrorFolder(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'tests' || entry.name === 'node_modules') continue;
      mirrorFolder(source, target);
    } else if (entry.isFile()) {
      if (/\.(test|spec)\.(ts|js)$/.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
      mkdirSync(dirname(target), { recursive: true });
      if (SOURCE.test(entry.name)) {
        writeFileSync(target, `// mirror of ${relative(REPO_ROOT, source)}\nexport * from '${pathToFileURL(source).href}';\n`);
      } else {
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * The modules of the gate benchmark: the same trivial JSON route in a core
 * module (no gate: core modules cannot be disabled), in an optional one
 * (gated), and in a core module whose router adds a hook that spins for a
 * known time (`CALIBRATION_SPIN_US`): a cost of known size, to check that
 * the measurement sees one. Codes of equal length keep the URLs the same size.
 */
export const GATE_MODULES = { open: 'bench-open', gated: 'bench-gate', calibration: 'bench-slow' } as const;
export const GATE_ROUTE = '/hello';
export const CALIBRATION_SPIN_US = 1;

export function writeGateModules(root: string): void {
  const modules = [
    { code: GATE_MODULES.open, isCore: true, hook: '' },
    { code: GATE_MODULES.gated, isCore: false, hook: '' },
    {
      code: GATE_MODULES.calibration,
      isCore: true,
      hook: `  r.addHook('onRequest', (_request, _reply, done) => {
    const end = process.hrtime.bigint() + ${CALIBRATION_SPIN_US * 1000}n;
    while (process.hrtime.bigint() < end);
    done();
  });
`,
    },
  ];
  for (const { code, isCore, hook } of modules) {
    writeTree(root, {
      [`${code}/definition.ts`]: `import { defineModule } from '${frameworkUrl('modules/base.ts')}';

export const definition = defineModule({ code: '${code}', name: '${code}', isCore: ${isCore} });
`,
      [`${code}/routes/api/storefront.ts`]: `import { defineRouter } from '${frameworkUrl('modules/routes.ts')}';

export const router = defineRouter(async (r) => {
${hook}  r.get('${GATE_ROUTE}', async () => ({ hello: 'world' }));
});
`,
    });
  }
}

/** The URL path of the gate benchmark's route in a module. */
export function gateRoutePath(moduleCode: string): string {
  return mountPrefix('api', 'storefront', moduleCode) + GATE_ROUTE;
}
