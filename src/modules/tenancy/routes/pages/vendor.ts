import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../../../api/auth/auth-api.routes.ts';
import { field, fields, formError, redirectWithNotice } from '../../../../api/forms.ts';
import { actorOf } from '../../../../core/auth/principal.ts';
import { isAppError } from '../../../../exceptions/base.ts';
import { clearSessionCookies, setSessionCookies, signInRateLimit } from '../../../../middleware/auth.ts';
import { LANGUAGE_INFO } from '../../../locales.ts';
import { defineRouter } from '../../../routes.ts';
import { TENANCY_ERRORS } from '../../exceptions.ts';
import { BUILTIN_VENDOR_ROLES } from '../../models/tenancy.model.ts';
import { roleChoiceFromForm, roleFormValue } from '../../schemas/team.schema.ts';
import { builtinVendorRoleGrants } from '../../services/role-permissions.ts';
import { InvitationAcceptance, TeamService, roleLabel, type InvitationPreview } from '../../services/team.service.ts';
import { VendorRoleService, type VendorRole } from '../../services/vendor-role.service.ts';
import { invitationMailContext } from '../api/vendor.ts';

const view = { permission: 'tenancy.team.view' };
const manage = { permission: 'tenancy.team.manage' };

const VendorCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const TeamParams = Type.Object({ vendor_code: VendorCode });
const MemberParams = Type.Object({ vendor_code: VendorCode, memberId: Id });
const IdParams = Type.Object({ vendor_code: VendorCode, id: Id });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$' }) });

/** Page error: the translated message and the status the API would answer. */
interface PageError {
  readonly message: string;
  readonly status: number;
}

function pageError(request: FastifyRequest, error: unknown): PageError {
  const message = formError(request, error);
  return { message, status: isAppError(error) ? error.status : 400 };
}

function formatDate(request: FastifyRequest, date: Date): string {
  return new Intl.DateTimeFormat(LANGUAGE_INFO[request.language].tag, { dateStyle: 'medium' }).format(date);
}

/** `vendor:3 <ana@example.lu>` (the audit actor) as people read it: the e-mail address. */
function inviterLabel(actor: string): string {
  return /<([^>]+)>$/.exec(actor)?.[1] ?? actor;
}

/** A password field as typed: unlike `field`, not trimmed (spaces may be part of it). */
function secretField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

/**
 * The vendor's team pages, at `/vendor/<code>/team` (members, their roles,
 * invitations) and `/vendor/<code>/team/roles` (custom roles), and the
 * public page an invitation mail links to, `/vendor/invitations/<token>`.
 * Whoever holds `tenancy.team.view` sees the team; the forms are for
 * `tenancy.team.manage`. The vendor is always the session's: the code in
 * the URL is only checked against it (403 otherwise).
 */
export const router = defineRouter(async (r) => {
  const ctx = r.wizamart;
  const team = (request: FastifyRequest) => TeamService.forPrincipal(ctx, request.principal);
  const roles = (request: FastifyRequest) => VendorRoleService.forPrincipal(ctx, request.principal);
  const teamPath = (request: FastifyRequest) => `/vendor/${request.principal!.vendor!.code}/team`;

  /** The labels of permission codes in the page's language (the module's translation, else the declared description). */
  const permissionLabels = (request: FastifyRequest) => {
    const labels: Record<string, string> = {};
    for (const p of ctx.permissions.forAudience('vendor')) labels[p.code] = request.t(`${p.module}:permissions.${p.code}`, { defaultValue: p.description });
    return labels;
  };

  const roleOptions = (request: FastifyRequest, custom: readonly VendorRole[]) => [
    ...BUILTIN_VENDOR_ROLES.map((builtin) => ({ value: builtin, label: roleLabel(request.t, { builtinRole: builtin, roleId: null, roleName: null }) })),
    ...custom.map((role) => ({ value: `custom:${role.id}`, label: role.name })),
  ];

  async function renderTeam(request: FastifyRequest, reply: FastifyReply, extra: { error?: PageError; invite?: { email: string; role: string } } = {}) {
    const principal = request.principal!;
    const canManage = principal.permissions.has('tenancy.team.manage');
    const service = team(request);
    const [members, invitations, custom] = await Promise.all([
      service.listMembers(),
      canManage ? service.listInvitations() : Promise.resolve([]),
      canManage ? roles(request).list() : Promise.resolve([]),
    ]);
    if (extra.error) reply.status(extra.error.status);
    return reply.view('tenancy/vendor/team/index.njk', {
      base: teamPath(request),
      error: extra.error?.message,
      invite: extra.invite ?? { email: '', role: 'staff' },
      members: members.map((m) => ({
        ...m,
        initials: initials(m.name),
        isSelf: m.userId === principal.userId,
        roleLabel: roleLabel(request.t, m),
        roleValue: roleFormValue(m),
        joined: formatDate(request, m.joinedAt),
      })),
      invitations: invitations.map((i) => ({
        ...i,
        roleLabel: roleLabel(request.t, i),
        inviter: inviterLabel(i.invitedBy),
        sent: formatDate(request, i.createdAt),
        expires: formatDate(request, i.expiresAt),
      })),
      roleOptions: roleOptions(request, custom),
      breadcrumbs: [{ label: request.t('tenancy:team.title') }],
    });
  }

  r.get('/:vendor_code/team', { config: view, schema: { params: TeamParams } }, async (request, reply) => renderTeam(request, reply));

  r.post('/:vendor_code/team/:memberId/role', { config: manage, schema: { params: MemberParams } }, async (request, reply) => {
    try {
      await team(request).changeRole(request.params.memberId, roleChoiceFromForm(field(request.body, 'role')));
    } catch (error) {
      return renderTeam(request, reply, { error: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, teamPath(request), 'saved');
  });

  r.post('/:vendor_code/team/:memberId/remove', { config: manage, schema: { params: MemberParams } }, async (request, reply) => {
    let removed;
    try {
      removed = await team(request).removeMember(request.params.memberId);
    } catch (error) {
      return renderTeam(request, reply, { error: pageError(request, error) });
    }
    // Leaving the team oneself ends this session too: back to sign-in.
    if (removed.userId === request.principal!.userId) {
      clearSessionCookies(reply, 'vendor');
      return reply.redirect(`${request.urlPrefix}/vendor/login`, 303);
    }
    return redirectWithNotice(request, reply, teamPath(request), 'removed');
  });

  r.post('/:vendor_code/team/invitations', { config: manage, schema: { params: TeamParams } }, async (request, reply) => {
    const invite = { email: field(request.body, 'email'), role: field(request.body, 'role') };
    try {
      await team(request).invite({ email: invite.email, role: roleChoiceFromForm(invite.role), invitedBy: actorOf(request.principal) }, invitationMailContext(request));
    } catch (error) {
      return renderTeam(request, reply, { error: pageError(request, error), invite });
    }
    return redirectWithNotice(request, reply, teamPath(request), 'invited');
  });

  r.post('/:vendor_code/team/invitations/:id/resend', { config: manage, schema: { params: IdParams } }, async (request, reply) => {
    try {
      await team(request).resendInvitation(request.params.id, invitationMailContext(request));
    } catch (error) {
      return renderTeam(request, reply, { error: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, teamPath(request), 'invited');
  });

  r.post('/:vendor_code/team/invitations/:id/revoke', { config: manage, schema: { params: IdParams } }, async (request, reply) => {
    try {
      await team(request).revokeInvitation(request.params.id);
    } catch (error) {
      return renderTeam(request, reply, { error: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, teamPath(request), 'deleted');
  });

  // ------------------------------------------------------------------ custom roles

  async function renderRoles(request: FastifyRequest, reply: FastifyReply, extra: { error?: PageError; form?: { name: string; permissions: string[] } } = {}) {
    const service = roles(request);
    const labels = permissionLabels(request);
    const grants = builtinVendorRoleGrants(ctx.permissions);
    if (extra.error) reply.status(extra.error.status);
    return reply.view('tenancy/vendor/team/roles.njk', {
      base: teamPath(request),
      error: extra.error?.message,
      roles: (await service.list()).map((role) => ({ ...role, labels: role.permissions.map((code) => labels[code] ?? code) })),
      builtin: BUILTIN_VENDOR_ROLES.map((builtin) => ({
        role: builtin,
        label: roleLabel(request.t, { builtinRole: builtin, roleId: null, roleName: null }),
        labels: grants[builtin].map((code) => labels[code] ?? code),
      })),
      groups: permissionGroupsView(request, service, labels),
      form: extra.form ?? { name: '', permissions: [] },
      breadcrumbs: [{ label: request.t('tenancy:team.title'), path: `${request.urlPrefix}${teamPath(request)}` }, { label: request.t('tenancy:roles_page.title') }],
    });
  }

  function permissionGroupsView(request: FastifyRequest, service: VendorRoleService, labels: Record<string, string>) {
    return service.permissionGroups().map((group) => ({
      module: group.module,
      label: request.t(`${group.module}:name`, { defaultValue: group.module }),
      permissions: group.permissions.map((p) => ({ code: p.code, label: labels[p.code] ?? p.description })),
    }));
  }

  async function renderRoleEdit(request: FastifyRequest, reply: FastifyReply, role: VendorRole, extra: { error?: PageError; form?: { name: string; permissions: string[] } } = {}) {
    if (extra.error) reply.status(extra.error.status);
    const labels = permissionLabels(request);
    return reply.view('tenancy/vendor/team/role-edit.njk', {
      base: teamPath(request),
      role,
      error: extra.error?.message,
      groups: permissionGroupsView(request, roles(request), labels),
      form: extra.form ?? { name: role.name, permissions: [...role.permissions] },
      breadcrumbs: [
        { label: request.t('tenancy:team.title'), path: `${request.urlPrefix}${teamPath(request)}` },
        { label: request.t('tenancy:roles_page.title'), path: `${request.urlPrefix}${teamPath(request)}/roles` },
        { label: role.name },
      ],
    });
  }

  const roleForm = (body: unknown) => ({ name: field(body, 'name'), permissions: fields(body, 'permissions') });

  r.get('/:vendor_code/team/roles', { config: view, schema: { params: TeamParams } }, async (request, reply) => renderRoles(request, reply));

  r.post('/:vendor_code/team/roles', { config: manage, schema: { params: TeamParams } }, async (request, reply) => {
    const form = roleForm(request.body);
    try {
      await roles(request).create(form);
    } catch (error) {
      return renderRoles(request, reply, { error: pageError(request, error), form });
    }
    return redirectWithNotice(request, reply, `${teamPath(request)}/roles`, 'created');
  });

  r.get('/:vendor_code/team/roles/:id', { config: manage, schema: { params: IdParams } }, async (request, reply) =>
    renderRoleEdit(request, reply, await roles(request).get(request.params.id)),
  );

  r.post('/:vendor_code/team/roles/:id', { config: manage, schema: { params: IdParams } }, async (request, reply) => {
    const service = roles(request);
    const role = await service.get(request.params.id);
    const form = roleForm(request.body);
    try {
      await service.update(role.id, form);
    } catch (error) {
      return renderRoleEdit(request, reply, role, { error: pageError(request, error), form });
    }
    return redirectWithNotice(request, reply, `${teamPath(request)}/roles`, 'saved');
  });

  r.post('/:vendor_code/team/roles/:id/delete', { config: manage, schema: { params: IdParams } }, async (request, reply) => {
    try {
      await roles(request).delete(request.params.id);
    } catch (error) {
      return renderRoles(request, reply, { error: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, `${teamPath(request)}/roles`, 'deleted');
  });

  // ------------------------------------------------------------------ accepting an invitation (public)

  const acceptance = new InvitationAcceptance(ctx);

  function renderAccept(request: FastifyRequest, reply: FastifyReply, token: string, invitation: InvitationPreview | undefined, extra: { error?: PageError; name?: string } = {}) {
    if (extra.error) reply.status(extra.error.status);
    else if (!invitation) reply.status(400);
    return reply.view('tenancy/vendor/invitations/accept.njk', {
      audience: 'vendor',
      token,
      invitation: invitation && { ...invitation, roleLabel: roleLabel(request.t, invitation), expires: formatDate(request, invitation.expiresAt) },
      name: extra.name ?? invitation?.accountName ?? '',
      error: extra.error?.message,
    });
  }

  /** The invitation of a link, or undefined when it can no longer be accepted (the page says so). */
  async function previewOf(request: FastifyRequest, token: string): Promise<InvitationPreview | undefined> {
    try {
      return await acceptance.preview(token, request.platform.code);
    } catch (error) {
      if (isAppError(error) && error.code === TENANCY_ERRORS.TENANCY_INVITATION_INVALID.code) return undefined;
      throw error;
    }
  }

  r.get('/invitations/:token', { config: { public: true }, schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params;
    return renderAccept(request, reply, token, await previewOf(request, token));
  });

  r.post('/invitations/:token', { config: { public: true, ...signInRateLimit(ctx.settings) }, schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const invitation = await previewOf(request, token);
    if (!invitation) return renderAccept(request, reply, token, undefined);
    const name = field(request.body, 'name');
    const password = secretField(request.body, 'password');
    if (!invitation.hasAccount && password !== secretField(request.body, 'password_confirm')) {
      return renderAccept(request, reply, token, invitation, { error: { message: request.t('common:auth.passwords_differ'), status: 400 }, name });
    }
    let joined;
    try {
      joined = await acceptance.accept(token, { password, name, language: request.language }, requestMeta(request));
    } catch (error) {
      if (isAppError(error) && error.code === TENANCY_ERRORS.TENANCY_INVITATION_INVALID.code) return renderAccept(request, reply, token, undefined);
      return renderAccept(request, reply, token, invitation, { error: pageError(request, error), name });
    }
    const pair = await ctx.auth.issue('vendor', joined.userId, requestMeta(request, joined.vendor.id));
    setSessionCookies(request, reply, 'vendor', pair);
    return reply.redirect(`${request.urlPrefix}/vendor/${joined.vendor.code}/dashboard`, 303);
  });
});
