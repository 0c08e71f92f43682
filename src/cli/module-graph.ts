import { moduleTier, parseRequirement, type ModuleTier } from '../modules/base.ts';
import type { ModuleRegistry } from '../modules/registry.ts';

export type GraphFormat = 'mermaid' | 'dot';

/** Fill and stroke per tier, shared by both formats so the pictures agree. */
const TIER_STYLE: Readonly<Record<ModuleTier, { fill: string; stroke: string }>> = {
  core: { fill: '#dbeafe', stroke: '#1d4ed8' },
  optional: { fill: '#dcfce7', stroke: '#15803d' },
  internal: { fill: '#f3f4f6', stroke: '#6b7280' },
};

interface Edge {
  readonly from: string;
  readonly to: string;
  /** The version range of a pinned requirement (`payments@^1.2`). */
  readonly range: string | undefined;
}

function edges(registry: ModuleRegistry): Edge[] {
  return [...registry.MODULES.values()].flatMap((def) =>
    def.requires.map((entry) => {
      const { code, range } = parseRequirement(entry);
      return { from: def.code, to: code, range };
    }),
  );
}

/**
 * The dependency graph as a Mermaid flowchart: an edge `checkout --> cart`
 * reads "checkout requires cart"; each node carries its tier as a class.
 *
 * @example
 * renderGraph(registry, 'mermaid'); // "graph TD\n  ...\n  checkout --> cart\n ..."
 */
export function renderGraph(registry: ModuleRegistry, format: GraphFormat): string {
  return format === 'dot' ? renderDot(registry) : renderMermaid(registry);
}

function renderMermaid(registry: ModuleRegistry): string {
  // Mermaid ids cannot safely hold `-` (it starts an arrow): `dev-tools`
  // becomes the id `dev_tools` with the label "dev-tools".
  const id = (code: string) => code.replace(/-/g, '_');
  const lines = ['graph TD'];
  for (const [tier, style] of Object.entries(TIER_STYLE)) {
    lines.push(`  classDef ${tier} fill:${style.fill},stroke:${style.stroke}`);
  }
  for (const def of registry.MODULES.values()) {
    lines.push(`  ${id(def.code)}["${def.code}"]:::${moduleTier(def)}`);
  }
  for (const e of edges(registry)) {
    lines.push(`  ${id(e.from)} -->${e.range ? `|"${e.range}"|` : ''} ${id(e.to)}`);
  }
  return lines.join('\n');
}

function renderDot(registry: ModuleRegistry): string {
  const lines = [
    'digraph modules {',
    '  rankdir=TB;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
  ];
  for (const def of registry.MODULES.values()) {
    const tier = moduleTier(def);
    const style = TIER_STYLE[tier];
    lines.push(`  "${def.code}" [class="${tier}", fillcolor="${style.fill}", color="${style.stroke}", tooltip="${tier}"];`);
  }
  for (const e of edges(registry)) {
    lines.push(`  "${e.from}" -> "${e.to}"${e.range ? ` [label="${e.range.replace(/"/g, '\\"')}"]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n');
}
