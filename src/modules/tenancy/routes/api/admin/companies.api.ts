import { errorResponses } from '../../../../../api/schemas.ts';
import type { RouterInstance } from '../../../../routes.ts';
import {
  CompanyBody,
  CompanyIdParams,
  CompanyListBody,
  CompanyListQuery,
  CreateCompanyBody,
  UpdateCompanyBody,
  toCompanyBody,
  toCompanyListBody,
} from '../../../schemas/company.schema.ts';
import { CompanyService } from '../../../services/company.service.ts';
import { accessOf } from '../../../services/tenant-rules.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'tenancy.companies.view' };
const manage = { permission: 'tenancy.companies.manage' };

/**
 * Companies, under `/api/v1/admin/tenancy/companies`. A platform admin
 * reaches only the companies of the platforms they administer; any other
 * id answers 404, as an id that does not exist.
 */
export async function companiesApi(r: RouterInstance): Promise<void> {
  const companies = new CompanyService(r.wizamart);

  r.get(
    '/companies',
    {
      config: view,
      schema: {
        summary: 'Companies by name, filtered by platform and a search on the name',
        security,
        querystring: CompanyListQuery,
        response: { 200: CompanyListBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit, offset, platform, search } = request.query;
      return toCompanyListBody(await companies.list(accessOf(request.principal), { platform, search }, { limit, offset }), { limit, offset });
    },
  );

  r.post(
    '/companies',
    {
      config: manage,
      schema: { summary: 'Create a company on a platform', security, body: CreateCompanyBody, response: { 201: CompanyBody, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const { platform, name, contact_email, vat_number } = request.body;
      const created = await companies.create(accessOf(request.principal), { platform, name, contactEmail: contact_email, vatNumber: vat_number });
      return reply.status(201).send(toCompanyBody(created));
    },
  );

  r.get(
    '/companies/:id',
    {
      config: view,
      schema: { summary: 'One company', security, params: CompanyIdParams, response: { 200: CompanyBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toCompanyBody(await companies.get(accessOf(request.principal), request.params.id)),
  );

  r.patch(
    '/companies/:id',
    {
      config: manage,
      schema: {
        summary: "Change a company's name, contact e-mail and VAT number",
        security,
        params: CompanyIdParams,
        body: UpdateCompanyBody,
        response: { 200: CompanyBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { name, contact_email, vat_number } = request.body;
      return toCompanyBody(await companies.update(accessOf(request.principal), request.params.id, { name, contactEmail: contact_email, vatNumber: vat_number }));
    },
  );
}
