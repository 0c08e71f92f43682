import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { AppError } from '../../../../../exceptions/base.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { TENANCY_ERRORS } from '../../../exceptions.ts';
import { CompanyService, type Company } from '../../../services/company.service.ts';
import { PlatformService } from '../../../services/platform.service.ts';
import { accessOf } from '../../../services/tenant-rules.ts';
import { VendorService } from '../../../services/vendor.service.ts';

const view = { permission: 'tenancy.companies.view' };
const manage = { permission: 'tenancy.companies.manage' };
const PAGE_SIZE = 25;
/** A company's vendors shown on its page; more are one click away in the filtered vendor list. */
const COMPANY_VENDORS_SHOWN = 50;

interface IdParams {
  id: string;
}

/**
 * The company pages of the admin back office: the list (search, platform
 * filter, pages), creating a company, and one company with its vendors.
 * An admin sees the companies of the platforms they administer.
 */
export async function companyPages(r: RouterInstance): Promise<void> {
  const companies = new CompanyService(r.wizamart);
  const platforms = new PlatformService(r.wizamart);
  const vendors = new VendorService(r.wizamart, r.views);

  r.get('/companies', { config: view }, async (request, reply) => {
    const access = accessOf(request.principal);
    const query = { search: field(request.query, 'search'), platform: field(request.query, 'platform') };
    const page = pageNumber(request.query);
    const [result, platformOptions] = await Promise.all([
      companies.list(access, { search: query.search || undefined, platform: query.platform || undefined }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      platforms.list(access),
    ]);
    return reply.view('tenancy/admin/companies/list.njk', {
      rows: result.companies,
      total: result.total,
      page,
      pageSize: PAGE_SIZE,
      pageBase: listUrl('/admin/companies', query),
      query,
      filtered: Boolean(query.search || query.platform),
      platformOptions,
      breadcrumbs: trail(request),
    });
  });

  r.get('/companies/new', { config: manage }, async (request, reply) => {
    const platformOptions = await platforms.list(accessOf(request.principal));
    const platform = field(request.query, 'platform') || (platformOptions.length === 1 ? platformOptions[0]!.code : '');
    return reply.view('tenancy/admin/companies/new.njk', { form: { platform }, platformOptions, breadcrumbs: trail(request, request.t('tenancy:companies.new')) });
  });

  r.post('/companies', { config: manage }, async (request, reply) => {
    const access = accessOf(request.principal);
    const form = companyForm(request.body);
    try {
      const created = await companies.create(access, { platform: form.platform, name: form.name, contactEmail: form.contact_email, vatNumber: form.vat_number });
      return redirectWithNotice(request, reply, `/admin/companies/${created.id}`, 'created');
    } catch (error) {
      const message = formError(request, error);
      reply.status((error as AppError).status);
      const platformOptions = await platforms.list(access);
      return reply.view('tenancy/admin/companies/new.njk', { form, error: message, platformOptions, breadcrumbs: trail(request, request.t('tenancy:companies.new')) });
    }
  });

  r.get<{ Params: IdParams }>('/companies/:id', { config: view }, async (request, reply) => {
    const record = await companies.get(accessOf(request.principal), idOf(request.params.id));
    return detail(request, reply, record, {});
  });

  r.post<{ Params: IdParams }>('/companies/:id', { config: manage }, async (request, reply) => {
    const access = accessOf(request.principal);
    const id = idOf(request.params.id);
    const form = companyForm(request.body);
    try {
      await companies.update(access, id, { name: form.name, contactEmail: form.contact_email, vatNumber: form.vat_number });
      return redirectWithNotice(request, reply, `/admin/companies/${id}`, 'saved');
    } catch (error) {
      const message = formError(request, error);
      const record = await companies.get(access, id);
      reply.status((error as AppError).status);
      return detail(request, reply, record, { form, error: message });
    }
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, record: Company, extra: Record<string, unknown>): Promise<FastifyReply> {
    const own = await vendors.list(accessOf(request.principal), { companyId: record.id }, { limit: COMPANY_VENDORS_SHOWN, offset: 0 });
    return reply.view('tenancy/admin/companies/detail.njk', {
      record,
      form: { name: record.name, contact_email: record.contactEmail ?? '', vat_number: record.vatNumber ?? '' },
      companyVendors: own.vendors,
      companyVendorTotal: own.total,
      breadcrumbs: trail(request, record.name),
      ...extra,
    });
  }
}

function companyForm(body: unknown) {
  return { platform: field(body, 'platform'), name: field(body, 'name'), contact_email: field(body, 'contact_email'), vat_number: field(body, 'vat_number') };
}

/** A company id from the path; anything but a positive integer is a company that does not exist. */
function idOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_NOT_FOUND, { company: raw });
  return id;
}

/** `?page=` of a list, from 1. */
export function pageNumber(query: unknown): number {
  const page = Number.parseInt(field(query, 'page'), 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

/** A list's address with its filters, ready for `page=<n>` to be appended (pagination links). */
export function listUrl(path: string, query: Record<string, string>): string {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
  params.set('page', '');
  return `${path}?${params.toString()}`;
}

function trail(request: FastifyRequest, current?: string): Array<{ label: string; path?: string }> {
  const list = { label: request.t('tenancy:companies.title'), path: `${request.urlPrefix}/admin/companies` };
  return current ? [list, { label: current }] : [list];
}
