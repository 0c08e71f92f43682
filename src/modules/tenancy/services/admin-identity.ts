import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { IdentityProvider } from '../../../core/auth/identity-provider.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { adminRoleOf, grantedToAdmin } from './role-permissions.ts';
import { accountOf, userWrites } from './user-account.ts';

/**
 * Who the back office's users are: rows of `admin_users`. A super admin
 * administers every platform; a platform admin those listed in
 * `admin_user_platforms`. Admins are not bound to a vendor, so there is no
 * `vendorsOf`.
 */
export const adminIdentity: IdentityProvider = {
  async findByEmail({ db, email }) {
    const row = await db
      .withTables<TenancyTables>()
      .selectFrom('admin_users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? accountOf(row) : null;
  },

  async findById({ db, userId }) {
    const row = await db.withTables<TenancyTables>().selectFrom('admin_users').selectAll().where('id', '=', userId).executeTakeFirst();
    return row ? accountOf(row) : null;
  },

  // Runs on every authenticated request: one query, the admin together with
  // the codes of the platforms they administer.
  async loadPrincipal({ db, userId, platform, permissions }) {
    const row = await db
      .withTables<TenancyTables>()
      .selectFrom('admin_users as u')
      .where('u.id', '=', userId)
      .where('u.status', '=', 'active')
      .select(['u.id', 'u.email', 'u.name', 'u.language', 'u.is_super_admin'])
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('admin_user_platforms as ap')
            .innerJoin('platforms as p', 'p.id', 'ap.platform_id')
            .whereRef('ap.admin_user_id', '=', 'u.id')
            .select('p.code')
            .orderBy('p.code'),
        ).as('administered'),
      )
      .executeTakeFirst();
    if (!row) return null;
    const role = adminRoleOf(row.is_super_admin);
    const platforms = role === 'super_admin' ? 'all' : row.administered.map((p) => p.code);
    return {
      userId: row.id,
      email: row.email,
      name: row.name,
      language: row.language,
      role,
      platforms,
      granted: grantedToAdmin(permissions, { role, platforms }, platform),
    };
  },

  ...userWrites('admin_users'),
};
