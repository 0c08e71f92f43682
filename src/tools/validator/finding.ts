/**
 * What the validator reports. A finding names the rule it breaks, where
 * (file, and line when there is one), what is wrong and how to fix it.
 */

/** The specification's three severities; only ERROR (and WARNING with `--strict`) fail a run. */
export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface Finding {
  /** Rule code, e.g. `MOD-004`. */
  readonly code: string;
  readonly severity: Severity;
  /** The module folder the finding belongs to; undefined for framework files. */
  readonly module: string | undefined;
  /** Path relative to the run's base directory, with `/` separators. */
  readonly file: string;
  /** 1-based line, when the finding points at one. */
  readonly line: number | undefined;
  /** What is wrong. Holds no line number, so a baseline survives edits above it. */
  readonly message: string;
  /** How to fix it, for this finding. */
  readonly fix: string;
}

/** What a check hands to `report`: the file is absolute, the severity comes from the rules table. */
export interface RawFinding {
  readonly code: string;
  readonly module?: string | undefined;
  readonly file: string;
  readonly line?: number | undefined;
  readonly message: string;
  readonly fix: string;
}

export type Report = (finding: RawFinding) => void;

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = Object.freeze({ ERROR: 0, WARNING: 1, INFO: 2 });
