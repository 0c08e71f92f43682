import { Type, type Static, type TSchema } from 'typebox';
import { BUILTIN_VENDOR_ROLES } from '../models/tenancy.model.ts';
import type { VendorMembershipView, VendorUserPage, VendorUserView } from '../services/vendor-user-admin.service.ts';

const CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const UserStatus = Type.Enum(['active', 'disabled']);

/** Ids are PostgreSQL integers: a larger one is refused here instead of failing in the query. */
export const VendorUserParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export type VendorUserParams = Static<typeof VendorUserParams>;

/** `GET /vendor-users` query: every filter is optional and they combine with AND. */
export const VendorUserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the e-mail address or name' })),
    vendor: Type.Optional(Type.String({ pattern: CODE_PATTERN, description: 'Only members of this vendor (code)' })),
    platform: Type.Optional(Type.String({ pattern: CODE_PATTERN, description: 'Only members of a vendor on this platform (code); it must be one you administer' })),
    status: Type.Optional(UserStatus),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type VendorUserListQuery = Static<typeof VendorUserListQuery>;

export const VendorMembershipBody = Type.Object({
  vendor: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), status: Type.Enum(['active', 'suspended']) }),
  platform: Type.Object({ code: Type.String(), name: Type.String() }),
  role: Type.String({ description: 'owner, manager, staff, or the name of a custom role' }),
  builtin_role: Nullable(Type.Enum([...BUILTIN_VENDOR_ROLES])),
  role_id: Nullable(Type.Integer({ description: 'The custom role, when the member has one' })),
  joined_at: Timestamp,
});
export type VendorMembershipBody = Static<typeof VendorMembershipBody>;

export const VendorUserBody = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  status: UserStatus,
  language: Type.String(),
  password_set: Type.Boolean({ description: 'False until they accepted an invitation or reset their password' }),
  created_at: Timestamp,
  last_login_at: Nullable(Timestamp),
  memberships: Type.Array(VendorMembershipBody, { description: 'Their teams on the platforms you administer' }),
  on_other_platforms: Type.Boolean({ description: 'Also on teams on platforms you do not administer (not listed); only a super admin then disables or enables the account' }),
});
export type VendorUserBody = Static<typeof VendorUserBody>;

export const VendorUserListBody = Type.Object({
  total: Type.Integer({ description: 'Users matching the filters, all pages together' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  users: Type.Array(VendorUserBody, { description: 'By name' }),
});
export type VendorUserListBody = Static<typeof VendorUserListBody>;

export const PasswordResetSentBody = Type.Object({ sent_to: Type.String({ description: 'The address the reset link was mailed to' }) });
export type PasswordResetSentBody = Static<typeof PasswordResetSentBody>;

function toMembershipBody(m: VendorMembershipView): VendorMembershipBody {
  return {
    vendor: { id: m.vendorId, code: m.vendorCode, name: m.vendorName, status: m.vendorStatus },
    platform: { code: m.platformCode, name: m.platformName },
    role: m.builtinRole ?? m.roleName ?? '',
    builtin_role: m.builtinRole,
    role_id: m.roleId,
    joined_at: m.joinedAt.toISOString(),
  };
}

export function toVendorUserBody(user: VendorUserView): VendorUserBody {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    language: user.language,
    password_set: user.passwordSet,
    created_at: user.createdAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
    memberships: user.memberships.map(toMembershipBody),
    on_other_platforms: user.onOtherPlatforms,
  };
}

export function toVendorUserListBody(page: VendorUserPage, query: Pick<VendorUserListQuery, 'limit' | 'offset'>): VendorUserListBody {
  return { total: page.total, limit: query.limit, offset: query.offset, users: page.users.map(toVendorUserBody) };
}
