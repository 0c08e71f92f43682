import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FrameworkTables, PlatformsTable } from '../../../core/database/tables.ts';

/** The tables of `tenancy_001_tenants_and_users`, for `db.withTables<TenancyTables>()`. */

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type VendorStatus = 'active' | 'suspended';
export type UserStatus = 'active' | 'disabled';
export const BUILTIN_VENDOR_ROLES = ['owner', 'manager', 'staff'] as const;
export type BuiltinVendorRole = (typeof BUILTIN_VENDOR_ROLES)[number];

export interface TenancyPlatformsTable extends PlatformsTable {
  default_language: ColumnType<string, string | undefined, string>;
  languages: Json<string[]>;
  settings: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export interface PlatformDomainsTable {
  domain: string;
  platform_id: number;
  is_primary: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface CompaniesTable {
  id: Generated<number>;
  platform_id: number;
  name: string;
  contact_email: string | null;
  vat_number: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface VendorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  company_id: number;
  platform_id: number;
  subdomain: string | null;
  custom_domain: string | null;
  status: ColumnType<VendorStatus, VendorStatus | undefined, VendorStatus>;
  default_language: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AdminUsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  is_super_admin: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  language: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  last_login_at: Date | null;
}

export interface AdminUserPlatformsTable {
  admin_user_id: number;
  platform_id: number;
}

export interface VendorUsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  language: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  last_login_at: Date | null;
}

/** Vendor-scoped: every row carries its vendor. */
export interface VendorRolesTable {
  id: Generated<number>;
  vendor_id: number;
  name: string;
  permissions: Json<string[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Vendor-scoped. */
export interface VendorMembershipsTable {
  id: Generated<number>;
  vendor_id: number;
  user_id: number;
  builtin_role: BuiltinVendorRole | null;
  role_id: number | null;
  created_at: CreatedAt;
}

/** Vendor-scoped. */
export interface VendorInvitationsTable {
  id: Generated<number>;
  vendor_id: number;
  email: string;
  builtin_role: BuiltinVendorRole | null;
  role_id: number | null;
  token_hash: string;
  invited_by: string;
  created_at: CreatedAt;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

/** A type alias, not an interface: Kysely's `withTables` needs an index-signature-compatible shape. */
export type TenancyTables = Omit<FrameworkTables, 'platforms'> & {
  platforms: TenancyPlatformsTable;
  platform_domains: PlatformDomainsTable;
  companies: CompaniesTable;
  vendors: VendorsTable;
  admin_users: AdminUsersTable;
  admin_user_platforms: AdminUserPlatformsTable;
  vendor_users: VendorUsersTable;
  vendor_roles: VendorRolesTable;
  vendor_memberships: VendorMembershipsTable;
  vendor_invitations: VendorInvitationsTable;
};

export type Platform = Selectable<TenancyPlatformsTable>;
export type Company = Selectable<CompaniesTable>;
export type Vendor = Selectable<VendorsTable>;
export type AdminUser = Selectable<AdminUsersTable>;
export type VendorUser = Selectable<VendorUsersTable>;
