import type { App } from '../../src/app.ts';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import type { CustomersTables } from '../../src/modules/customers/models/customer.model.ts';
import { bearerHeaders, TEST_PASSWORD } from './auth.ts';
import { PageSession } from './page-session.ts';

/**
 * Storefront customers for tests, made directly in the database, and the
 * ways to act as one: bearer headers for the storefront API and a signed-in
 * PageSession for the shop's pages. Storefront paths go through the
 * development prefix of the shop: `shopPath(vendor, '/account')`.
 *
 * @example
 * const vendor = await createVendor(t.app);
 * const customer = await createCustomer(t.app, { vendorId: vendor.id, email: 'ana@example.test' });
 * const s = await customerPageSession(t.app, customer);
 * const page = await s.get(shopPath(vendor, '/account'));
 */
export interface TestCustomer {
  readonly id: number;
  readonly vendorId: number;
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

let sharedHash: Promise<string> | undefined;
let counter = 0;

export async function createCustomer(
  app: App,
  options: {
    vendorId: number;
    email?: string;
    password?: string;
    name?: string;
    language?: string;
    tags?: readonly string[];
    verified?: boolean;
    marketingOptIn?: boolean;
    createdAt?: Date;
    status?: 'active' | 'disabled';
  },
): Promise<TestCustomer> {
  counter += 1;
  const email = (options.email ?? `customer-${process.pid}-${counter}@example.test`).toLowerCase();
  const password = options.password ?? TEST_PASSWORD;
  // argon2 is slow on purpose: customers with the shared test password share one hash.
  const passwordHash = password === TEST_PASSWORD ? await (sharedHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(password);
  const name = options.name ?? 'Test Customer';
  const row = await app.wizamart.database.db
    .withTables<CustomersTables>()
    .insertInto('customers')
    .values({
      vendor_id: options.vendorId,
      email,
      name,
      password_hash: passwordHash,
      language: options.language ?? 'en',
      tags: JSON.stringify(options.tags ?? []),
      email_verified_at: options.verified ? new Date() : null,
      marketing_opt_in: options.marketingOptIn ?? false,
      status: options.status ?? 'active',
      ...(options.createdAt ? { created_at: options.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, vendorId: options.vendorId, email, password, name };
}

/** A storefront path of a shop, through the development prefix (`/_vendor/<code>/...`). */
export function shopPath(vendor: { readonly code: string }, path: string): string {
  return `/_vendor/${vendor.code}${path}`;
}

/** Bearer headers of a customer session bound to the customer's shop. */
export function customerHeaders(app: App, customer: Pick<TestCustomer, 'id' | 'vendorId'>, platform = 'wizamart'): Promise<Record<string, string>> {
  return bearerHeaders(app, 'customer', customer.id, customer.vendorId, platform);
}

/** A browser-like session signed in as the customer on their shop's pages. */
export function customerPageSession(app: App, customer: Pick<TestCustomer, 'id' | 'vendorId'>, platform = 'wizamart'): Promise<PageSession> {
  return PageSession.signedIn(app, 'customer', customer.id, customer.vendorId, platform);
}
