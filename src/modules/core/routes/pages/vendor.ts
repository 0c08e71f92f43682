import { defineRouter } from '../../../routes.ts';
import { listenForStoreChanges } from '../../services/store-cache.ts';
import { profilePages } from './shared/profile.pages.ts';
import { vendorDashboardPages } from './vendor/dashboard.pages.ts';
import { vendorSettingsPages } from './vendor/settings.pages.ts';

/**
 * The core pages of a vendor's back office, below `/vendor/:vendor_code`:
 * the dashboard, the store's settings and the user's profile.
 */
export const router = defineRouter(async (r) => {
  const { database } = r.wizamart;
  // Boot-time wiring, here because core's vendor pages are always mounted:
  // the storefront's cached store follows saves made on other instances.
  const unlisten = await listenForStoreChanges(database.db, database.notifier);
  r.addHook('onClose', async () => {
    await unlisten();
  });
  await vendorDashboardPages(r);
  await vendorSettingsPages(r);
  await profilePages(r, 'vendor');
});
