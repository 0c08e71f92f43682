import type { DashboardWidget, WidgetInput } from '../../widgets.ts';
import type { ViewContextInput } from '../../view-context.ts';
import type { CmsPagesTables } from '../models/page.model.ts';
import { countPages } from './page.service.ts';
import { linkView, loadPageIndex } from './page-storefront.service.ts';
import { loadStorefrontTheme } from './theme-context.ts';

/**
 * What the cms adds around the pages of other modules: `site.cms` on every
 * storefront page (the theme and the footer pages) and its dashboard cards.
 * Both read through caches or cheap counts: they run on every page view and
 * every dashboard.
 */

/**
 * `site.cms` of the storefront templates: `{ theme, pages }`, where `pages`
 * are the shop's published pages marked for the footer (its own, and the
 * platform defaults it does not replace), as `{ slug, title, url, footer }`.
 * Nothing on the platform's own site (no shop).
 */
export async function storefrontSiteContext(input: ViewContextInput): Promise<Readonly<Record<string, unknown>> | undefined> {
  const { db, platform, vendor, language, request } = input;
  if (!vendor || platform.id === undefined) return undefined;
  const [theme, index] = await Promise.all([loadStorefrontTheme(db, vendor.id, language), loadPageIndex(db, { platformId: platform.id, vendorId: vendor.id })]);
  const options = { language, vendorLanguage: index.vendorLanguage, urlPrefix: request.urlPrefix ?? '' };
  return { theme, pages: index.pages.filter((p) => p.showInFooter).map((p) => linkView(p, options)) };
}

async function pageCard(input: WidgetInput, vendorId: number | null, path: string) {
  const platformId = input.platform.id;
  if (platformId === undefined) return null;
  const counts = await countPages(input.db.withTables<CmsPagesTables>(), { platformId, vendorId });
  const href = input.url(path);
  return {
    stats: [
      { label: input.t('cms:widgets.pages.published'), value: counts.published, href },
      { label: input.t('cms:widgets.pages.drafts'), value: counts.draft, href },
    ],
    link: { label: input.t('cms:widgets.pages.manage'), href },
  };
}

/** The vendor dashboard's card: its published pages and drafts. */
export const vendorPagesWidget: DashboardWidget = {
  id: 'pages',
  title: 'cms:widgets.pages.title',
  permission: 'cms.pages.view',
  order: 70,
  load: async (input) => {
    const vendor = input.principal.vendor;
    if (!vendor || input.vendorId === null) return null;
    return pageCard(input, input.vendorId, `/vendor/${vendor.code}/content-pages`);
  },
};

/** The admin dashboard's card: the platform's default pages. */
export const adminDefaultPagesWidget: DashboardWidget = {
  id: 'default-pages',
  title: 'cms:widgets.default_pages.title',
  permission: 'cms.pages.view',
  order: 70,
  load: (input) => pageCard(input, null, '/admin/content-pages'),
};
