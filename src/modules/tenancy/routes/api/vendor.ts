import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { siteUrl } from '../../../../api/auth/password-reset-mail.ts';
import { errorResponses } from '../../../../api/schemas.ts';
import { actorOf } from '../../../../core/auth/principal.ts';
import { defineRouter } from '../../../routes.ts';
import {
  ChangeRoleBody,
  InvitationBody,
  InvitationListBody,
  InvitationParams,
  InviteBody,
  MemberBody,
  MemberParams,
  RoleBody,
  RoleCreateBody,
  RoleListBody,
  RoleParams,
  RoleUpdateBody,
  TeamBody,
  roleChoiceOf,
  toInvitationBody,
  toMemberBody,
  toRoleBody,
  toRoleListBody,
} from '../../schemas/team.schema.ts';
import { builtinVendorRoleGrants } from '../../services/role-permissions.ts';
import { TeamService, type InvitationMailContext } from '../../services/team.service.ts';
import { VendorRoleService } from '../../services/vendor-role.service.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'tenancy.team.view' };
const manage = { permission: 'tenancy.team.manage' };
const tags = ['tenancy'];

/** What the invitation mail needs from the request: the site address the inviter uses, their name and language. */
export function invitationMailContext(request: FastifyRequest): InvitationMailContext {
  return {
    mailer: request.server.wizamart.mailer,
    views: request.server.views,
    siteUrl: siteUrl(request),
    platform: request.platform,
    inviterName: request.principal?.name ?? '',
    fallbackLanguage: request.language,
  };
}

/**
 * The vendor team API at `/api/v1/vendor/tenancy`: members and their roles,
 * invitations, and the vendor's custom roles. Every handler works on the
 * vendor of the caller's session (the bearer token), never on one named in
 * the request: an id of another vendor's member, role or invitation is 404.
 */
export const router = defineRouter(async (r) => {
  const team = (request: FastifyRequest) => TeamService.forPrincipal(r.wizamart, request.principal);
  const roles = (request: FastifyRequest) => VendorRoleService.forPrincipal(r.wizamart, request.principal);

  r.get(
    '/team',
    { config: view, schema: { tags, summary: "The vendor's team: members, their roles and when they joined", security, response: { 200: TeamBody, ...errorResponses(401, 403) } } },
    async (request) => ({ members: (await team(request).listMembers()).map(toMemberBody) }),
  );

  r.patch(
    '/team/:memberId',
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a member's role (built-in `role` or custom `role_id`); the last owner stays owner",
        security,
        params: MemberParams,
        body: ChangeRoleBody,
        response: { 200: MemberBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => toMemberBody(await team(request).changeRole(request.params.memberId, roleChoiceOf(request.body))),
  );

  r.delete(
    '/team/:memberId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Remove a member from the team (their sessions for this vendor end); never the last owner',
        security,
        params: MemberParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await team(request).removeMember(request.params.memberId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/invitations',
    {
      config: manage,
      schema: { tags, summary: 'Invitations not yet accepted nor withdrawn (expired ones flagged)', security, response: { 200: InvitationListBody, ...errorResponses(401, 403) } },
    },
    async (request) => ({ invitations: (await team(request).listInvitations()).map(toInvitationBody) }),
  );

  r.post(
    '/invitations',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Invite an e-mail address with a role: mails a link valid 7 days; an earlier pending invitation to it is withdrawn',
        security,
        body: InviteBody,
        response: { 201: InvitationBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const invitation = await team(request).invite(
        { email: request.body.email, role: roleChoiceOf(request.body), invitedBy: actorOf(request.principal) },
        invitationMailContext(request),
      );
      return reply.status(201).send(toInvitationBody(invitation));
    },
  );

  r.post(
    '/invitations/:id/resend',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mail the invitation again with a new link, valid 7 more days (the old link stops working)',
        security,
        params: InvitationParams,
        response: { 200: InvitationBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toInvitationBody(await team(request).resendInvitation(request.params.id, invitationMailContext(request))),
  );

  r.delete(
    '/invitations/:id',
    {
      config: manage,
      schema: { tags, summary: 'Withdraw an invitation: its link stops working', security, params: InvitationParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await team(request).revokeInvitation(request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/roles',
    {
      config: manage,
      schema: {
        tags,
        summary: "The vendor's custom roles, what the built-in roles grant, and the permissions a custom role can grant",
        security,
        response: { 200: RoleListBody, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const service = roles(request);
      return toRoleListBody(await service.list(), builtinVendorRoleGrants(r.wizamart.permissions), service.permissionGroups());
    },
  );

  r.post(
    '/roles',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a custom role from vendor permissions',
        security,
        body: RoleCreateBody,
        response: { 201: RoleBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(toRoleBody(await roles(request).create(request.body))),
  );

  r.patch(
    '/roles/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Rename a custom role or change its permissions (its members' permissions change at once)",
        security,
        params: RoleParams,
        body: RoleUpdateBody,
        response: { 200: RoleBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => toRoleBody(await roles(request).update(request.params.id, request.body)),
  );

  r.delete(
    '/roles/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a custom role that no member holds and no pending invitation offers',
        security,
        params: RoleParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await roles(request).delete(request.params.id);
      return reply.status(204).send(null);
    },
  );
});
