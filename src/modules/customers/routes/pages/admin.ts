import { defineRouter } from '../../../routes.ts';
import { filterParams, filtersOfQuery, isFiltered } from '../../services/customer-list.filters.ts';
import { PlatformCustomerListService } from '../../services/customer-list.admin.service.ts';
import { LooseQuery, VIEW, pageHelpersFor, pageNumber, pager } from './vendor/crm-pages.helpers.ts';

/**
 * `/admin/customers`: the customers of every shop on the request's
 * platform, read-only, with the shop as a column and a filter. Changing a
 * customer is the shop's business (its back office), so there are no
 * forms here.
 */
export const router = defineRouter(async (r) => {
  const customers = new PlatformCustomerListService(r.wizamart.database.db);

  r.get('/customers', { config: VIEW, schema: { querystring: LooseQuery } }, async (request, reply) => {
    const { segment: _ignored, ...filters } = filtersOfQuery(request.query);
    const vendorRaw = typeof request.query.vendor === 'string' ? request.query.vendor.trim().toLowerCase() : '';
    const vendor = /^[a-z0-9][a-z0-9-]{0,63}$/.test(vendorRaw) ? vendorRaw : '';
    const platform = request.platform.code;
    const [result, vendors] = await Promise.all([customers.list(platform, { ...filters, vendor: vendor || undefined }, pageNumber(request.query)), customers.vendors(platform)]);
    const params: Record<string, string> = { ...filterParams(filters), ...(vendor ? { vendor } : {}) };
    return reply.view('customers/admin/list.njk', {
      ...pageHelpersFor(request, '/admin/customers'),
      customers: result.customers,
      pager: pager(request, '/admin/customers', params, result),
      filters: { q: params.q ?? '', status: params.status ?? '', language: params.language ?? '', signed_up: params.signed_up ?? '', vendor },
      filtered: isFiltered(filters) || vendor !== '',
      vendors,
      breadcrumbs: [{ label: request.t('customers:crm.admin.title') }],
    });
  });
});
