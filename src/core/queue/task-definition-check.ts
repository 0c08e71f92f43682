import { Cron } from 'croner';

/** Letters, digits, `.`, `_`, `-`: BullMQ gives `:` a meaning in its keys and scheduler ids. */
export const TASK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** The width of `task_runs.task_name`. */
const MAX_NAME_LENGTH = 200;
const KNOWN_KEYS = new Set(['name', 'handler', 'attempts', 'backoffMs', 'schedule', 'perPlatform']);

/**
 * Everything wrong with a task declaration, as readable reasons (empty when
 * it is fine). Unknown keys are refused so that a misspelt `schedule` does
 * not silently leave a task unscheduled.
 */
export function checkTaskDefinition(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['not a task (use defineTask({ name, handler }))'];
  const task = value as Record<string, unknown>;
  const issues: string[] = [];
  const { name, handler, attempts, backoffMs, schedule, perPlatform } = task;
  if (typeof name !== 'string' || !TASK_NAME_PATTERN.test(name) || name.length > MAX_NAME_LENGTH) {
    issues.push(`name: expected up to ${MAX_NAME_LENGTH} letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)})`);
  }
  if (typeof handler !== 'function') issues.push('handler: expected a function');
  if (attempts !== undefined && !(Number.isInteger(attempts) && (attempts as number) >= 1)) {
    issues.push(`attempts: expected an integer >= 1 (got ${JSON.stringify(attempts)})`);
  }
  if (backoffMs !== undefined && !(Number.isInteger(backoffMs) && (backoffMs as number) >= 0)) {
    issues.push(`backoffMs: expected an integer >= 0 (got ${JSON.stringify(backoffMs)})`);
  }
  if (schedule !== undefined) {
    const problem = checkCron(schedule);
    if (problem) issues.push(`schedule: ${problem}`);
  }
  if (perPlatform !== undefined && typeof perPlatform !== 'boolean') issues.push('perPlatform: expected true or false');
  for (const key of Object.keys(task)) {
    if (!KNOWN_KEYS.has(key)) issues.push(`${key}: unknown option (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  return issues;
}

/** Why a cron expression is refused, or `undefined` when it is valid. */
export function checkCron(expression: unknown): string | undefined {
  if (typeof expression !== 'string') return `expected a cron expression (got ${JSON.stringify(expression)})`;
  // The plain field form is what croner (in-process) and BullMQ's
  // cron-parser both read the same way; nicknames such as `@daily` are not.
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return `"${expression}" is not a cron expression of 5 fields (or 6, seconds first)`;
  try {
    // Without a callback croner only parses; nothing is scheduled.
    new Cron(expression, { timezone: 'UTC' });
    return undefined;
  } catch (error) {
    return `"${expression}" is not a valid cron expression (${error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error)})`;
  }
}

/** Thrown by `defineTask` at import; the module loader reports it against the tasks file. */
export class TaskDefinitionError extends Error {
  /** Named `issues`, not `problems`: the loaders treat `problems` as configuration errors. */
  readonly issues: readonly string[];
  constructor(name: unknown, issues: readonly string[]) {
    super(`invalid task${typeof name === 'string' ? ` "${name}"` : ''}: ${issues.join('; ')}`);
    this.name = 'TaskDefinitionError';
    this.issues = issues;
  }
}
