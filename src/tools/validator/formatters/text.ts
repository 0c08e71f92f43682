import { countBySeverity, type ValidationReport } from './validation-report.ts';

/**
 * The report for people: one block per finding, `file:line  SEVERITY  CODE
 * message` and the fix indented below it, then a one-line summary.
 */
export function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
    lines.push(`${where}  ${f.severity}  ${f.code}  ${f.message}`, `    fix: ${f.fix}`);
  }
  const c = countBySeverity(report.findings);
  const modules = `${report.modules.length} module${report.modules.length === 1 ? '' : 's'} in ${report.root}`;
  const baselined = report.baselined > 0 ? `; ${report.baselined} known finding(s) hidden by the baseline` : '';
  if (report.findings.length === 0) {
    lines.push(`Checked ${modules}: no findings${baselined}.`);
  } else {
    if (lines.length > 0) lines.push('');
    lines.push(`Checked ${modules}: ${c.ERROR} error(s), ${c.WARNING} warning(s), ${c.INFO} info${baselined}.`);
  }
  return `${lines.join('\n')}\n`;
}
