import type { ScaffoldContext } from '../scaffold-context.ts';

/** The languages every module ships, as the specification lists them. */
export const SCAFFOLD_LANGUAGES = ['en', 'de', 'fr', 'lu'] as const;
export type ScaffoldLanguage = (typeof SCAFFOLD_LANGUAGES)[number];

const TEXTS: Readonly<Record<ScaffoldLanguage, { subtitle: string; filter: string; empty: string; notFound: string; taken: string }>> = {
  en: {
    subtitle: 'Items on this platform: {{count}}',
    filter: 'Filter',
    empty: 'No items yet.',
    notFound: 'Item {{id}} does not exist.',
    taken: 'An item named "{{name}}" already exists.',
  },
  de: {
    subtitle: 'Einträge auf dieser Plattform: {{count}}',
    filter: 'Filtern',
    empty: 'Noch keine Einträge.',
    notFound: 'Eintrag {{id}} existiert nicht.',
    taken: 'Ein Eintrag namens „{{name}}“ existiert bereits.',
  },
  fr: {
    subtitle: 'Éléments sur cette plateforme : {{count}}',
    filter: 'Filtrer',
    empty: 'Aucun élément pour l’instant.',
    notFound: 'L’élément {{id}} n’existe pas.',
    taken: 'Un élément nommé « {{name}} » existe déjà.',
  },
  lu: {
    subtitle: 'Elementer op dëser Plattform: {{count}}',
    filter: 'Filteren',
    empty: 'Nach keng Elementer.',
    notFound: 'Element {{id}} gëtt et net.',
    taken: 'En Element mam Numm „{{name}}“ gëtt et schonn.',
  },
};

/** `locales/<language>.json`: the module's namespace (`<code>:...`) in one language. */
export function renderLocale(c: ScaffoldContext, language: ScaffoldLanguage): string {
  const t = TEXTS[language];
  const body = {
    title: c.name,
    menu: { [c.code]: c.name },
    page: { subtitle: t.subtitle, filter: t.filter, empty: t.empty },
    errors: { [`${c.constant}_ITEM_NOT_FOUND`]: t.notFound, [`${c.constant}_ITEM_NAME_TAKEN`]: t.taken },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
