import { errorResponses } from '../../../../../api/schemas.ts';
import type { RouterInstance } from '../../../../routes.ts';
import {
  AdminUserBody,
  AdminUserCreateBody,
  AdminUserListBody,
  AdminUserListQuery,
  AdminUserParams,
  AdminUserUpdateBody,
  toAdminUserBody,
  toAdminUserListBody,
} from '../../../schemas/admin-user.schema.ts';
import { sendAdminInviteMail } from '../../../services/admin-invite-mail.ts';
import { AdminUserService } from '../../../services/admin-user.service.ts';

const security = [{ bearerAuth: [] }];
// Both permissions are super-admin-only (role-permissions.ts): platform admins get 403 here.
const view = { permission: 'tenancy.users.view' };
const manage = { permission: 'tenancy.users.manage' };

/**
 * Admin users, at `/api/v1/admin/tenancy/users`: list, create (the new
 * admin is mailed a link to set their password), edit role and platforms,
 * disable (their sessions end) and enable.
 */
export async function adminUsersApi(r: RouterInstance): Promise<void> {
  const admins = new AdminUserService(r.wizamart.database.db, r.wizamart.auth);

  r.get(
    '/users',
    {
      config: view,
      schema: {
        summary: 'Admin users by name, with their role and platforms',
        security,
        querystring: AdminUserListQuery,
        response: { 200: AdminUserListBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, limit, offset } = request.query;
      return toAdminUserListBody(await admins.list({ search: q, limit, offset }), { limit, offset });
    },
  );

  r.post(
    '/users',
    {
      config: manage,
      schema: {
        summary: 'Create an admin user and mail them an invitation to set their password',
        security,
        body: AdminUserCreateBody,
        response: { 201: AdminUserBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await admins.create({
        email: body.email,
        name: body.name,
        superAdmin: body.super_admin,
        platforms: body.platforms ?? [],
        language: body.language ?? request.platform.defaultLanguage ?? 'en',
      });
      await sendAdminInviteMail(r.wizamart, request, created.user, created.invitationToken, request.principal!.name);
      return reply.status(201).send(toAdminUserBody(created.user));
    },
  );

  r.get(
    '/users/:id',
    {
      config: view,
      schema: { summary: 'One admin user', security, params: AdminUserParams, response: { 200: AdminUserBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toAdminUserBody(await admins.get(request.params.id)),
  );

  r.patch(
    '/users/:id',
    {
      config: manage,
      schema: {
        summary: "Change an admin's name, language, role or platforms (nobody demotes themselves or the last super admin)",
        security,
        params: AdminUserParams,
        body: AdminUserUpdateBody,
        response: { 200: AdminUserBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const body = request.body;
      const changes = { name: body.name, language: body.language, superAdmin: body.super_admin, platforms: body.platforms };
      return toAdminUserBody(await admins.update(request.params.id, changes, { userId: request.principal!.userId }));
    },
  );

  r.post(
    '/users/:id/disable',
    {
      config: manage,
      schema: {
        summary: 'Disable an admin user and end their sessions (not yourself, not the last super admin)',
        security,
        params: AdminUserParams,
        response: { 200: AdminUserBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => toAdminUserBody(await admins.disable(request.params.id, { userId: request.principal!.userId })),
  );

  r.post(
    '/users/:id/enable',
    {
      config: manage,
      schema: { summary: 'Enable a disabled admin user', security, params: AdminUserParams, response: { 200: AdminUserBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toAdminUserBody(await admins.enable(request.params.id)),
  );
}
