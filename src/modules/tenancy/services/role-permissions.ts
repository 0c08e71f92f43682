import type { PermissionCatalog } from '../../../core/permissions.ts';
import { BUILTIN_VENDOR_ROLES, type BuiltinVendorRole } from '../models/tenancy.model.ts';

/**
 * The RBAC rules: which permissions each role grants. Pure functions over
 * the permission catalog, so a module that declares a new permission is
 * covered by the roles without touching this file.
 *
 * Admins (the back office):
 * - a super admin holds every admin-audience permission, on every platform;
 * - a platform admin holds the same minus SUPER_ADMIN_ONLY_PERMISSIONS
 *   (creating platforms, managing admin users), and only on the platforms
 *   they administer: on any other platform, nothing.
 *
 * Vendor staff (a vendor's team):
 * - `owner` holds every vendor-audience permission;
 * - `manager` holds the owner's minus `tenancy.team.manage`: runs the shop,
 *   does not decide who is on the team;
 * - `staff` holds the vendor-audience permissions ending in `.view`;
 * - a custom role holds the permissions stored on it that are vendor-audience
 *   permissions: a stored code that is unknown (its module was removed) or
 *   admin-only is ignored, never granted.
 *
 * The framework then narrows every grant to the modules enabled on the
 * request's platform; these rules do not need to know about that.
 *
 * @example
 * grantedToAdmin(catalog, { role: 'platform_admin', platforms: ['wizamart'] }, 'wizamart');
 * grantedToVendorRole(catalog, { builtin: 'staff' });
 */

export const ADMIN_ROLES = ['super_admin', 'platform_admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Administration of the installation itself, kept from platform admins. */
export const SUPER_ADMIN_ONLY_PERMISSIONS: readonly string[] = Object.freeze([
  'tenancy.platforms.manage',
  'tenancy.users.view',
  'tenancy.users.manage',
]);

/** Deciding who is on a vendor's team, kept from managers. */
export const OWNER_ONLY_PERMISSIONS: readonly string[] = Object.freeze(['tenancy.team.manage']);

/**
 * Translation keys of the role names shown to people (team page, admin
 * users list). A custom role is shown by its stored name instead.
 */
export const ROLE_LABEL_KEYS: Readonly<Record<AdminRole | BuiltinVendorRole, string>> = Object.freeze({
  super_admin: 'tenancy:roles.super_admin',
  platform_admin: 'tenancy:roles.platform_admin',
  owner: 'tenancy:roles.owner',
  manager: 'tenancy:roles.manager',
  staff: 'tenancy:roles.staff',
});

export function adminRoleOf(isSuperAdmin: boolean): AdminRole {
  return isSuperAdmin ? 'super_admin' : 'platform_admin';
}

export interface AdminGrantSubject {
  readonly role: AdminRole;
  /** The platforms the admin administers (`all` for a super admin). */
  readonly platforms: 'all' | readonly string[];
}

/** What an admin may do on `platform`, in catalog order. */
export function grantedToAdmin(catalog: PermissionCatalog, admin: AdminGrantSubject, platform: string): string[] {
  const codes = catalog.forAudience('admin').map((p) => p.code);
  if (admin.role === 'super_admin') return codes;
  const administers = admin.platforms === 'all' || admin.platforms.includes(platform);
  if (!administers) return [];
  return codes.filter((code) => !SUPER_ADMIN_ONLY_PERMISSIONS.includes(code));
}

/** A member's role: one of the built-in ones, or a custom role's stored permission list. */
export type VendorRoleGrant = { readonly builtin: BuiltinVendorRole } | { readonly custom: readonly string[] };

/** What a member of a vendor's team may do, in catalog order. */
export function grantedToVendorRole(catalog: PermissionCatalog, role: VendorRoleGrant): string[] {
  const codes = catalog.forAudience('vendor').map((p) => p.code);
  if ('custom' in role) {
    const stored = new Set(role.custom);
    return codes.filter((code) => stored.has(code));
  }
  switch (role.builtin) {
    case 'owner':
      return codes;
    case 'manager':
      return codes.filter((code) => !OWNER_ONLY_PERMISSIONS.includes(code));
    case 'staff':
      return codes.filter((code) => code.endsWith('.view'));
  }
}

/** What each built-in vendor role grants, for the team page's role descriptions. */
export function builtinVendorRoleGrants(catalog: PermissionCatalog): Record<BuiltinVendorRole, string[]> {
  return Object.fromEntries(
    BUILTIN_VENDOR_ROLES.map((builtin) => [builtin, grantedToVendorRole(catalog, { builtin })]),
  ) as Record<BuiltinVendorRole, string[]>;
}

/** Whether a stored role name is a built-in role (a custom role may not take one of these names). */
export function isBuiltinVendorRole(name: string): name is BuiltinVendorRole {
  return (BUILTIN_VENDOR_ROLES as readonly string[]).includes(name);
}
