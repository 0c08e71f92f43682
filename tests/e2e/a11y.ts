/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** One accessibility problem axe found, with where it is. */
export interface A11yViolation {
  readonly id: string;
  readonly impact: 'serious' | 'critical';
  readonly help: string;
  readonly helpUrl: string;
  /** CSS selectors of the offending elements (the first few). */
  readonly targets: readonly string[];
  /** axe's explanation for the first element. */
  readonly summary: string;
}

export interface A11yOptions {
  /** Limit the check to part of the page (a CSS selector). Default: the whole document. */
  readonly include?: string;
  /** Rule ids to skip, each with a reason in the caller's code. */
  readonly disableRules?: readonly string[];
}

interface AxeNode { target: unknown[]; failureSummary?: string }
interface AxeResult { id: string; impact?: string | null; help: string; helpUrl: string; nodes: AxeNode[] }

let axeSource: string | undefined;

/** axe-core's browser bundle, read once from node_modules (a dev dependency; nothing is downloaded). */
function axeScript(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

/**
 * Runs axe-core in the page (WCAG 2.0/2.1 A and AA rules plus best
 * practices) and returns the violations of impact serious or critical.
 * Minor and moderate findings are left out: the check gates on what
 * blocks people, not on style.
 *
 * @example
 * expect(await seriousA11yViolations(page)).toEqual([]);
 */
export async function seriousA11yViolations(page: Page, options: A11yOptions = {}): Promise<A11yViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axeScript() });
  const results = await page.evaluate(
    async ({ include, disableRules }) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }> } }).axe;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const run = await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        rules,
        resultTypes: ['violations'],
      });
      return run.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
        summary: v.nodes[0]?.failureSummary ?? '',
      }));
    },
    { include: options.include ?? null, disableRules: [...(options.disableRules ?? [])] },
  );
  return results.flatMap((v) => (v.impact === 'serious' || v.impact === 'critical' ? [{ ...v, impact: v.impact }] : []));
}

/** The violations as readable lines, for an assertion message. */
export function describeViolations(violations: readonly A11yViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}\n  ${v.summary.replace(/\n/g, '\n  ')}`).join('\n');
}
