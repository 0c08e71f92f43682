import { defineRouter } from '../../../routes.ts';
import { profilePages } from './shared/profile.pages.ts';
import { vendorDashboardPages } from './vendor/dashboard.pages.ts';

/** The core pages of a vendor's back office, below `/vendor/:vendor_code`: the dashboard and the user's profile. */
export const router = defineRouter(async (r) => {
  await vendorDashboardPages(r);
  await profilePages(r, 'vendor');
});
