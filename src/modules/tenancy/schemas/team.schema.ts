import { Type, type Static, type TSchema } from 'typebox';
import { AppError } from '../../../exceptions/base.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import { BUILTIN_VENDOR_ROLES, type BuiltinVendorRole } from '../models/tenancy.model.ts';
import type { Invitation, RoleChoice, TeamMember } from '../services/team.service.ts';
import type { PermissionGroup, VendorRole } from '../services/vendor-role.service.ts';

/**
 * Request and response shapes of the vendor team API
 * (`/api/v1/vendor/tenancy/...`), with the mappers from service objects,
 * and the parsing of a role choice from the API or a page form.
 */

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Ids are int4 in the database: a bigger guess is a 400, not a database error. */
const MAX_ID = 2_147_483_647;
const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });
const BuiltinRole = Type.Enum([...BUILTIN_VENDOR_ROLES], { description: 'A built-in role' });

export const MemberParams = Type.Object({ memberId: Id });
export type MemberParams = Static<typeof MemberParams>;
export const InvitationParams = Type.Object({ id: Id });
export type InvitationParams = Static<typeof InvitationParams>;
export const RoleParams = Type.Object({ id: Id });
export type RoleParams = Static<typeof RoleParams>;

/** A role to give: `role` (built-in) or `role_id` (a custom role of the vendor), exactly one. */
const RoleChoiceFields = {
  role: Type.Optional(BuiltinRole),
  role_id: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'A custom role of the vendor (GET /roles)' })),
};

export const ChangeRoleBody = Type.Object(RoleChoiceFields, { additionalProperties: false });
export type ChangeRoleBody = Static<typeof ChangeRoleBody>;

export const InviteBody = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 320 }), ...RoleChoiceFields },
  { additionalProperties: false },
);
export type InviteBody = Static<typeof InviteBody>;

const RoleName = Type.String({ minLength: 1, maxLength: 100 });
const PermissionCodes = Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500, description: 'Vendor permission codes (see GET /roles: `available`)' });

export const RoleCreateBody = Type.Object({ name: RoleName, permissions: PermissionCodes }, { additionalProperties: false });
export type RoleCreateBody = Static<typeof RoleCreateBody>;
export const RoleUpdateBody = Type.Object({ name: Type.Optional(RoleName), permissions: Type.Optional(PermissionCodes) }, { additionalProperties: false });
export type RoleUpdateBody = Static<typeof RoleUpdateBody>;

const RoleFields = {
  role: Type.String({ description: 'The built-in role, or the custom role\'s name' }),
  builtin_role: Nullable(BuiltinRole),
  role_id: Nullable(Type.Integer()),
};

export const MemberBody = Type.Object({
  id: Type.Integer({ description: 'The membership id, used in /team/:memberId' }),
  user_id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  ...RoleFields,
  joined_at: Timestamp,
  last_login_at: Nullable(Timestamp),
});
export type MemberBody = Static<typeof MemberBody>;
export const TeamBody = Type.Object({ members: Type.Array(MemberBody) });
export type TeamBody = Static<typeof TeamBody>;

export const InvitationBody = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  ...RoleFields,
  invited_by: Type.String(),
  created_at: Timestamp,
  expires_at: Timestamp,
  expired: Type.Boolean({ description: 'The link no longer works; resend to issue a new one' }),
});
export type InvitationBody = Static<typeof InvitationBody>;
export const InvitationListBody = Type.Object({ invitations: Type.Array(InvitationBody) });
export type InvitationListBody = Static<typeof InvitationListBody>;

export const RoleBody = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  members: Type.Integer({ description: 'Members holding the role' }),
  invitations: Type.Integer({ description: 'Pending invitations offering the role' }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type RoleBody = Static<typeof RoleBody>;

export const RoleListBody = Type.Object({
  roles: Type.Array(RoleBody),
  builtin: Type.Array(Type.Object({ role: BuiltinRole, permissions: Type.Array(Type.String()) }), { description: 'What each built-in role grants' }),
  available: Type.Array(
    Type.Object({ module: Type.String(), permissions: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })) }),
    { description: 'The permissions a custom role can grant, by module' },
  ),
});
export type RoleListBody = Static<typeof RoleListBody>;

/** The API's `role` / `role_id` pair as a choice; exactly one must be given. */
export function roleChoiceOf(body: { role?: BuiltinVendorRole | undefined; role_id?: number | undefined }): RoleChoice {
  if (body.role !== undefined && body.role_id === undefined) return { builtin: body.role };
  if (body.role_id !== undefined && body.role === undefined) return { roleId: body.role_id };
  throw new AppError(TENANCY_ERRORS.TENANCY_TEAM_ROLE_REQUIRED);
}

/** A page form's role select: `owner`, `manager`, `staff` or `custom:<id>`. */
export function roleChoiceFromForm(value: string): RoleChoice {
  if ((BUILTIN_VENDOR_ROLES as readonly string[]).includes(value)) return { builtin: value as BuiltinVendorRole };
  const custom = /^custom:(\d{1,10})$/.exec(value);
  const id = custom ? Number(custom[1]) : NaN;
  if (Number.isInteger(id) && id >= 1 && id <= MAX_ID) return { roleId: id };
  throw new AppError(TENANCY_ERRORS.TENANCY_TEAM_ROLE_REQUIRED);
}

/** The form value of a stored role, the inverse of `roleChoiceFromForm`. */
export function roleFormValue(role: { builtinRole: BuiltinVendorRole | null; roleId: number | null }): string {
  return role.builtinRole ?? `custom:${role.roleId ?? ''}`;
}

function roleFields(role: { builtinRole: BuiltinVendorRole | null; roleId: number | null; roleName: string | null }) {
  return { role: role.builtinRole ?? role.roleName ?? '', builtin_role: role.builtinRole, role_id: role.roleId };
}

export function toMemberBody(m: TeamMember): MemberBody {
  return {
    id: m.id,
    user_id: m.userId,
    name: m.name,
    email: m.email,
    ...roleFields(m),
    joined_at: m.joinedAt.toISOString(),
    last_login_at: m.lastLoginAt?.toISOString() ?? null,
  };
}

export function toInvitationBody(i: Invitation): InvitationBody {
  return {
    id: i.id,
    email: i.email,
    ...roleFields(i),
    invited_by: i.invitedBy,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
    expired: i.expired,
  };
}

export function toRoleBody(r: VendorRole): RoleBody {
  return {
    id: r.id,
    name: r.name,
    permissions: [...r.permissions],
    members: r.members,
    invitations: r.invitations,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function toRoleListBody(roles: readonly VendorRole[], builtin: Record<BuiltinVendorRole, string[]>, available: readonly PermissionGroup[]): RoleListBody {
  return {
    roles: roles.map(toRoleBody),
    builtin: BUILTIN_VENDOR_ROLES.map((role) => ({ role, permissions: builtin[role] })),
    available: available.map((g) => ({ module: g.module, permissions: g.permissions.map((p) => ({ ...p })) })),
  };
}
