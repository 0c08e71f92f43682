import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';

interface CreateFlags {
  tier: 'core' | 'optional' | 'internal';
  requires?: string[];
  name?: string;
  description?: string;
  frontends: string[];
  modulesDir?: string;
}

/**
 * `wizamart module create <code>`: the module scaffolder. It joins the
 * `modules` command group when one is registered (and answers to `module`
 * there too), else it makes a `module` group of its own.
 */
export function register(program: Command): void {
  let group = program.commands.find((c) => c.name() === 'modules' || c.name() === 'module' || c.aliases().includes('module'));
  if (!group) group = program.command('module').description('create modules');
  else if (group.name() !== 'module' && !group.aliases().includes('module')) group.alias('module');

  group
    .command('create <code>')
    .description('write a new self-contained module: definition, config, errors, routes, page, service, model and migration, schema, template, script, locales, task and test')
    .addOption(new Option('--tier <tier>', 'core (always on), optional (per platform) or internal (admin-only)').choices(['core', 'optional', 'internal']).default('optional'))
    .option('--requires <codes>', 'comma-separated codes of installed modules it needs', list)
    .option('--name <name>', 'display name (default: the code in title case)')
    .option('--description <text>', 'one sentence on what the module does')
    .option('--frontends <list>', 'comma-separated frontends to generate an API route and a page for', list, ['admin'])
    .option('--modules-dir <dir>', "the modules root to write into (default: the project's src/modules)")
    .action(async (code: string, flags: CreateFlags) => {
      process.stdout.write(await moduleCreateCommand(code, flags));
    });
}

/** Creates the module as the command does and answers what to print. */
export async function moduleCreateCommand(code: string, flags: CreateFlags): Promise<string> {
  const [{ createModule }, { ScaffoldError }] = await Promise.all([
    import('../../tools/scaffolder/create-module.ts'),
    import('../../tools/scaffolder/scaffold-error.ts'),
  ]);
  try {
    const created = createModule({
      code,
      tier: flags.tier,
      requires: flags.requires ?? [],
      frontends: flags.frontends,
      ...(flags.modulesDir !== undefined ? { modulesDir: flags.modulesDir } : {}),
      ...(flags.name !== undefined ? { name: flags.name } : {}),
      ...(flags.description !== undefined ? { description: flags.description } : {}),
    });
    const where = relative(process.cwd(), created.dir) || created.dir;
    return [
      `Created module ${created.code} in ${where}:`,
      ...created.files.map((f) => `  ${f}`),
      '',
      'Next:',
      `  npm run validate                      # the architecture rules (expect no findings)`,
      `  npx vitest run ${where}     # its tests`,
      `  wizamart modules enable ${created.code} --platform <code>`,
      '',
    ].join('\n');
  } catch (error) {
    // A refusal is the operator's to fix; exit 2 like other usage errors.
    if (error instanceof ScaffoldError) throw new CliError(error.message, 2);
    throw error;
  }
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
