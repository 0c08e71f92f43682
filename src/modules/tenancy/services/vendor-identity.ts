import type { IdentityProvider } from '../../../core/auth/identity-provider.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { grantedToVendorRole } from './role-permissions.ts';
import { accountOf, userWrites } from './user-account.ts';

/**
 * Who vendor staff are: rows of `vendor_users`, each on the team of one or
 * more vendors through `vendor_memberships`. A session is bound to one
 * vendor, so the principal is the user *as a member of that vendor*: gone
 * when they leave the team, are disabled, or the vendor is suspended.
 */
export const vendorIdentity: IdentityProvider = {
  async findByEmail({ db, email }) {
    const row = await db
      .withTables<TenancyTables>()
      .selectFrom('vendor_users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? accountOf(row) : null;
  },

  async findById({ db, userId }) {
    const row = await db.withTables<TenancyTables>().selectFrom('vendor_users').selectAll().where('id', '=', userId).executeTakeFirst();
    return row ? accountOf(row) : null;
  },

  // Vendor codes are unique across platforms, so sign-in offers the user's
  // vendors whatever the platform of the login page.
  async vendorsOf({ db, userId }) {
    return db
      .withTables<TenancyTables>()
      .selectFrom('vendor_memberships as m')
      .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
      .where('m.user_id', '=', userId)
      .where('v.status', '=', 'active')
      .select(['v.id', 'v.code', 'v.name'])
      .orderBy('v.name')
      .orderBy('v.code')
      .execute();
  },

  // Runs on every authenticated request: one query for the user, their
  // membership, its vendor and platform, and the custom role if any.
  async loadPrincipal({ db, userId, vendorId, permissions }) {
    if (vendorId === null) return null;
    const row = await db
      .withTables<TenancyTables>()
      .selectFrom('vendor_users as u')
      .innerJoin('vendor_memberships as m', 'm.user_id', 'u.id')
      .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
      .innerJoin('platforms as p', 'p.id', 'v.platform_id')
      .leftJoin('vendor_roles as r', 'r.id', 'm.role_id')
      .where('u.id', '=', userId)
      .where('m.vendor_id', '=', vendorId)
      .where('u.status', '=', 'active')
      .where('v.status', '=', 'active')
      .select([
        'u.id',
        'u.email',
        'u.name',
        'u.language',
        'm.builtin_role',
        'r.name as role_name',
        'r.permissions as role_permissions',
        'v.id as vendor_id',
        'v.code as vendor_code',
        'v.name as vendor_name',
        'p.code as platform_code',
      ])
      .executeTakeFirst();
    if (!row) return null;
    const granted = row.builtin_role
      ? grantedToVendorRole(permissions, { builtin: row.builtin_role })
      : grantedToVendorRole(permissions, { custom: row.role_permissions ?? [] });
    return {
      userId: row.id,
      email: row.email,
      name: row.name,
      language: row.language,
      // The table's check constraint guarantees one of the two.
      role: row.builtin_role ?? row.role_name ?? '',
      vendor: { id: row.vendor_id, code: row.vendor_code, name: row.vendor_name, platform: row.platform_code },
      granted,
    };
  },

  ...userWrites('vendor_users'),
};
