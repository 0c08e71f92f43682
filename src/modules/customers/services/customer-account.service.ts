import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../../core/auth/passwords.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import type { CustomerRow, CustomersTables } from '../models/customer.model.ts';

/** A customer's account as the customer sees it (no password hash, no vendor-internal tags). */
export interface CustomerAccount {
  readonly id: number;
  readonly vendorId: number;
  readonly email: string;
  readonly name: string;
  readonly phone: string | null;
  readonly language: Language;
  readonly emailVerified: boolean;
  readonly emailVerifiedAt: Date | null;
  readonly marketingOptIn: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastLoginAt: Date | null;
}

export interface RegistrationInput {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  /** en, de, fr or lu; default en. */
  readonly language?: string | undefined;
  readonly marketingOptIn?: boolean | undefined;
}

/** What a customer may change on their profile; absent fields stay as they are. Blank phone means none. */
export interface ProfileChanges {
  readonly name?: string | undefined;
  readonly phone?: string | null | undefined;
  readonly language?: string | undefined;
  readonly marketingOptIn?: boolean | undefined;
}

export const CUSTOMER_NAME_MAX_LENGTH = 200;
export const CUSTOMER_EMAIL_MAX_LENGTH = 320;
export const CUSTOMER_PHONE_MAX_LENGTH = 40;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()/.-]{4,}$/;
const EMAIL_KEY = 'customers_vendor_email_key';

/**
 * The storefront accounts of one shop. Every query goes through the
 * VendorScope, so a customer id of another shop is "not found". Passwords
 * follow the framework's rule (`passwordProblem`) and are hashed with
 * argon2id like every audience's.
 *
 * @example
 * const accounts = CustomerAccountService.forVendor(app.wizamart, request.vendor!.id);
 * const customer = await accounts.register({ email: 'ana@example.lu', name: 'Ana', password: '…' });
 */
export class CustomerAccountService {
  readonly #scope: VendorScope<CustomersTables>;

  constructor(scope: VendorScope<CustomersTables>) {
    this.#scope = scope;
  }

  static forVendor(ctx: Pick<AppContext, 'database'>, vendorId: number | undefined): CustomerAccountService {
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.STOREFRONT_NOT_FOUND);
    return new CustomerAccountService(new VendorScope(ctx.database.db.withTables<CustomersTables>(), vendorId));
  }

  /** The signed-in customer's shop: never one named in the request. */
  static forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): CustomerAccountService {
    if (principal?.audience !== 'customer' || !principal.vendor) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return CustomerAccountService.forVendor(ctx, principal.vendor.id);
  }

  get scope(): VendorScope<CustomersTables> {
    return this.#scope;
  }

  /** Creates an account; CUSTOMERS_EMAIL_TAKEN when the address already has one at this shop. */
  async register(input: RegistrationInput): Promise<CustomerAccount> {
    const email = checkEmail(input.email);
    const name = checkName(input.name);
    const language = input.language === undefined || input.language === '' ? 'en' : checkLanguage(input.language);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AppError(FRAMEWORK_ERRORS.PASSWORD_TOO_WEAK, { problem });
    const taken = await this.#scope.selectFrom('customers').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_EMAIL_TAKEN, { email });
    try {
      const row = await this.#scope
        .insertInto('customers', {
          email,
          name,
          language,
          password_hash: await hashPassword(input.password),
          marketing_opt_in: input.marketingOptIn ?? false,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAccount(row);
    } catch (error) {
      // Two registrations of one address at the same moment: the constraint decides.
      if (isUniqueViolation(error, EMAIL_KEY)) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_EMAIL_TAKEN, { email }, { cause: error });
      throw error;
    }
  }

  async get(id: number): Promise<CustomerAccount> {
    return toAccount(await this.row(id));
  }

  /** The whole row (the GDPR export reads the tags too). */
  async row(id: number): Promise<CustomerRow> {
    const row = await this.#scope.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOT_FOUND, { customer: id });
    return row;
  }

  async updateProfile(id: number, changes: ProfileChanges): Promise<CustomerAccount> {
    const values: { name?: string; phone?: string | null; language?: string; marketing_opt_in?: boolean } = {};
    if (changes.name !== undefined) values.name = checkName(changes.name);
    if (changes.phone !== undefined) values.phone = checkPhone(changes.phone);
    if (changes.language !== undefined) values.language = checkLanguage(changes.language);
    if (changes.marketingOptIn !== undefined) values.marketing_opt_in = changes.marketingOptIn;
    const row = await this.#scope.updateTable('customers').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOT_FOUND, { customer: id });
    return toAccount(row);
  }

  /** Marks the address confirmed, if it is still the one the link was sent to; false otherwise. */
  async markEmailVerified(id: number, email: string): Promise<boolean> {
    const result = await this.#scope
      .updateTable('customers')
      .set({ email_verified_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Erases the account after checking its password (CUSTOMERS_PASSWORD_INCORRECT):
   * addresses, notes and everything else that references the customer go with it
   * (foreign keys cascade). The caller ends the sessions.
   */
  async deleteWithPassword(id: number, password: string): Promise<void> {
    const row = await this.row(id);
    if (!(await verifyPassword(row.password_hash, password))) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_PASSWORD_INCORRECT);
    await this.#scope.deleteFrom('customers').where('id', '=', id).execute();
  }
}

export function toAccount(row: CustomerRow): CustomerAccount {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    language: (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : 'en',
    emailVerified: row.email_verified_at !== null,
    emailVerifiedAt: row.email_verified_at,
    marketingOptIn: row.marketing_opt_in,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

/** Trimmed and lower-cased: one person, one address per shop. */
export function checkEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > CUSTOMER_EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_EMAIL_INVALID, { email: raw.trim().slice(0, 80) });
  }
  return email;
}

export function checkName(raw: string, max = CUSTOMER_NAME_MAX_LENGTH): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > max) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NAME_INVALID, { max });
  return name;
}

/** Blank is "no phone". */
export function checkPhone(raw: string | null): string | null {
  const phone = raw?.trim().replace(/\s+/g, ' ') ?? '';
  if (phone === '') return null;
  if (phone.length > CUSTOMER_PHONE_MAX_LENGTH || !PHONE_PATTERN.test(phone)) {
    throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_PHONE_INVALID, { phone: phone.slice(0, 60), max: CUSTOMER_PHONE_MAX_LENGTH });
  }
  return phone;
}

export function checkLanguage(raw: string): Language {
  const language = raw.trim().toLowerCase();
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_LANGUAGE_INVALID, { language: raw.trim().slice(0, 16), languages: LANGUAGES.join(', ') });
  }
  return language as Language;
}
