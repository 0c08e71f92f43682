import { sql } from 'kysely';
import type { AccountRecord, IdentityProvider } from '../../../core/auth/identity-provider.ts';
import type { AdminUser, TenancyTables, VendorUser } from '../models/tenancy.model.ts';

/** What admin and vendor identities share: the two user tables have the same sign-in columns. */
export function accountOf(row: AdminUser | VendorUser): AccountRecord {
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    active: row.status === 'active',
    language: row.language,
  };
}

/** Password and last-sign-in writes of an identity, on its user table. */
export function userWrites(table: 'admin_users' | 'vendor_users'): Pick<IdentityProvider, 'setPasswordHash' | 'recordSignIn'> {
  return {
    async setPasswordHash({ db, userId, passwordHash }) {
      await db.withTables<TenancyTables>().updateTable(table).set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    },
    async recordSignIn({ db, userId }) {
      await db.withTables<TenancyTables>().updateTable(table).set({ last_login_at: sql<Date>`now()` }).where('id', '=', userId).execute();
    },
  };
}
