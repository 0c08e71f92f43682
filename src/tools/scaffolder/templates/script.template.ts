import type { ScaffoldContext } from '../scaffold-context.ts';

/** `static/<frontend>/js/<code>.js`: served at `/static/modules/<code>/<frontend>/js/<code>.js`. */
export function renderScript(c: ScaffoldContext): string {
  return `// ${c.name} page: a filter over the list. The box stays hidden without
// scripts, where the page still lists every item.
(() => {
  const list = document.querySelector('[data-${c.code}-list]');
  const filter = list && list.querySelector('[data-${c.code}-filter]');
  if (!list || !filter) return;
  filter.hidden = false;
  filter.addEventListener('input', () => {
    const query = filter.value.trim().toLowerCase();
    for (const item of list.querySelectorAll('[data-${c.code}-item]')) {
      item.hidden = query !== '' && !item.textContent.toLowerCase().includes(query);
    }
  });
})();
`;
}
