import { VendorScope } from '../../core/database/vendor-scope.ts';
import type { DashboardWidget, WidgetContent, WidgetInput } from '../widgets.ts';
import type { InventoryTables } from './models/stock-location.model.ts';

/**
 * The vendor dashboard's stock locations card: how many locations the shop
 * keeps stock at (and how many are active), one query through the session
 * vendor's scope. With none yet, it invites to add the first.
 */
export const stockLocationsWidget: DashboardWidget = {
  id: 'stock-locations',
  title: 'inventory:widgets.locations.title',
  permission: 'inventory.view',
  order: 40,
  async load(input: WidgetInput): Promise<WidgetContent | null> {
    const code = input.principal.vendor?.code;
    if (input.vendorId === null || !code) return null;
    const scope = new VendorScope(input.db.withTables<InventoryTables>(), input.vendorId);
    const row = await scope
      .selectFrom('inventory_locations')
      .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.countAll<string>().filterWhere('is_active', '=', true).as('active')])
      .executeTakeFirstOrThrow();
    const canManage = input.principal.permissions.has('inventory.locations.manage');
    const page = input.url(`/vendor/${code}/inventory${canManage ? '/locations' : ''}`);
    const total = Number(row.total);
    if (total === 0) {
      return { empty: input.t('inventory:widgets.locations.empty'), ...(canManage ? { link: { label: input.t('inventory:widgets.locations.add'), href: page } } : {}) };
    }
    return {
      stats: [
        { label: input.t('inventory:widgets.locations.total'), value: total, href: page },
        { label: input.t('inventory:widgets.locations.active'), value: Number(row.active), href: page },
      ],
      link: { label: input.t('inventory:widgets.locations.open'), href: page },
    };
  },
};
