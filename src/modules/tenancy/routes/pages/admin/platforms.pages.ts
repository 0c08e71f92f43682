import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, fields, formError, redirectWithNotice } from '../../../../../api/forms.ts';
import type { AppError } from '../../../../../exceptions/base.ts';
import { LANGUAGES } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { PlatformService, type PlatformSummary } from '../../../services/platform.service.ts';
import { accessOf } from '../../../services/tenant-rules.ts';

const view = { permission: 'tenancy.platforms.view' };
const manage = { permission: 'tenancy.platforms.manage' };

interface CodeParams {
  code: string;
}

/**
 * The platform pages of the admin back office: the list (domains, vendor
 * and module counts), creating a platform (super admins), and one
 * platform's details with its domains. Module management is its own page
 * (`/admin/platforms/:code/modules`), linked from here.
 */
export async function platformPages(r: RouterInstance): Promise<void> {
  const platforms = new PlatformService(r.wizamart);

  r.get('/platforms', { config: view }, async (request, reply) => {
    const rows = await platforms.list(accessOf(request.principal));
    return reply.view('tenancy/admin/platforms/list.njk', { rows, breadcrumbs: trail(request) });
  });

  r.get('/platforms/new', { config: manage }, async (request, reply) =>
    reply.view('tenancy/admin/platforms/new.njk', { form: { default_language: 'en', languages: [...LANGUAGES] }, allLanguages: LANGUAGES, breadcrumbs: trail(request, request.t('tenancy:platforms.new')) }),
  );

  r.post('/platforms', { config: manage }, async (request, reply) => {
    const form = { code: field(request.body, 'code'), name: field(request.body, 'name'), default_language: field(request.body, 'default_language'), languages: fields(request.body, 'languages') };
    try {
      const created = await platforms.create(accessOf(request.principal), { code: form.code, name: form.name, defaultLanguage: form.default_language, languages: form.languages });
      return redirectWithNotice(request, reply, `/admin/platforms/${created.code}`, 'created');
    } catch (error) {
      const message = formError(request, error);
      reply.status((error as AppError).status);
      return reply.view('tenancy/admin/platforms/new.njk', { form, error: message, allLanguages: LANGUAGES, breadcrumbs: trail(request, request.t('tenancy:platforms.new')) });
    }
  });

  r.get<{ Params: CodeParams }>('/platforms/:code', { config: view }, async (request, reply) => {
    const record = await platforms.get(accessOf(request.principal), request.params.code);
    return detail(request, reply, record, {});
  });

  r.post<{ Params: CodeParams }>('/platforms/:code', { config: manage }, async (request, reply) => {
    const access = accessOf(request.principal);
    const form = { name: field(request.body, 'name'), default_language: field(request.body, 'default_language'), languages: fields(request.body, 'languages') };
    try {
      await platforms.update(access, request.params.code, { name: form.name, defaultLanguage: form.default_language, languages: form.languages });
      return redirectWithNotice(request, reply, `/admin/platforms/${request.params.code}`, 'saved');
    } catch (error) {
      const message = formError(request, error);
      const record = await platforms.get(access, request.params.code);
      reply.status((error as AppError).status);
      return detail(request, reply, record, { form, detailsError: message });
    }
  });

  r.post<{ Params: CodeParams }>('/platforms/:code/domains', { config: manage }, async (request, reply) => {
    const access = accessOf(request.principal);
    const domainForm = { domain: field(request.body, 'domain'), primary: field(request.body, 'primary') !== '' };
    try {
      await platforms.addDomain(access, request.params.code, domainForm);
      return redirectWithNotice(request, reply, `/admin/platforms/${request.params.code}`, 'saved');
    } catch (error) {
      const message = formError(request, error);
      const record = await platforms.get(access, request.params.code);
      reply.status((error as AppError).status);
      return detail(request, reply, record, { domainForm, domainError: message });
    }
  });

  r.post<{ Params: CodeParams & { domain: string } }>('/platforms/:code/domains/:domain/remove', { config: manage }, async (request, reply) => {
    await platforms.removeDomain(accessOf(request.principal), request.params.code, request.params.domain);
    return redirectWithNotice(request, reply, `/admin/platforms/${request.params.code}`, 'removed');
  });
}

function detail(request: FastifyRequest, reply: FastifyReply, record: PlatformSummary, extra: Record<string, unknown>): Promise<FastifyReply> {
  return reply.view('tenancy/admin/platforms/detail.njk', {
    record,
    form: { name: record.name, default_language: record.defaultLanguage, languages: record.languages },
    domainForm: { domain: '', primary: false },
    allLanguages: LANGUAGES,
    breadcrumbs: trail(request, record.name),
    ...extra,
  });
}

function trail(request: FastifyRequest, current?: string): Array<{ label: string; path?: string }> {
  const list = { label: request.t('tenancy:platforms.title'), path: `${request.urlPrefix}/admin/platforms` };
  return current ? [list, { label: current }] : [list];
}
