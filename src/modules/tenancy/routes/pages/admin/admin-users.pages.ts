import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { field, fields, formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { isLanguage } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { sendAdminInviteMail } from '../../../services/admin-invite-mail.ts';
import { AdminUserService, type AdminUserView } from '../../../services/admin-user.service.ts';
import type { AdminRole } from '../../../services/role-permissions.ts';
import { AdminUserParams as UserParams } from '../../../schemas/admin-user.schema.ts';
import { PAGE_SIZE, pageHelpers, pager } from './user-pages.helpers.ts';

const view = { permission: 'tenancy.users.view' };
const manage = { permission: 'tenancy.users.manage' };

// No `additionalProperties: false`: `?notice=` and `?lang=` ride along on every page.
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
});

/** What the create and edit forms show (and show again, with an error, after a refused post). */
interface AdminUserForm {
  email: string;
  name: string;
  language: string;
  role: AdminRole;
  platforms: string[];
}

/**
 * The admin users pages, super admins only: `/admin/users` (list with
 * search), `/admin/users/new` (invite), `/admin/users/:id` (edit role and
 * platforms, disable or enable). The rules (no self-demotion, never
 * without an active super admin) are the service's; a refused post shows
 * its error above the re-rendered form.
 */
export async function adminUserPages(r: RouterInstance): Promise<void> {
  const admins = new AdminUserService(r.wizamart.database.db, r.wizamart.auth);
  const allPlatforms = () => admins.platformChoices();

  r.get('/users', { config: view, schema: { querystring: ListQuery } }, async (request, reply) => {
    const { q = '', page } = request.query;
    const result = await admins.list({ search: q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return reply.view('tenancy/admin/users/list.njk', {
      ...pageHelpers(request),
      users: result.users,
      q,
      pager: pager(request, '/admin/users', { q }, page, result.total),
      breadcrumbs: [{ label: request.t('tenancy:users.title') }],
    });
  });

  r.get('/users/new', { config: manage }, async (request, reply) => {
    const form: AdminUserForm = { email: '', name: '', language: defaultLanguage(request), role: 'platform_admin', platforms: [request.platform.code] };
    return reply.view('tenancy/admin/users/new.njk', { ...pageHelpers(request), creating: true, form, platforms: await allPlatforms(), breadcrumbs: crumbs(request, request.t('tenancy:users.new')) });
  });

  r.post('/users', { config: manage }, async (request, reply) => {
    const form = readForm(request.body);
    try {
      const created = await admins.create({ email: form.email, name: form.name, superAdmin: form.role === 'super_admin', platforms: form.platforms, language: form.language });
      await sendAdminInviteMail(r.wizamart, request, created.user, created.invitationToken, request.principal!.name);
      return redirectWithNotice(request, reply, `/admin/users/${created.user.id}`, 'invited');
    } catch (error) {
      const message = formError(request, error);
      reply.status(statusOf(error));
      return reply.view('tenancy/admin/users/new.njk', { ...pageHelpers(request), creating: true, form, error: message, platforms: await allPlatforms(), breadcrumbs: crumbs(request, request.t('tenancy:users.new')) });
    }
  });

  r.get('/users/:id', { config: view, schema: { params: UserParams } }, async (request, reply) => {
    const user = await admins.get(request.params.id);
    return renderEdit(request, reply, user, formOf(user));
  });

  r.post('/users/:id', { config: manage, schema: { params: UserParams } }, async (request, reply) => {
    const form = readForm(request.body);
    const role = field(request.body, 'role');
    try {
      await admins.update(
        request.params.id,
        {
          name: form.name,
          language: form.language,
          // The role fields are not in the form of one's own account (no self-demotion): keep the role then.
          superAdmin: role ? role === 'super_admin' : undefined,
          platforms: role === 'platform_admin' ? form.platforms : undefined,
        },
        { userId: request.principal!.userId },
      );
      return redirectWithNotice(request, reply, `/admin/users/${request.params.id}`, 'saved');
    } catch (error) {
      const message = formError(request, error);
      const user = await admins.get(request.params.id);
      reply.status(statusOf(error));
      return renderEdit(request, reply, user, { ...form, email: user.email, role: role ? form.role : user.role }, message);
    }
  });

  for (const action of ['disable', 'enable'] as const) {
    r.post(`/users/:id/${action}`, { config: manage, schema: { params: UserParams } }, async (request, reply) => {
      try {
        if (action === 'disable') await admins.disable(request.params.id, { userId: request.principal!.userId });
        else await admins.enable(request.params.id);
        return redirectWithNotice(request, reply, `/admin/users/${request.params.id}`, 'saved');
      } catch (error) {
        const message = formError(request, error);
        const user = await admins.get(request.params.id);
        reply.status(statusOf(error));
        return renderEdit(request, reply, user, formOf(user), undefined, message);
      }
    });
  }

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, user: AdminUserView, form: AdminUserForm, error?: string, statusError?: string) {
    return reply.view('tenancy/admin/users/edit.njk', {
      ...pageHelpers(request),
      user,
      form,
      error,
      statusError,
      isSelf: request.principal?.userId === user.id,
      platforms: await allPlatforms(),
      breadcrumbs: crumbs(request, user.name),
    });
  }
}

function crumbs(request: FastifyRequest, label: string): Array<{ label: string; path?: string }> {
  return [{ label: request.t('tenancy:users.title'), path: `${request.urlPrefix}/admin/users` }, { label }];
}

function readForm(body: unknown): AdminUserForm {
  return {
    email: field(body, 'email'),
    name: field(body, 'name'),
    language: field(body, 'language'),
    role: field(body, 'role') === 'super_admin' ? 'super_admin' : 'platform_admin',
    platforms: fields(body, 'platforms'),
  };
}

function formOf(user: AdminUserView): AdminUserForm {
  return { email: user.email, name: user.name, language: user.language, role: user.role, platforms: user.platforms.map((p) => p.code) };
}

function defaultLanguage(request: FastifyRequest): string {
  const platformDefault = request.platform.defaultLanguage;
  return isLanguage(platformDefault) ? platformDefault : request.language;
}

function statusOf(error: unknown): number {
  return isAppError(error) ? error.status : 400;
}
