import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';

interface ValidateFlags {
  format: 'text' | 'json' | 'sarif';
  strict?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  output?: string;
}

/**
 * `wizamart validate [modules-root]`: the architecture validator (rules
 * MOD-001 onwards, see docs/writing-a-module.md). The validator is imported
 * inside the action: it needs the TypeScript compiler, a dev dependency
 * that a production install of `serve` does not have.
 */
export function register(program: Command): void {
  program
    .command('validate')
    .description('check the modules against the architecture rules (exit 1 on an ERROR, or a WARNING with --strict)')
    .argument('[modules-root]', 'modules root to check (default: the project\'s src/modules)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--strict', 'fail on warnings too')
    .option('--baseline <file>', 'only findings not recorded in this file count; the file is created with today\'s findings if missing')
    .option('--update-baseline', 'rewrite the --baseline file with today\'s findings')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(async (root: string | undefined, flags: ValidateFlags) => {
      process.exitCode = await validateCommand(root, flags);
    });
}

/** Runs the validator as the command does and answers the exit status (0 clean, 1 failing findings). */
export async function validateCommand(root: string | undefined, flags: ValidateFlags): Promise<number> {
  const [{ runValidate }, { ValidatorUsageError }] = await Promise.all([
    import('../../tools/validator/run.ts'),
    import('../../tools/validator/usage-error.ts'),
  ]);
  try {
    const result = runValidate({
      ...(root !== undefined ? { root } : {}),
      format: flags.format,
      strict: flags.strict ?? false,
      ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
      updateBaseline: flags.updateBaseline ?? false,
    });
    for (const note of result.notes) process.stderr.write(`${note}\n`);
    if (flags.output) writeFileSync(flags.output, result.output);
    else process.stdout.write(result.output);
    return result.exitCode;
  } catch (error) {
    // Usage mistakes exit with 2, so CI can tell "the tree is wrong" from "the call is wrong".
    if (error instanceof ValidatorUsageError) throw new CliError(error.message, 2);
    throw error;
  }
}
