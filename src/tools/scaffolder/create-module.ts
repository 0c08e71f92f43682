import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ScaffoldContext } from './scaffold-context.ts';
import { planModule, type CreateModuleOptions } from './scaffold-plan.ts';
import { renderApiRoute } from './templates/api-route.template.ts';
import { renderConfig } from './templates/config.template.ts';
import { renderDefinition } from './templates/definition.template.ts';
import { renderExceptions } from './templates/exceptions.template.ts';
import { renderIndex } from './templates/index.template.ts';
import { SCAFFOLD_LANGUAGES, renderLocale } from './templates/locales.template.ts';
import { renderMigration } from './templates/migration.template.ts';
import { renderModel } from './templates/model.template.ts';
import { renderPageRoute } from './templates/page-route.template.ts';
import { renderSchema } from './templates/schema.template.ts';
import { renderScript } from './templates/script.template.ts';
import { renderService } from './templates/service.template.ts';
import { renderTasks } from './templates/tasks.template.ts';
import { renderTest } from './templates/test.template.ts';
import { renderView } from './templates/view.template.ts';

export interface CreatedModule {
  readonly code: string;
  readonly dir: string;
  /** Written files, relative to the module folder, in writing order. */
  readonly files: readonly string[];
}

/** Every file of a new module, by its path inside the module folder. */
export function moduleFiles(c: ScaffoldContext): Map<string, string> {
  const files = new Map<string, string>([
    ['definition.ts', renderDefinition(c)],
    ['index.ts', renderIndex(c)],
    ['config.ts', renderConfig(c)],
    ['exceptions.ts', renderExceptions(c)],
  ]);
  for (const f of c.frontends) files.set(`routes/api/${f}.ts`, renderApiRoute(c, f));
  for (const f of c.frontends) files.set(`routes/pages/${f}.ts`, renderPageRoute(c, f));
  files.set(`services/${c.code}.service.ts`, renderService(c));
  files.set(`models/${c.code}-item.model.ts`, renderModel(c));
  files.set(`schemas/${c.code}.schema.ts`, renderSchema(c));
  files.set(`migrations/versions/${c.migrationFile}`, renderMigration(c));
  for (const f of c.frontends) files.set(`templates/${c.code}/${f}/index.njk`, renderView(c, f));
  for (const f of c.frontends) files.set(`static/${f}/js/${c.code}.js`, renderScript(c));
  for (const lang of SCAFFOLD_LANGUAGES) files.set(`locales/${lang}.json`, renderLocale(c, lang));
  files.set('tasks/index.ts', renderTasks(c));
  files.set(`tests/${c.code}.test.ts`, renderTest(c));
  return files;
}

/**
 * `wizamart module create`: writes a complete, self-contained module that
 * boots, serves, renders, migrates and passes the validator. All options
 * are checked first; the files are written to a hidden staging folder
 * (which discovery skips) and moved into place in one rename, so a refusal
 * or a failure leaves the modules root as it was.
 *
 * @example
 * const created = createModule({ code: 'gift-cards', requires: ['payments'], frontends: ['admin', 'vendor'] });
 */
export function createModule(options: CreateModuleOptions): CreatedModule {
  const context = planModule(options);
  const moduleDir = context.moduleDir;
  const staging = join(dirname(moduleDir), `.${context.code}.scaffold-${randomBytes(4).toString('hex')}`);
  const files = moduleFiles(context);
  try {
    for (const [path, text] of files) {
      const full = join(staging, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    renameSync(staging, moduleDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { code: context.code, dir: moduleDir, files: [...files.keys()] };
}
