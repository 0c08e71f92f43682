import type { Finding, Severity } from '../finding.ts';

export type SeverityCounts = Readonly<Record<Severity, number>>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: Record<Severity, number> = { ERROR: 0, WARNING: 0, INFO: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** What a formatter receives: the findings to show and how many a baseline hid. */
export interface ValidationReport {
  readonly root: string;
  readonly modules: readonly string[];
  readonly findings: readonly Finding[];
  readonly baselined: number;
}
