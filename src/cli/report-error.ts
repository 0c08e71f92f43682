import { formatProblem, type ModuleProblem } from '../modules/module-problems.ts';
import { CliError } from './cli-error.ts';

/**
 * The text printed when a command or the server fails. Known failures
 * (broken modules, bad settings, a failed migration, a service error, a
 * CLI misuse, an unreachable database) are described by their problems,
 * never by a stack: the reader is an operator, and a stack would bury the
 * file and reason they need. Only an unexpected error (a bug) keeps it.
 *
 * The framework's errors are recognised by `name` and shape rather than
 * `instanceof`, so reporting a failure never imports TypeBox or Kysely
 * (the CLI's `--help` stays fast).
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `Error: ${String(error)}`;
  const problems = (error as { problems?: unknown }).problems;
  if (error.name === 'ModuleLoadError' && Array.isArray(problems)) {
    return `Cannot load the modules: ${problems.length} problem(s)\n${(problems as ModuleProblem[]).map(formatProblem).join('\n')}`;
  }
  if (error.name === 'EnvConfigError' && Array.isArray(problems)) {
    return `Invalid configuration:\n${problems.map((p) => `  - ${String(p)}`).join('\n')}`;
  }
  if (error.name === 'MigrationError') return `Migration failed: ${error.message}`;
  if (error.name === 'AppError') return `Error: ${error.message} (${String((error as { code?: unknown }).code)})`;
  if (error instanceof CliError) return `Error: ${error.message}`;
  if (isConnectionError(error)) return `Cannot reach the database: ${error.message || error.code}`;
  return error.stack ?? `${error.name}: ${error.message}`;
}

/** Writes the failure to stderr and answers the exit code to use. */
export function reportFailure(error: unknown): number {
  process.stderr.write(`${describeFailure(error)}\n`);
  return error instanceof CliError ? error.exitCode : 1;
}

/** Network and login errors from `pg` (a wrong DATABASE_URL, a server down) are operator errors, not bugs. */
function isConnectionError(error: Error): error is Error & { code: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|28P01|28000|3D000)$/.test(code);
}
