import { defineRouter } from '../../../routes.ts';
import { adminUsersApi } from './admin/admin-users.api.ts';
import { companiesApi } from './admin/companies.api.ts';
import { platformsApi } from './admin/platforms.api.ts';
import { vendorUsersApi } from './admin/vendor-users.api.ts';
import { vendorsApi } from './admin/vendors.api.ts';

/**
 * The tenancy admin API at `/api/v1/admin/tenancy`: platforms and their
 * domains, companies, vendors, admin users and vendor users. Each part is
 * its own file; this one only puts them together.
 */
export const router = defineRouter(async (r) => {
  await platformsApi(r);
  await companiesApi(r);
  await vendorsApi(r);
  await adminUsersApi(r);
  await vendorUsersApi(r);
});
