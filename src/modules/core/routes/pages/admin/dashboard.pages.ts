import { loadDashboardWidgets } from '../../../../widgets.ts';
import type { RouterInstance } from '../../../../routes.ts';

/** `GET /admin/dashboard`: the cards of the modules enabled on the platform, those the admin may see. */
export async function adminDashboardPages(r: RouterInstance): Promise<void> {
  r.get('/dashboard', { config: { permission: 'core.dashboard.view' } }, async (request, reply) => {
    const widgets = await loadDashboardWidgets(request.server.wizamart, request, 'admin');
    return reply.view('core/admin/dashboard.njk', { widgets, breadcrumbs: [{ label: request.t('core:menu.dashboard') }] });
  });
}
