import { resolve } from 'node:path';
import { DEFAULT_MODULES_DIR } from '../../modules/discovery.ts';
import { applyBaseline, baselineExists, readBaseline, writeBaseline } from './baseline.ts';
import type { Finding } from './finding.ts';
import { formatJson } from './formatters/json.ts';
import { formatSarif } from './formatters/sarif.ts';
import type { ValidationReport } from './formatters/validation-report.ts';
import { formatText } from './formatters/text.ts';
import { ValidatorUsageError } from './usage-error.ts';
import { validateModules } from './validate.ts';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface RunValidateOptions {
  /** Modules root to check; default `src/modules`. */
  root?: string;
  format?: Format;
  /** Fail on warnings too. */
  strict?: boolean;
  /** Baseline file: created with today's findings when missing, then only new findings count. */
  baseline?: string;
  /** Rewrite the baseline with today's findings. */
  updateBaseline?: boolean;
  /** Working directory: paths in the report are relative to it. */
  cwd?: string;
}

export interface RunValidateResult {
  /** 0 when nothing fails the run, 1 when it does. */
  readonly exitCode: 0 | 1;
  /** The report in the chosen format. */
  readonly output: string;
  /** Remarks for stderr (a baseline written). */
  readonly notes: readonly string[];
  /** The findings that count (not in the baseline). */
  readonly findings: readonly Finding[];
}

/**
 * What `wizamart validate` does, minus the process: validate, apply the
 * baseline, format, and decide the exit status. ERROR findings fail the
 * run; WARNING findings fail it under `strict`; INFO never does.
 */
export function runValidate(options: RunValidateOptions = {}): RunValidateResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  const format = options.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ValidatorUsageError(`unknown format "${String(format)}" (expected ${FORMATS.join(', ')})`);
  }
  const result = validateModules(resolve(cwd, options.root ?? DEFAULT_MODULES_DIR), { baseDir: cwd });
  const notes: string[] = [];
  let findings: readonly Finding[] = result.findings;
  let baselined = 0;
  if (options.baseline !== undefined) {
    const path = resolve(cwd, options.baseline);
    if (options.updateBaseline || !baselineExists(path)) {
      writeBaseline(path, result.findings);
      notes.push(`baseline ${options.baseline} written with ${result.findings.length} finding(s)`);
    }
    const applied = applyBaseline(result.findings, readBaseline(path));
    findings = applied.fresh;
    baselined = applied.known;
  } else if (options.updateBaseline) {
    throw new ValidatorUsageError('--update-baseline needs --baseline FILE');
  }
  const report: ValidationReport = { root: result.root, modules: result.modules, findings, baselined };
  const output = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, { srcRoot: cwd }) : formatText(report);
  const fails = findings.some((f) => f.severity === 'ERROR' || (options.strict === true && f.severity === 'WARNING'));
  return { exitCode: fails ? 1 : 0, output, notes, findings };
}
