import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendPasswordResetMail } from '../../../../../api/auth/password-reset-mail.ts';
import { formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import type { RouterInstance } from '../../../../routes.ts';
import type { UserStatus } from '../../../models/tenancy.model.ts';
import { VendorUserParams as UserParams } from '../../../schemas/vendor-user.schema.ts';
import { VendorUserAdminService, type AdminReach } from '../../../services/vendor-user-admin.service.ts';
import { PAGE_SIZE, pageHelpers, pager } from './user-pages.helpers.ts';

const view = { permission: 'tenancy.vendors.view' };
const manage = { permission: 'tenancy.vendors.manage' };

// Filters come from a form a person types into: loose here, so a typo lists nothing instead of failing the page.
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  vendor: Type.Optional(Type.String({ maxLength: 64 })),
  platform: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.Optional(Type.String({ maxLength: 16 })),
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
});
const DetailQuery = Type.Object({ reset: Type.Optional(Type.String({ maxLength: 16 })) });

function statusFilter(value: string | undefined): UserStatus | '' {
  return value === 'active' || value === 'disabled' ? value : '';
}

/**
 * The vendor users pages: `/admin/vendor-users` (everyone on the teams of
 * vendors of the platforms the admin administers, with search, filters and
 * pages) and `/admin/vendor-users/:id` (their teams; disable, enable, mail
 * a password reset link). Someone outside the admin's platforms is a 404.
 */
export async function vendorUserPages(r: RouterInstance): Promise<void> {
  const staff = new VendorUserAdminService(r.wizamart.database.db, r.wizamart.auth);
  const reachOf = (request: FastifyRequest): AdminReach => request.principal?.platforms ?? [];

  r.get('/vendor-users', { config: view, schema: { querystring: ListQuery } }, async (request, reply) => {
    const { page } = request.query;
    const filters = {
      q: request.query.q?.trim() ?? '',
      vendor: request.query.vendor?.trim().toLowerCase() ?? '',
      platform: request.query.platform?.trim() ?? '',
      status: statusFilter(request.query.status),
    };
    const reach = reachOf(request);
    const [result, platforms] = await Promise.all([
      staff.list(reach, {
        search: filters.q,
        vendor: filters.vendor || undefined,
        platform: filters.platform || undefined,
        status: filters.status || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      staff.platformsInReach(reach),
    ]);
    return reply.view('tenancy/admin/vendor-users/list.njk', {
      ...pageHelpers(request),
      users: result.users,
      filters,
      filtered: Boolean(filters.q || filters.vendor || filters.platform || filters.status),
      platforms,
      pager: pager(request, '/admin/vendor-users', filters, page, result.total),
      breadcrumbs: [{ label: request.t('tenancy:vendor_users.title') }],
    });
  });

  r.get('/vendor-users/:id', { config: view, schema: { params: UserParams, querystring: DetailQuery } }, async (request, reply) => {
    const user = await staff.get(reachOf(request), request.params.id);
    return renderDetail(request, reply, user, { resetSent: request.query.reset === 'sent' });
  });

  for (const action of ['disable', 'enable'] as const) {
    r.post(`/vendor-users/:id/${action}`, { config: manage, schema: { params: UserParams } }, async (request, reply) => {
      const reach = reachOf(request);
      try {
        await (action === 'disable' ? staff.disable(reach, request.params.id) : staff.enable(reach, request.params.id));
        return redirectWithNotice(request, reply, `/admin/vendor-users/${request.params.id}`, 'saved');
      } catch (error) {
        return renderRefused(request, reply, request.params.id, error);
      }
    });
  }

  r.post('/vendor-users/:id/password-reset', { config: manage, schema: { params: UserParams } }, async (request, reply) => {
    try {
      const { account, token } = await staff.startPasswordReset(reachOf(request), request.params.id, { platform: request.platform.code });
      await sendPasswordResetMail(r.wizamart, request, 'vendor', account, token);
      // Not a `notice`: the shared notices have no "link sent"; the page says it with the address.
      return reply.redirect(`${request.urlPrefix}/admin/vendor-users/${request.params.id}?reset=sent`, 303);
    } catch (error) {
      return renderRefused(request, reply, request.params.id, error);
    }
  });

  /** A refused action: the detail page again, with the reason (a user out of reach is still a 404 page). */
  async function renderRefused(request: FastifyRequest, reply: FastifyReply, id: number, error: unknown) {
    const message = formError(request, error);
    const user = await staff.get(reachOf(request), id);
    reply.status(isAppError(error) ? error.status : 400);
    return renderDetail(request, reply, user, { error: message });
  }

  async function renderDetail(request: FastifyRequest, reply: FastifyReply, user: Awaited<ReturnType<VendorUserAdminService['get']>>, extra: { resetSent?: boolean; error?: string }) {
    return reply.view('tenancy/admin/vendor-users/detail.njk', {
      ...pageHelpers(request),
      user,
      ...extra,
      breadcrumbs: [{ label: request.t('tenancy:vendor_users.title'), path: `${request.urlPrefix}/admin/vendor-users` }, { label: user.name }],
    });
  }
}
