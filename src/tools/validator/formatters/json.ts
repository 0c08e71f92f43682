import { ruleOf } from '../rules.ts';
import type { Severity } from '../finding.ts';
import { countBySeverity, type ValidationReport } from './validation-report.ts';

/**
 * The `--format json` document. Its shape is part of the tool's contract
 * (documented in docs/writing-a-module.md); `version` changes if it does.
 */
export interface JsonReport {
  readonly tool: 'wizamart-validate';
  readonly version: 1;
  /** The modules root checked, relative to the working directory. */
  readonly root: string;
  readonly modules: readonly string[];
  readonly summary: { readonly ERROR: number; readonly WARNING: number; readonly INFO: number; readonly baselined: number };
  readonly findings: ReadonlyArray<{
    readonly code: string;
    readonly severity: Severity;
    readonly title: string;
    readonly module: string | null;
    readonly file: string;
    readonly line: number | null;
    readonly message: string;
    readonly fix: string;
  }>;
}

export function toJsonReport(report: ValidationReport): JsonReport {
  return {
    tool: 'wizamart-validate',
    version: 1,
    root: report.root,
    modules: report.modules,
    summary: { ...countBySeverity(report.findings), baselined: report.baselined },
    findings: report.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      title: ruleOf(f.code).title,
      module: f.module ?? null,
      file: f.file,
      line: f.line ?? null,
      message: f.message,
      fix: f.fix,
    })),
  };
}

export function formatJson(report: ValidationReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
