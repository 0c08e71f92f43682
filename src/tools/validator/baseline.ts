import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding } from './finding.ts';
import { ValidatorUsageError } from './usage-error.ts';

/**
 * A baseline records the findings a tree has today, so that adopting a rule
 * (or the validator) on an existing tree fails only on new findings. Entries
 * match by rule, file and message, never by line, so edits above a known
 * finding do not turn it into a new one; a finding that occurs twice needs
 * two entries.
 */
export interface BaselineFile {
  readonly tool: 'wizamart-validate';
  readonly version: 1;
  readonly findings: ReadonlyArray<{ readonly code: string; readonly file: string; readonly message: string }>;
}

export function writeBaseline(path: string, findings: readonly Finding[]): void {
  const body: BaselineFile = {
    tool: 'wizamart-validate',
    version: 1,
    findings: findings.map((f) => ({ code: f.code, file: f.file, message: f.message })),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
}

export function readBaseline(path: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidatorUsageError(`cannot read baseline ${path}: ${(error as Error).message}`);
  }
  const b = parsed as Partial<BaselineFile>;
  const valid =
    b.tool === 'wizamart-validate' &&
    b.version === 1 &&
    Array.isArray(b.findings) &&
    b.findings.every((f) => typeof f?.code === 'string' && typeof f.file === 'string' && typeof f.message === 'string');
  if (!valid) throw new ValidatorUsageError(`${path} is not a wizamart-validate baseline (version 1)`);
  return b as BaselineFile;
}

export function baselineExists(path: string): boolean {
  return existsSync(path);
}

/** The findings the baseline does not account for, and how many it did. */
export function applyBaseline(findings: readonly Finding[], baseline: BaselineFile): { fresh: Finding[]; known: number } {
  const remaining = new Map<string, number>();
  for (const f of baseline.findings) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  const fresh: Finding[] = [];
  let known = 0;
  for (const f of findings) {
    const left = remaining.get(key(f)) ?? 0;
    if (left > 0) {
      remaining.set(key(f), left - 1);
      known += 1;
    } else {
      fresh.push(f);
    }
  }
  return { fresh, known };
}

function key(f: { code: string; file: string; message: string }): string {
  return `${f.code}\0${f.file}\0${f.message}`;
}
