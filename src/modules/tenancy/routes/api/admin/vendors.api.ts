import { errorResponses } from '../../../../../api/schemas.ts';
import { siteUrl } from '../../../../../api/auth/password-reset-mail.ts';
import type { RouterInstance } from '../../../../routes.ts';
import {
  CreateVendorBody,
  CreatedVendorBody,
  UpdateVendorBody,
  VendorCodeParams,
  VendorDetailBody,
  VendorListBody,
  VendorListQuery,
  toCreatedVendorBody,
  toVendorDetailBody,
  toVendorListBody,
} from '../../../schemas/vendor.schema.ts';
import { accessOf } from '../../../services/tenant-rules.ts';
import { VendorService } from '../../../services/vendor.service.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'tenancy.vendors.view' };
const manage = { permission: 'tenancy.vendors.manage' };

/**
 * Vendors, under `/api/v1/admin/tenancy/vendors`. A platform admin reaches
 * only the vendors of the platforms they administer; any other code
 * answers 404, as a code that does not exist.
 */
export async function vendorsApi(r: RouterInstance): Promise<void> {
  const vendors = new VendorService(r.wizamart, r.views);

  r.get(
    '/vendors',
    {
      config: view,
      schema: {
        summary: 'Vendors by name, filtered by platform, company, status and a search on name and code',
        security,
        querystring: VendorListQuery,
        response: { 200: VendorListBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit, offset, platform, company_id, status, search } = request.query;
      const page = await vendors.list(accessOf(request.principal), { platform, companyId: company_id, status, search }, { limit, offset });
      return toVendorListBody(page, { limit, offset });
    },
  );

  r.post(
    '/vendors',
    {
      config: manage,
      schema: {
        summary: 'Create a vendor and its owner (a new owner is mailed a link to choose a password)',
        security,
        body: CreateVendorBody,
        response: { 201: CreatedVendorBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await vendors.create(
        accessOf(request.principal),
        {
          code: b.code,
          name: b.name,
          companyId: b.company_id,
          platform: b.platform,
          subdomain: b.subdomain,
          customDomain: b.custom_domain,
          defaultLanguage: b.default_language,
          owner: b.owner,
        },
        { siteUrl: siteUrl(request) },
      );
      return reply.status(201).send(toCreatedVendorBody(created));
    },
  );

  r.get(
    '/vendors/:code',
    {
      config: view,
      schema: {
        summary: 'One vendor with its storefront addresses and team',
        security,
        params: VendorCodeParams,
        response: { 200: VendorDetailBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toVendorDetailBody(await vendors.get(accessOf(request.principal), request.params.code)),
  );

  r.patch(
    '/vendors/:code',
    {
      config: manage,
      schema: {
        summary: "Change a vendor's name, company, subdomain, custom domain and default language",
        security,
        params: VendorCodeParams,
        body: UpdateVendorBody,
        response: { 200: VendorDetailBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const b = request.body;
      const updated = await vendors.update(accessOf(request.principal), request.params.code, {
        name: b.name,
        companyId: b.company_id,
        subdomain: b.subdomain,
        customDomain: b.custom_domain,
        defaultLanguage: b.default_language,
      });
      return toVendorDetailBody(updated);
    },
  );

  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['reactivate', 'active'],
  ] as const) {
    r.post(
      `/vendors/:code/${action}`,
      {
        config: manage,
        schema: {
          summary: action === 'suspend' ? 'Suspend a vendor: its staff can no longer sign in' : 'Reactivate a suspended vendor',
          security,
          params: VendorCodeParams,
          response: { 200: VendorDetailBody, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => toVendorDetailBody(await vendors.setStatus(accessOf(request.principal), request.params.code, status)),
    );
  }
}
