import type { FastifyReply, FastifyRequest } from 'fastify';
import { siteUrl } from '../../../../../api/auth/password-reset-mail.ts';
import { field, formError, redirectWithNotice } from '../../../../../api/forms.ts';
import type { AppError } from '../../../../../exceptions/base.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { CompanyService } from '../../../services/company.service.ts';
import { PlatformService } from '../../../services/platform.service.ts';
import { accessOf } from '../../../services/tenant-rules.ts';
import { VENDOR_STATUSES, VendorService, type VendorDetail } from '../../../services/vendor.service.ts';
import type { VendorStatus } from '../../../models/tenancy.model.ts';
import { listUrl, pageNumber } from './companies.pages.ts';

const view = { permission: 'tenancy.vendors.view' };
const manage = { permission: 'tenancy.vendors.manage' };
const PAGE_SIZE = 25;

interface CodeParams {
  code: string;
}

/**
 * The vendor pages of the admin back office: the list (search, platform
 * and status filters, pages), creating a vendor with its owner, and one
 * vendor's page (details, storefront addresses, team, suspend/reactivate).
 * An admin sees the vendors of the platforms they administer.
 */
export async function vendorPages(r: RouterInstance): Promise<void> {
  const vendors = new VendorService(r.wizamart, r.views);
  const companies = new CompanyService(r.wizamart);
  const platforms = new PlatformService(r.wizamart);

  r.get('/vendors', { config: view }, async (request, reply) => {
    const access = accessOf(request.principal);
    const status = field(request.query, 'status');
    const company = Number.parseInt(field(request.query, 'company'), 10);
    const query = {
      search: field(request.query, 'search'),
      platform: field(request.query, 'platform'),
      status: (VENDOR_STATUSES as readonly string[]).includes(status) ? status : '',
      company: Number.isSafeInteger(company) && company > 0 ? String(company) : '',
    };
    const page = pageNumber(request.query);
    const [result, platformOptions] = await Promise.all([
      vendors.list(
        access,
        {
          search: query.search || undefined,
          platform: query.platform || undefined,
          status: (query.status || undefined) as VendorStatus | undefined,
          companyId: query.company ? Number(query.company) : undefined,
        },
        { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      ),
      platforms.list(access),
    ]);
    const primaryDomains = Object.fromEntries(platformOptions.map((p) => [p.code, p.domains[0]?.domain ?? '']));
    return reply.view('tenancy/admin/vendors/list.njk', {
      rows: result.vendors,
      total: result.total,
      page,
      pageSize: PAGE_SIZE,
      pageBase: listUrl('/admin/vendors', query),
      query,
      filtered: Object.values(query).some(Boolean),
      platformOptions,
      primaryDomains,
      statuses: VENDOR_STATUSES,
      breadcrumbs: trail(request),
    });
  });

  r.get('/vendors/new', { config: manage }, async (request, reply) => {
    const form = { company_id: field(request.query, 'company') };
    return newForm(request, reply, form, undefined);
  });

  r.post('/vendors', { config: manage }, async (request, reply) => {
    const b = request.body;
    const form = {
      code: field(b, 'code'),
      name: field(b, 'name'),
      company_id: field(b, 'company_id'),
      subdomain: field(b, 'subdomain'),
      custom_domain: field(b, 'custom_domain'),
      default_language: field(b, 'default_language'),
      owner_email: field(b, 'owner_email'),
      owner_name: field(b, 'owner_name'),
    };
    try {
      const created = await vendors.create(
        accessOf(request.principal),
        {
          code: form.code,
          name: form.name,
          companyId: Number(form.company_id) || 0,
          subdomain: form.subdomain,
          customDomain: form.custom_domain,
          defaultLanguage: form.default_language,
          owner: { email: form.owner_email, name: form.owner_name },
        },
        { siteUrl: siteUrl(request) },
      );
      return redirectWithNotice(request, reply, `/admin/vendors/${created.vendor.code}`, 'created');
    } catch (error) {
      const message = formError(request, error);
      reply.status((error as AppError).status);
      return newForm(request, reply, form, message);
    }
  });

  r.get<{ Params: CodeParams }>('/vendors/:code', { config: view }, async (request, reply) => {
    const record = await vendors.get(accessOf(request.principal), request.params.code);
    return detail(request, reply, record, {});
  });

  r.post<{ Params: CodeParams }>('/vendors/:code', { config: manage }, async (request, reply) => {
    const access = accessOf(request.principal);
    const b = request.body;
    const form = {
      name: field(b, 'name'),
      company_id: field(b, 'company_id'),
      subdomain: field(b, 'subdomain'),
      custom_domain: field(b, 'custom_domain'),
      default_language: field(b, 'default_language'),
    };
    try {
      await vendors.update(access, request.params.code, {
        name: form.name,
        companyId: Number(form.company_id) || 0,
        subdomain: form.subdomain,
        customDomain: form.custom_domain,
        defaultLanguage: form.default_language,
      });
      return redirectWithNotice(request, reply, `/admin/vendors/${request.params.code}`, 'saved');
    } catch (error) {
      const message = formError(request, error);
      const record = await vendors.get(access, request.params.code);
      reply.status((error as AppError).status);
      return detail(request, reply, record, { form, error: message });
    }
  });

  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['reactivate', 'active'],
  ] as const) {
    r.post<{ Params: CodeParams }>(`/vendors/:code/${action}`, { config: manage }, async (request, reply) => {
      await vendors.setStatus(accessOf(request.principal), request.params.code, status);
      return redirectWithNotice(request, reply, `/admin/vendors/${request.params.code}`, 'saved');
    });
  }

  async function newForm(request: FastifyRequest, reply: FastifyReply, form: Record<string, string>, error: string | undefined): Promise<FastifyReply> {
    const companyOptions = await companies.options(accessOf(request.principal));
    // One company to choose from: choose it.
    const chosen = form.company_id || (companyOptions.length === 1 ? String(companyOptions[0]!.id) : '');
    return reply.view('tenancy/admin/vendors/new.njk', {
      form: { ...form, company_id: chosen },
      error,
      companyOptions,
      breadcrumbs: trail(request, request.t('tenancy:vendors.new')),
    });
  }

  async function detail(request: FastifyRequest, reply: FastifyReply, record: VendorDetail, extra: Record<string, unknown>): Promise<FastifyReply> {
    const access = accessOf(request.principal);
    const [companyOptions, platformInfo] = await Promise.all([companies.options(access), platforms.get(access, record.platform.code)]);
    return reply.view('tenancy/admin/vendors/detail.njk', {
      record,
      form: {
        name: record.name,
        company_id: String(record.company.id),
        subdomain: record.subdomain ?? '',
        custom_domain: record.customDomain ?? '',
        default_language: record.defaultLanguage,
      },
      // A vendor's company must be on the vendor's platform.
      companyOptions: companyOptions.filter((c) => c.platform === record.platform.code),
      platformLanguages: platformInfo.languages,
      primaryDomain: platformInfo.domains[0]?.domain,
      breadcrumbs: trail(request, record.name),
      ...extra,
    });
  }
}

function trail(request: FastifyRequest, current?: string): Array<{ label: string; path?: string }> {
  const list = { label: request.t('tenancy:vendors.title'), path: `${request.urlPrefix}/admin/vendors` };
  return current ? [list, { label: current }] : [list];
}
