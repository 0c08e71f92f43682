import { AppError } from '../../../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../../../exceptions/framework-errors.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { VendorPageParams } from '../../../schemas/vendor-page.schema.ts';
import { getStartedSteps, vendorDashboard } from '../../../services/dashboard.service.ts';

/**
 * `GET /vendor/:vendor_code/dashboard`: the shop at a glance. The shop is
 * the session's vendor; the sign-in check has already refused a code that
 * is not it.
 */
export async function vendorDashboardPages(r: RouterInstance): Promise<void> {
  r.get('/:vendor_code/dashboard', { config: { permission: 'core.dashboard.view' }, schema: { params: VendorPageParams } }, async (request, reply) => {
    const dashboard = await vendorDashboard(request.server.wizamart, request.principal!);
    // The principal loader only admits members of an existing, active vendor: gone since, the session is over.
    if (!dashboard) throw new AppError(FRAMEWORK_ERRORS.AUTH_SESSION_ENDED);
    return reply.view('core/vendor/dashboard.njk', { ...dashboard, getStartedSteps, breadcrumbs: [{ label: request.t('core:menu.dashboard') }] });
  });
}
