import { AppError } from '../../../exceptions/base.ts';
import type { IconSet } from '../../templates.ts';
import { DEV_TOOLS_ERRORS } from '../exceptions.ts';

/**
 * Groups of the platform's icon set, in the order the icon browser shows
 * them. An icon added to `src/templates/icons/` without a group here still
 * appears, under `other`.
 */
export const ICON_CATEGORIES = {
  navigation: ['dashboard', 'home', 'layout', 'layers', 'menu', 'list', 'more-horizontal', 'chevron-left', 'chevron-right', 'chevron-up', 'chevron-down', 'arrow-left', 'arrow-right', 'arrow-up-down', 'external-link', 'log-out'],
  commerce: ['store', 'package', 'shopping-cart', 'credit-card', 'receipt', 'truck', 'tag', 'percent', 'currency-euro', 'warehouse', 'map-pin', 'building'],
  people: ['user', 'users', 'message', 'mail', 'inbox', 'bell'],
  content: ['file-text', 'image', 'palette', 'book-open', 'calendar', 'clock', 'globe', 'star', 'chart-bar', 'trending-up', 'trending-down', 'activity', 'database', 'server'],
  actions: ['search', 'plus', 'minus', 'edit', 'trash', 'copy', 'filter', 'download', 'upload', 'refresh', 'check', 'x', 'eye', 'settings', 'sun', 'moon'],
  status: ['info', 'help-circle', 'alert-triangle', 'alert-circle', 'check-circle', 'x-circle', 'lock', 'key', 'shield-check'],
  developer: ['code', 'terminal', 'zap', 'puzzle', 'shapes'],
} as const satisfies Record<string, readonly string[]>;

export type IconCategory = keyof typeof ICON_CATEGORIES | 'other';

export interface IconGroup {
  readonly category: IconCategory;
  readonly icons: readonly string[];
}

export interface IconDetail {
  readonly name: string;
  readonly category: IconCategory;
  /** The other icons of its group. */
  readonly related: readonly string[];
}

/** The icon set by group; groups without an installed icon are left out. */
export function groupIcons(icons: IconSet): IconGroup[] {
  const placed = new Set<string>();
  const groups: IconGroup[] = [];
  for (const [category, names] of Object.entries(ICON_CATEGORIES) as [IconCategory, readonly string[]][]) {
    const present = names.filter((n) => icons.has(n));
    present.forEach((n) => placed.add(n));
    if (present.length > 0) groups.push({ category, icons: present });
  }
  const other = [...icons.keys()].filter((n) => !placed.has(n));
  if (other.length > 0) groups.push({ category: 'other', icons: other });
  return groups;
}

/** One icon with its group; DEV_TOOLS_ICON_NOT_FOUND when the set has no such icon. */
export function getIcon(icons: IconSet, name: string): IconDetail {
  if (!icons.has(name)) throw new AppError(DEV_TOOLS_ERRORS.DEV_TOOLS_ICON_NOT_FOUND, { icon: name });
  const group = groupIcons(icons).find((g) => g.icons.includes(name))!;
  return { name, category: group.category, related: group.icons.filter((n) => n !== name) };
}
