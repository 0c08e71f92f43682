import type { RouterInstance } from '../../../../routes.ts';
import { adminDashboard } from '../../../services/dashboard.service.ts';

/** `GET /admin/dashboard`: the numbers of the platforms the admin runs and the latest module changes. */
export async function adminDashboardPages(r: RouterInstance): Promise<void> {
  r.get('/dashboard', { config: { permission: 'core.dashboard.view' } }, async (request, reply) => {
    const principal = request.principal!;
    const dashboard = await adminDashboard(
      request.server.wizamart,
      principal,
      request.platform.code,
      request.language,
      (path, permission) => principal.permissions.has(permission) && request.server.hasRoute({ method: 'GET', url: path }),
    );
    return reply.view('core/admin/dashboard.njk', { ...dashboard, breadcrumbs: [{ label: request.t('core:menu.dashboard') }] });
  });
}
