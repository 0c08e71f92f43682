/**
 * A failure the operator can act on (a wrong argument, a database in use):
 * the CLI prints its message alone, without a stack, and exits non-zero.
 *
 * @example
 * throw new CliError(`unknown module "${code}"`);
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
