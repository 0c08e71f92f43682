import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import type { CrmTables } from '../models/crm.model.ts';
import { AddressService, type Address } from './address.service.ts';
import { CustomerAccountService, toAccount, type CustomerAccount } from './customer-account.service.ts';

/** Everything the shop stores about a customer, as the customer downloads it. */
export interface CustomerDataExport {
  readonly format: 'wizamart.customer-export.v1';
  readonly exportedAt: string;
  readonly shop: { readonly code: string; readonly name: string };
  readonly profile: CustomerAccount;
  readonly addresses: readonly Address[];
  /** Tags the shop gave the customer (e.g. `vip`). */
  readonly tags: readonly string[];
  /** Notes the shop's staff wrote about the customer: text and date (the author, another person, is left out). */
  readonly notes: ReadonlyArray<{ readonly body: string; readonly createdAt: Date }>;
  /** Signed-in devices: when, from which address and browser. */
  readonly sessions: ReadonlyArray<{ readonly createdAt: Date; readonly lastUsedAt: Date; readonly ip: string | null; readonly userAgent: string | null }>;
}

/**
 * GDPR basics for a signed-in customer: the download of their data (art. 15
 * and 20) and the erasure of their account (art. 17).
 *
 * The export includes the shop's tags and staff notes about the customer.
 * They are the shop's internal working data, but they are personal data
 * about the customer, and the right of access covers everything a
 * controller holds about the person; only the note authors' names (another
 * person's data) are left out. The data page says so.
 *
 * Erasure is final: the customer's row goes, and with it (foreign keys)
 * their addresses, notes and anything a later module hangs off the
 * customer; their sessions end and are deleted (they hold IP addresses),
 * as are their pending one-time links.
 */
export class GdprService {
  readonly #ctx: Pick<AppContext, 'database' | 'auth'>;
  readonly #principal: Principal;

  constructor(ctx: Pick<AppContext, 'database' | 'auth'>, principal: Principal | undefined) {
    if (principal?.audience !== 'customer' || !principal.vendor) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    this.#ctx = ctx;
    this.#principal = principal;
  }

  async export(): Promise<CustomerDataExport> {
    const principal = this.#principal;
    const vendor = principal.vendor!;
    const accounts = CustomerAccountService.forPrincipal(this.#ctx, principal);
    const [row, addresses, notes, sessions] = await Promise.all([
      accounts.row(principal.userId),
      AddressService.forPrincipal(this.#ctx, principal).list(),
      accounts.scope.db
        .withTables<CrmTables>()
        .selectFrom('customer_notes')
        .select(['body', 'created_at'])
        .where('vendor_id', '=', vendor.id)
        .where('customer_id', '=', principal.userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      this.#ctx.auth.sessions.listLive('customer', principal.userId),
    ]);
    return {
      format: 'wizamart.customer-export.v1',
      exportedAt: new Date().toISOString(),
      shop: { code: vendor.code, name: vendor.name },
      profile: toAccount(row),
      addresses,
      tags: row.tags,
      notes: notes.map((n) => ({ body: n.body, createdAt: n.created_at })),
      sessions: sessions.map((s) => ({ createdAt: s.createdAt, lastUsedAt: s.lastUsedAt, ip: s.ip, userAgent: s.userAgent })),
    };
  }

  /** Erases the account after checking the password (CUSTOMERS_PASSWORD_INCORRECT). */
  async deleteAccount(password: string): Promise<void> {
    const userId = this.#principal.userId;
    await CustomerAccountService.forPrincipal(this.#ctx, this.#principal).deleteWithPassword(userId, password);
    const { auth, database } = this.#ctx;
    await auth.sessions.revokeAllForUser('customer', userId, { reason: 'account_deleted' });
    await database.db.deleteFrom('auth_sessions').where('audience', '=', 'customer').where('user_id', '=', userId).execute();
    await database.db.deleteFrom('auth_one_time_tokens').where('audience', '=', 'customer').where('subject', '=', String(userId)).execute();
  }
}

/** The file name of a download: `<shop>-my-data-<date>.json`. */
export function exportFileName(data: CustomerDataExport): string {
  return `${data.shop.code}-my-data-${data.exportedAt.slice(0, 10)}.json`;
}
