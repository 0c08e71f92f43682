import type { FastifyRequest } from 'fastify';

/** What the media pages show around a file: readable sizes and where it is used. */

/** `1.4 MB`, `820 kB`, `12 B` in the page's language. */
export function formatBytes(bytes: number, languageTag: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(languageTag, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

export interface UsageView {
  readonly owner: string;
  readonly label: string;
  /** The back-office page of the user, when there is one. */
  readonly href: string | null;
}

/** `cms_page:12` → "Content page #12" linking to its editor; `cms_theme:3` → "Storefront theme". */
export function describeUsages(request: FastifyRequest, owners: readonly string[], backOfficeBase: string): UsageView[] {
  return owners.map((owner) => {
    const [type, id] = owner.split(':');
    if (type === 'cms_page') return { owner, label: request.t('cms:media.usage.page', { id }), href: `${request.urlPrefix}${backOfficeBase}/content-pages/${id}` };
    if (type === 'cms_theme') return { owner, label: request.t('cms:media.usage.theme'), href: `${request.urlPrefix}${backOfficeBase}/themes` };
    return { owner, label: owner, href: null };
  });
}
