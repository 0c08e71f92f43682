import { defineRouter } from '../../../routes.ts';
import { errorResponses } from '../../../../api/schemas.ts';
import { PlatformCustomerListQuery, PlatformCustomerPageBody, filtersOf, toPlatformPageBody } from '../../schemas/crm.schema.ts';
import { PlatformCustomerListService } from '../../services/customer-list.admin.service.ts';

/**
 * `/api/v1/admin/customers`: the customers of every shop on the request's
 * platform, read-only, newest first, 25 a page, with the shop of each.
 */
export const router = defineRouter(async (r) => {
  const customers = new PlatformCustomerListService(r.wizamart.database.db);

  r.get(
    '',
    {
      config: { permission: 'customers.view' },
      schema: {
        tags: ['customers'],
        summary: "The customers of the platform's shops, filtered and paged (read-only)",
        querystring: PlatformCustomerListQuery,
        response: { 200: PlatformCustomerPageBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { segment: _none, ...filters } = filtersOf(request.query);
      return customers.list(request.platform.code, { ...filters, vendor: request.query.vendor }, request.query.page ?? 1).then(toPlatformPageBody);
    },
  );
});
