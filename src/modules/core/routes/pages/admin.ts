import { defineRouter } from '../../../routes.ts';
import { adminDashboardPages } from './admin/dashboard.pages.ts';
import { outboxPages } from './admin/outbox.pages.ts';
import { adminSettingsPages } from './admin/settings.pages.ts';
import { profilePages } from './shared/profile.pages.ts';

/**
 * The core pages of the admin back office: the dashboard, the platform's
 * settings, the user's profile (details, password, sessions) and the mail
 * outbox.
 */
export const router = defineRouter(async (r) => {
  await adminDashboardPages(r);
  await adminSettingsPages(r);
  await profilePages(r, 'admin');
  await outboxPages(r);
});
