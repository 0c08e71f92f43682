import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../finding.ts';
import { RULES } from '../rules.ts';
import type { ValidationReport } from './validation-report.ts';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { ERROR: 'error', WARNING: 'warning', INFO: 'note' };

/**
 * SARIF 2.1.0 for code-scanning tools. Every rule is listed with its
 * default level and fix as help text; each result points at its file
 * relative to %SRCROOT% (the working directory) and carries a fingerprint
 * that ignores the line, so moving code does not open a new alert.
 */
export function toSarif(report: ValidationReport, options: { srcRoot?: string; toolVersion?: string } = {}): Record<string, unknown> {
  const ruleIndex = new Map<string, number>(RULES.map((r, i) => [r.code, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wizamart-validate',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: { text: r.fix },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        ...(options.srcRoot ? { originalUriBaseIds: { '%SRCROOT%': { uri: toDirUri(options.srcRoot) } } } : {}),
        results: report.findings.map((f) => result(f, ruleIndex.get(f.code) ?? -1)),
      },
    ],
  };
}

export function formatSarif(report: ValidationReport, options: { srcRoot?: string; toolVersion?: string } = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.message}. Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          ...(f.line === undefined ? {} : { region: { startLine: f.line } }),
        },
      },
    ],
    partialFingerprints: { 'wizamart/v1': fingerprint(f) },
  };
}

/** Stable across line moves: the rule, the file and the message. */
export function fingerprint(f: Pick<Finding, 'code' | 'file' | 'message'>): string {
  return createHash('sha256').update(`${f.code}\0${f.file}\0${f.message}`).digest('hex').slice(0, 32);
}

function toDirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
