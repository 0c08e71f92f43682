import { Type, type Static, type TSchema } from 'typebox';
import { LANGUAGES } from '../../locales.ts';
import { ADMIN_ROLES } from '../services/role-permissions.ts';
import type { AdminUserPage, AdminUserView } from '../services/admin-user.service.ts';

const PLATFORM_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Language = Type.Enum([...LANGUAGES], { description: 'The language of their back office and mail' });
const PlatformCodes = Type.Array(Type.String({ pattern: PLATFORM_CODE_PATTERN }), {
  maxItems: 200,
  uniqueItems: true,
  description: 'Codes of the platforms a platform admin administers (ignored for a super admin)',
});

/** Ids are PostgreSQL integers: a larger one is refused here instead of failing in the query. */
export const AdminUserParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export type AdminUserParams = Static<typeof AdminUserParams>;

/** `GET /users` query. */
export const AdminUserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the e-mail address or name' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type AdminUserListQuery = Static<typeof AdminUserListQuery>;

/** `POST /users`: the new admin gets an invitation mail to set their password. */
export const AdminUserCreateBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    super_admin: Type.Boolean({ default: false }),
    platforms: Type.Optional(PlatformCodes),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type AdminUserCreateBody = Static<typeof AdminUserCreateBody>;

/** `PATCH /users/:id`: only the fields given change; `platforms` replaces the list. */
export const AdminUserUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    language: Type.Optional(Language),
    super_admin: Type.Optional(Type.Boolean()),
    platforms: Type.Optional(PlatformCodes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminUserUpdateBody = Static<typeof AdminUserUpdateBody>;

export const AdminUserBody = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum([...ADMIN_ROLES]),
  super_admin: Type.Boolean(),
  platforms: Type.Array(Type.String(), { description: 'Administered platforms (empty for a super admin, who administers all)' }),
  status: Type.Enum(['active', 'disabled']),
  language: Type.String(),
  invitation_pending: Type.Boolean({ description: 'No password set yet: the invitation link has not been used' }),
  created_at: Timestamp,
  last_login_at: Nullable(Timestamp),
});
export type AdminUserBody = Static<typeof AdminUserBody>;

export const AdminUserListBody = Type.Object({
  total: Type.Integer({ description: 'Admins matching the search, all pages together' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  users: Type.Array(AdminUserBody, { description: 'By name' }),
});
export type AdminUserListBody = Static<typeof AdminUserListBody>;

export function toAdminUserBody(user: AdminUserView): AdminUserBody {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    super_admin: user.isSuperAdmin,
    platforms: user.platforms.map((p) => p.code),
    status: user.status,
    language: user.language,
    invitation_pending: user.invitationPending,
    created_at: user.createdAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
  };
}

export function toAdminUserListBody(page: AdminUserPage, query: Pick<AdminUserListQuery, 'limit' | 'offset'>): AdminUserListBody {
  return { total: page.total, limit: query.limit, offset: query.offset, users: page.users.map(toAdminUserBody) };
}
