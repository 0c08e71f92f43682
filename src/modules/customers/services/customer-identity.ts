import { sql } from 'kysely';
import type { AccountRecord, IdentityProvider } from '../../../core/auth/identity-provider.ts';
import type { CustomerRow, CustomersTables } from '../models/customer.model.ts';

/** The few vendor and platform columns the principal needs; customers do not import tenancy's model. */
type PrincipalTables = CustomersTables & {
  vendors: { id: number; code: string; name: string; platform_id: number; status: string };
  platforms: { id: number; code: string };
};

function accountOf(row: Pick<CustomerRow, 'id' | 'email' | 'name' | 'password_hash' | 'status' | 'language'>): AccountRecord {
  return { userId: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, active: row.status === 'active', language: row.language };
}

const ACCOUNT_COLUMNS = ['id', 'email', 'name', 'password_hash', 'status', 'language'] as const;

/**
 * Who storefront customers are: rows of `customers`, each belonging to one
 * vendor's shop. An account is looked up within the shop the request came
 * in on, so the same e-mail address at two shops is two accounts with two
 * passwords, and a request without a shop finds nobody. A session is bound
 * to the customer's own shop and ends when the shop closes or the
 * customer is disabled or deleted.
 *
 * Unverified e-mail addresses may sign in (the account pages show a banner
 * with a resend link): the shop knows the address came from its own form,
 * and locking a customer out until they find a mail costs more sales than
 * it prevents abuse.
 */
export const customerIdentity: IdentityProvider = {
  async findByEmail({ db, email, vendorId }) {
    if (vendorId === null || vendorId === undefined) return null;
    const row = await db
      .withTables<CustomersTables>()
      .selectFrom('customers')
      .select(ACCOUNT_COLUMNS)
      .where('vendor_id', '=', vendorId)
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? accountOf(row) : null;
  },

  // Ids are unique across shops; the reset token names the id, and its session binds the shop.
  async findById({ db, userId, vendorId }) {
    let query = db.withTables<CustomersTables>().selectFrom('customers').select(ACCOUNT_COLUMNS).where('id', '=', userId);
    if (typeof vendorId === 'number') query = query.where('vendor_id', '=', vendorId);
    const row = await query.executeTakeFirst();
    return row ? accountOf(row) : null;
  },

  // Runs on every signed-in storefront request: one query for the customer, their shop and its platform.
  async loadPrincipal({ db, userId, vendorId }) {
    if (vendorId === null) return null;
    const row = await db
      .withTables<PrincipalTables>()
      .selectFrom('customers as c')
      .innerJoin('vendors as v', 'v.id', 'c.vendor_id')
      .innerJoin('platforms as p', 'p.id', 'v.platform_id')
      .where('c.id', '=', userId)
      .where('c.vendor_id', '=', vendorId)
      .where('c.status', '=', 'active')
      .where('v.status', '=', 'active')
      .select(['c.id', 'c.email', 'c.name', 'c.language', 'v.id as vendor_id', 'v.code as vendor_code', 'v.name as vendor_name', 'p.code as platform_code'])
      .executeTakeFirst();
    if (!row) return null;
    return {
      userId: row.id,
      email: row.email,
      name: row.name,
      language: row.language,
      role: 'customer',
      vendor: { id: row.vendor_id, code: row.vendor_code, name: row.vendor_name, platform: row.platform_code },
      granted: [],
    };
  },

  async setPasswordHash({ db, userId, passwordHash }) {
    await db.withTables<CustomersTables>().updateTable('customers').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', userId).execute();
  },

  async recordSignIn({ db, userId }) {
    await db.withTables<CustomersTables>().updateTable('customers').set({ last_login_at: sql<Date>`now()` }).where('id', '=', userId).execute();
  },
};
