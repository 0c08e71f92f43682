import { defineRouter } from '../../../routes.ts';
import { adminUserPages } from './admin/admin-users.pages.ts';
import { companyPages } from './admin/companies.pages.ts';
import { modulePages } from './admin/modules.pages.ts';
import { platformPages } from './admin/platforms.pages.ts';
import { vendorUserPages } from './admin/vendor-users.pages.ts';
import { vendorPages } from './admin/vendors.pages.ts';

/**
 * The tenancy pages of the admin back office: platforms, companies,
 * vendors, admin users, vendor users, and per platform the module
 * management page and the menu editor. Each part is its own file.
 */
export const router = defineRouter(async (r) => {
  await platformPages(r);
  await companyPages(r);
  await vendorPages(r);
  await adminUserPages(r);
  await vendorUserPages(r);
  await modulePages(r);
});
