import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { ModuleProblem } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';

/** The shared templates: layouts, partials, error pages, icons and the `common` locales. */
export const SHARED_TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
export const SHARED_LOCALES_DIR = join(SHARED_TEMPLATES_DIR, 'locales');
export const ICONS_DIR = join(SHARED_TEMPLATES_DIR, 'icons');

/**
 * Where the loader looks, in order: the shared templates first, so no module
 * can replace the base layout by accident, then each module's `templates/`.
 * A module's templates live below `templates/<code>/<frontend>/`, so names
 * of different modules never collide.
 */
export function templateSearchPaths(registry: ModuleRegistry, sharedDir: string = SHARED_TEMPLATES_DIR): string[] {
  const paths = [sharedDir];
  for (const manifest of registry.manifests.values()) {
    if (manifest.templatesDir) paths.push(manifest.templatesDir);
  }
  return paths;
}

/**
 * Checks that each module keeps its templates in `templates/<code>/`: a
 * template anywhere else could shadow another module's or a shared one.
 */
export function checkTemplateFolders(registry: ModuleRegistry): ModuleProblem[] {
  const problems: ModuleProblem[] = [];
  for (const [code, manifest] of registry.manifests) {
    if (!manifest.templatesDir) continue;
    for (const entry of readdirSync(manifest.templatesDir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || (entry.isDirectory() && entry.name === code)) continue;
      problems.push({
        module: code,
        file: join(manifest.templatesDir, entry.name),
        reason: `templates must live in templates/${code}/<frontend>/ so that names never collide with other modules`,
      });
    }
  }
  return problems;
}

/** The inline SVG icon set: name → the SVG's inner markup. */
export type IconSet = ReadonlyMap<string, string>;

/**
 * Reads `src/templates/icons/*.svg`. Icons are 24×24, stroked with
 * `currentColor`, so they take the colour and size of the text around them.
 */
export function loadIconSet(dir: string = ICONS_DIR): IconSet {
  const icons = new Map<string, string>();
  for (const file of readdirSync(dir).filter((n) => n.endsWith('.svg')).sort()) {
    const svg = readFileSync(join(dir, file), 'utf8');
    const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)?.[1];
    if (inner) icons.set(file.slice(0, -4), inner.trim().replace(/\s*\n\s*/g, ''));
  }
  return icons;
}

export interface IconOptions {
  /** Extra CSS classes, e.g. `icon--lg`. */
  class?: string;
  /** An accessible name; without one the icon is decorative and hidden from screen readers. */
  label?: string;
  /** Width and height in pixels (default: 1em via CSS). */
  size?: number;
}

/** Renders an icon as inline SVG; an unknown name renders nothing rather than breaking the page. */
export function renderIcon(icons: IconSet, name: string, options: IconOptions = {}): string {
  const inner = icons.get(name);
  if (inner === undefined) return '';
  const cls = ['icon', options.class].filter(Boolean).join(' ');
  const size = options.size ? ` width="${Number(options.size)}" height="${Number(options.size)}"` : '';
  const a11y = options.label
    ? ` role="img" aria-label="${escapeAttribute(options.label)}"`
    : ' aria-hidden="true" focusable="false"';
  return (
    `<svg class="${escapeAttribute(cls)}" data-icon="${escapeAttribute(name)}"${size} viewBox="0 0 24 24" fill="none" stroke="currentColor" ` +
    `stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round"${a11y}>${inner}</svg>`
  );
}

export interface TemplateEnvironmentOptions {
  readonly searchPaths: readonly string[];
  /** Keep compiled templates in memory (production); off, every render re-reads the file (development). */
  readonly cache: boolean;
  readonly icons: IconSet;
  /** Appended to asset URLs as `?v=` so a new release is never served from a stale browser cache. */
  readonly assetVersion: string;
}

/**
 * The Nunjucks environment every page is rendered with. Autoescaping is on:
 * only markup built by the framework (icons) is marked safe.
 *
 * Globals for templates: `static(path)` → `/static/<path>?v=…`,
 * `moduleStatic(code, path)` → `/static/modules/<code>/<path>?v=…`,
 * `icon(name, { class, label, size })`, `iconNames`.
 *
 * @example
 * const env = createTemplateEnvironment({ searchPaths, cache: true, icons, assetVersion: '1' });
 * env.render('dev-tools/admin/icons.njk', context);
 */
export function createTemplateEnvironment(options: TemplateEnvironmentOptions): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([...options.searchPaths], { noCache: !options.cache, watch: false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  const version = encodeURIComponent(options.assetVersion);
  const assetUrl = (path: string) => `/static/${String(path).replace(/^\/+/, '')}?v=${version}`;
  env.addGlobal('static', assetUrl);
  env.addGlobal('moduleStatic', (code: string, path: string) => assetUrl(`modules/${code}/${String(path).replace(/^\/+/, '')}`));
  env.addGlobal('icon', (name: string, opts?: IconOptions) => new nunjucks.runtime.SafeString(renderIcon(options.icons, name, opts)));
  env.addGlobal('iconNames', Object.freeze([...options.icons.keys()]));
  env.addFilter('dedent', dedent);
  env.addFilter('asTemplate', asTemplate);
  return env;
}

/** Removes the common indentation of a block of text (for showing markup as code). */
export function dedent(text: unknown): string {
  const lines = String(text).replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

const RENDERED_ICON = /<svg class="icon(?: ([^"]*))?" data-icon="([^"]+)"[^>]*>[\s\S]*?<\/svg>/g;

/**
 * Shows rendered markup the way a template author writes it: each inline
 * icon becomes its `{{ icon('name') }}` call again, and the common
 * indentation is removed. For "show the code" panels.
 */
export function asTemplate(html: unknown): string {
  return dedent(
    String(html).replace(RENDERED_ICON, (_svg, extra: string | undefined, name: string) =>
      extra ? `{{ icon('${name}', { class: '${extra}' }) }}` : `{{ icon('${name}') }}`,
    ),
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
