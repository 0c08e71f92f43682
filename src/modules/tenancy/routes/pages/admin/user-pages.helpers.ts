import type { FastifyRequest } from 'fastify';
import { LANGUAGE_INFO, isLanguage } from '../../../../locales.ts';
import { ROLE_LABEL_KEYS } from '../../../services/role-permissions.ts';

/**
 * What the admin users and vendor users pages share: the page size and
 * links of their lists, and the functions their templates format with.
 */
export const PAGE_SIZE = 25;

/** Functions the admin pages' templates share: dates in the reader's language, role names. */
export function pageHelpers(request: FastifyRequest) {
  const dates = new Intl.DateTimeFormat(LANGUAGE_INFO[request.language].tag, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    when: (date: Date | null | undefined) => (date ? dates.format(date) : ''),
    /** A built-in role's translated name, else the custom role's stored name. */
    roleLabel: (role: string | null, customName?: string | null) =>
      role && Object.hasOwn(ROLE_LABEL_KEYS, role) ? request.t(ROLE_LABEL_KEYS[role as keyof typeof ROLE_LABEL_KEYS]) : (customName ?? role ?? ''),
    languageName: (code: string) => (isLanguage(code) ? LANGUAGE_INFO[code].name : code),
  };
}

export interface Pager {
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly from: number;
  readonly to: number;
  readonly prevUrl: string | undefined;
  readonly nextUrl: string | undefined;
}

/** Page numbers and links for a list, keeping its filters in the links. */
export function pager(request: FastifyRequest, path: string, filters: Record<string, string | undefined>, page: number, total: number): Pager {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    if (n > 1) query.set('page', String(n));
    const qs = query.toString();
    return `${request.urlPrefix}${path}${qs ? `?${qs}` : ''}`;
  };
  return {
    page,
    pages,
    total,
    from: total === 0 ? 0 : Math.min(total, (page - 1) * PAGE_SIZE + 1),
    to: Math.min(total, page * PAGE_SIZE),
    prevUrl: page > 1 ? link(page - 1) : undefined,
    nextUrl: page < pages ? link(page + 1) : undefined,
  };
}

