import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICON_CATEGORIES, groupIcons } from '../../../src/modules/dev-tools/index.ts';
import { ICONS_DIR, asTemplate, dedent, loadIconSet, renderIcon } from '../../../src/modules/templates.ts';

const icons = loadIconSet();

describe('the icon set', () => {
  it('loads every SVG file of src/templates/icons by its file name', () => {
    const files = readdirSync(ICONS_DIR).filter((f) => f.endsWith('.svg'));
    expect([...icons.keys()].sort()).toEqual(files.map((f) => f.slice(0, -4)).sort());
    for (const [name, inner] of icons) expect(inner, name).toMatch(/^<(path|rect|circle|ellipse)\b/);
  });

  it('renders decorative icons hidden from screen readers, labelled ones as images, with attributes escaped', () => {
    expect(renderIcon(icons, 'check')).toMatch(/^<svg class="icon" data-icon="check" viewBox="0 0 24 24" .*aria-hidden="true" focusable="false"><path/);
    const labelled = renderIcon(icons, 'check', { label: 'Done "now" <ok>', class: 'icon--lg', size: 32 });
    expect(labelled).toContain('class="icon icon--lg"');
    expect(labelled).toContain('width="32" height="32"');
    expect(labelled).toContain('role="img" aria-label="Done &quot;now&quot; &lt;ok&gt;"');
    expect(labelled).not.toContain('aria-hidden');
  });

  it('renders nothing for an unknown name instead of breaking the page', () => {
    expect(renderIcon(icons, 'no-such-icon')).toBe('');
  });

  it('groups every icon for the browser; the groups name only icons that exist', () => {
    for (const [category, names] of Object.entries(ICON_CATEGORIES)) {
      for (const name of names) expect(icons.has(name), `${category}: ${name}`).toBe(true);
    }
    const grouped = groupIcons(icons).flatMap((g) => g.icons);
    expect(grouped.sort()).toEqual([...icons.keys()].sort());
  });
});

describe('showing markup as template source', () => {
  it('turns rendered icons back into icon() calls and removes the common indentation', () => {
    const html = `
        <button class="btn">${renderIcon(icons, 'plus')}<span>Add</span></button>
          ${renderIcon(icons, 'trending-up', { class: 'icon--sm' })}`;
    expect(asTemplate(html)).toBe(`<button class="btn">{{ icon('plus') }}<span>Add</span></button>\n  {{ icon('trending-up', { class: 'icon--sm' }) }}`);
  });

  it('dedents text with blank lines', () => {
    expect(dedent('\n    a\n\n      b\n    ')).toBe('a\n\n  b');
  });
});
