import { describe, expect, it } from 'vitest';
import { defineTask } from '../queue.ts';
import { checkCron, checkTaskDefinition, TaskDefinitionError } from './task-definition-check.ts';

const handler = async () => undefined;

describe('task declarations', () => {
  it('accepts a minimal task and every documented option', () => {
    expect(checkTaskDefinition({ name: 'analytics.rollup', handler })).toEqual([]);
    expect(
      checkTaskDefinition({ name: 'analytics.rollup', handler, attempts: 5, backoffMs: 0, schedule: '*/10 * * * * *', perPlatform: false }),
    ).toEqual([]);
  });

  it('names each bad field, and refuses unknown ones so a misspelt schedule is not silently ignored', () => {
    expect(checkTaskDefinition({ name: 'a:b', handler: 'x', attempts: 0, backoffMs: 1.5, perPlatform: 'yes', scheduel: '* * * * *' })).toEqual([
      'name: expected up to 200 letters, digits, ".", "_" or "-" (got "a:b")',
      'handler: expected a function',
      'attempts: expected an integer >= 1 (got 0)',
      'backoffMs: expected an integer >= 0 (got 1.5)',
      'perPlatform: expected true or false',
      'scheduel: unknown option (known: name, handler, attempts, backoffMs, schedule, perPlatform)',
    ]);
  });

  it('takes cron expressions of 5 or 6 fields only', () => {
    expect(checkCron('0 3 * * *')).toBeUndefined();
    expect(checkCron('* * * * * *')).toBeUndefined();
    expect(checkCron('@daily')).toMatch(/not a cron expression of 5 fields/);
    expect(checkCron('0 25 * * *')).toMatch(/^"0 25 \* \* \*" is not a valid cron expression \(.*hour/);
  });

  it('makes defineTask throw at import, naming the task', () => {
    expect(() => defineTask({ name: 'reports.build', schedule: 'often', handler })).toThrow(TaskDefinitionError);
    expect(() => defineTask({ name: 'reports.build', schedule: 'often', handler })).toThrow(/^invalid task "reports.build": schedule: /);
  });
});
