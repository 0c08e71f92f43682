/** One thing wrong with one module, reported at start-up by file and reason. */
export interface ModuleProblem {
  readonly module: string;
  readonly file?: string | undefined;
  readonly reason: string;
}

/**
 * Raised when modules cannot be loaded or their dependencies are broken.
 * It carries every problem at once; `main.ts` prints them without a stack.
 */
export class ModuleLoadError extends Error {
  readonly problems: readonly ModuleProblem[];
  constructor(problems: readonly ModuleProblem[]) {
    super(`${problems.length} module problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ModuleLoadError';
    this.problems = problems;
  }
}

export function formatProblem(p: ModuleProblem): string {
  return `  - [${p.module}]${p.file ? ` ${p.file}:` : ''} ${p.reason}`;
}
