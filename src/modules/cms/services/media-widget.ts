import type { DashboardWidget } from '../../widgets.ts';
import { LANGUAGE_INFO } from '../../locales.ts';
import type { CmsThemeTables } from '../models/theme.model.ts';
import { formatBytes } from './media-view.ts';

/**
 * The vendor dashboard's card of the media library and theme: how many
 * files (and bytes) the library holds, and the storefront's theme. One
 * query: it runs on every dashboard view.
 */
export const vendorMediaWidget: DashboardWidget = {
  id: 'media',
  title: 'cms:media.widget.title',
  permission: 'cms.media.manage',
  order: 71,
  load: async (input) => {
    const vendor = input.principal.vendor;
    if (!vendor || input.vendorId === null) return null;
    const db = input.db.withTables<CmsThemeTables>();
    const row = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('cms_media').select((m) => m.fn.countAll<string>().as('n')).where('vendor_id', '=', input.vendorId).as('files'),
        eb.selectFrom('cms_media').select((m) => m.fn.coalesce(m.fn.sum<string>('size'), m.val('0')).as('b')).where('vendor_id', '=', input.vendorId).as('bytes'),
        eb.selectFrom('cms_themes').select('code').where('vendor_id', '=', input.vendorId).as('theme'),
      ])
      .executeTakeFirstOrThrow();
    const media = input.url(`/vendor/${vendor.code}/media`);
    const themes = input.url(`/vendor/${vendor.code}/themes`);
    return {
      stats: [
        { label: input.t('cms:media.widget.files'), value: Number(row.files ?? 0), href: media },
        { label: input.t('cms:media.widget.size'), value: formatBytes(Number(row.bytes ?? 0), LANGUAGE_INFO[input.language].tag), href: media },
        { label: input.t('cms:media.widget.theme'), value: input.t(`cms:themes.presets.${row.theme ?? 'classic'}.label`), href: themes },
      ],
      link: { label: input.t('cms:media.widget.manage'), href: media },
    };
  },
};
