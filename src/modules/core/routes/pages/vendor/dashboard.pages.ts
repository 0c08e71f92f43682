import { loadDashboardWidgets } from '../../../../widgets.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { VendorPageParams } from '../../../schemas/vendor-page.schema.ts';
import { getStartedSteps } from '../../../services/dashboard.service.ts';

/**
 * `GET /vendor/:vendor_code/dashboard`: the cards of the modules enabled
 * for the shop, then the "Get started" list of its pages. The shop is the
 * session's vendor; the sign-in check has already refused a code that is
 * not it.
 */
export async function vendorDashboardPages(r: RouterInstance): Promise<void> {
  r.get('/:vendor_code/dashboard', { config: { permission: 'core.dashboard.view' }, schema: { params: VendorPageParams } }, async (request, reply) => {
    const widgets = await loadDashboardWidgets(request.server.wizamart, request, 'vendor');
    return reply.view('core/vendor/dashboard.njk', { widgets, getStartedSteps, breadcrumbs: [{ label: request.t('core:menu.dashboard') }] });
  });
}
