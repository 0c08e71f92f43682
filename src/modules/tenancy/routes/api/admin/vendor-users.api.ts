import { sendPasswordResetMail } from '../../../../../api/auth/password-reset-mail.ts';
import { errorResponses } from '../../../../../api/schemas.ts';
import type { RouterInstance } from '../../../../routes.ts';
import {
  PasswordResetSentBody,
  VendorUserBody,
  VendorUserListBody,
  VendorUserListQuery,
  VendorUserParams,
  toVendorUserBody,
  toVendorUserListBody,
} from '../../../schemas/vendor-user.schema.ts';
import { VendorUserAdminService } from '../../../services/vendor-user-admin.service.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'tenancy.vendors.view' };
const manage = { permission: 'tenancy.vendors.manage' };

/**
 * Vendor staff across vendors, at `/api/v1/admin/tenancy/vendor-users`.
 * An admin sees a vendor user through their memberships on the platforms
 * they administer; anyone else is 404.
 */
export async function vendorUsersApi(r: RouterInstance): Promise<void> {
  const staff = new VendorUserAdminService(r.wizamart.database.db, r.wizamart.auth);

  r.get(
    '/vendor-users',
    {
      config: view,
      schema: {
        summary: 'Vendor users with their vendors and roles, filtered by search, vendor, platform and status',
        security,
        querystring: VendorUserListQuery,
        response: { 200: VendorUserListBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, limit, offset, ...filters } = request.query;
      return toVendorUserListBody(await staff.list(request.principal!.platforms ?? [], { ...filters, search: q, limit, offset }), { limit, offset });
    },
  );

  r.get(
    '/vendor-users/:id',
    {
      config: view,
      schema: {
        summary: 'One vendor user with their memberships',
        security,
        params: VendorUserParams,
        response: { 200: VendorUserBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toVendorUserBody(await staff.get(request.principal!.platforms ?? [], request.params.id)),
  );

  r.post(
    '/vendor-users/:id/disable',
    {
      config: manage,
      schema: {
        summary: 'Disable a vendor user on all their teams and end their sessions',
        security,
        params: VendorUserParams,
        response: { 200: VendorUserBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toVendorUserBody(await staff.disable(request.principal!.platforms ?? [], request.params.id)),
  );

  r.post(
    '/vendor-users/:id/enable',
    {
      config: manage,
      schema: { summary: 'Enable a disabled vendor user', security, params: VendorUserParams, response: { 200: VendorUserBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toVendorUserBody(await staff.enable(request.principal!.platforms ?? [], request.params.id)),
  );

  r.post(
    '/vendor-users/:id/password-reset',
    {
      config: manage,
      schema: {
        summary: 'Mail the vendor user a password reset link',
        security,
        params: VendorUserParams,
        response: { 202: PasswordResetSentBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account, token } = await staff.startPasswordReset(request.principal!.platforms ?? [], request.params.id, { platform: request.platform.code });
      await sendPasswordResetMail(r.wizamart, request, 'vendor', account, token);
      return reply.status(202).send({ sent_to: account.email });
    },
  );
}
