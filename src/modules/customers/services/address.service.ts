import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import type { CustomerAddressRow, CustomersTables } from '../models/customer.model.ts';
import { checkName, checkPhone } from './customer-account.service.ts';
import { isCountryCode } from '../../../core/countries.ts';

/** One of a customer's addresses. */
export interface Address {
  readonly id: number;
  readonly label: string | null;
  readonly name: string;
  readonly company: string | null;
  readonly line1: string;
  readonly line2: string | null;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
  readonly phone: string | null;
  readonly isDefaultShipping: boolean;
  readonly isDefaultBilling: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An address as typed; checked and normalised here. Optional parts blank mean "none". */
export interface AddressInput {
  readonly label?: string | null | undefined;
  readonly name: string;
  readonly company?: string | null | undefined;
  readonly line1: string;
  readonly line2?: string | null | undefined;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, any case; default LU. */
  readonly country?: string | undefined;
  readonly phone?: string | null | undefined;
  readonly isDefaultShipping?: boolean | undefined;
  readonly isDefaultBilling?: boolean | undefined;
}

export type AddressChanges = Partial<AddressInput>;

export const MAX_ADDRESSES = 20;
export const ADDRESS_NAME_MAX_LENGTH = 200;
export const ADDRESS_LINE_MAX_LENGTH = 200;
export const ADDRESS_LABEL_MAX_LENGTH = 60;
export const ADDRESS_CITY_MAX_LENGTH = 100;
export const ADDRESS_POSTAL_CODE_MAX_LENGTH = 16;
const POSTAL_CODE_PATTERN = /^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$/;

type Columns = {
  label?: string | null;
  name?: string;
  company?: string | null;
  line1?: string;
  line2?: string | null;
  postal_code?: string;
  city?: string;
  country?: string;
  phone?: string | null;
};

/**
 * The addresses of one customer of one shop. Queries go through the
 * shop's VendorScope and are filtered by the customer, so another
 * customer's address id (of this shop or another) is "not found".
 *
 * Each customer has at most one default shipping and one default billing
 * address: the first address becomes both, making an address a default
 * takes the mark from the previous one, and deleting a default hands it to
 * the oldest address left. Changes run in a transaction that locks the
 * customer's row, so two concurrent changes cannot leave two defaults.
 */
export class AddressService {
  readonly #scope: VendorScope<CustomersTables>;
  readonly #customerId: number;

  constructor(scope: VendorScope<CustomersTables>, customerId: number) {
    this.#scope = scope;
    this.#customerId = customerId;
  }

  /** The signed-in customer's addresses. */
  static forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): AddressService {
    if (principal?.audience !== 'customer' || !principal.vendor) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new AddressService(new VendorScope(ctx.database.db.withTables<CustomersTables>(), principal.vendor.id), principal.userId);
  }

  /** Default shipping first, then default billing, then the newest. */
  async list(): Promise<Address[]> {
    const rows = await this.#scope
      .selectFrom('customer_addresses')
      .selectAll()
      .where('customer_id', '=', this.#customerId)
      .orderBy('is_default_shipping', 'desc')
      .orderBy('is_default_billing', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toAddress);
  }

  async get(id: number): Promise<Address> {
    const row = await this.#scope.selectFrom('customer_addresses').selectAll().where('customer_id', '=', this.#customerId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return toAddress(row);
  }

  async create(input: AddressInput): Promise<Address> {
    const values = {
      ...checkedColumns(input),
      name: checkName(input.name, ADDRESS_NAME_MAX_LENGTH),
      line1: checkLine1(input.line1),
      postal_code: checkPostalCode(input.postalCode),
      city: checkCity(input.city),
    };
    const id = await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      await this.#lockCustomer(scope);
      const existing = await scope.selectFrom('customer_addresses').select(['id', 'is_default_shipping', 'is_default_billing']).where('customer_id', '=', this.#customerId).execute();
      if (existing.length >= MAX_ADDRESSES) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_TOO_MANY_ADDRESSES, { max: MAX_ADDRESSES });
      const shipping = input.isDefaultShipping === true || !existing.some((a) => a.is_default_shipping);
      const billing = input.isDefaultBilling === true || !existing.some((a) => a.is_default_billing);
      if (shipping) await this.#clearDefault(scope, 'is_default_shipping');
      if (billing) await this.#clearDefault(scope, 'is_default_billing');
      const row = await scope
        .insertInto('customer_addresses', { ...values, customer_id: this.#customerId, is_default_shipping: shipping, is_default_billing: billing })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    return this.get(id);
  }

  /**
   * Changes the given fields. `isDefaultShipping: true` makes it the default;
   * `false` on the current default is ignored (a customer always has one while
   * they have addresses: choose another address as the default instead).
   */
  async update(id: number, changes: AddressChanges): Promise<Address> {
    const values: Columns = {
      ...checkedColumns(changes),
      ...(changes.name !== undefined ? { name: checkName(changes.name, ADDRESS_NAME_MAX_LENGTH) } : {}),
      ...(changes.line1 !== undefined ? { line1: checkLine1(changes.line1) } : {}),
      ...(changes.postalCode !== undefined ? { postal_code: checkPostalCode(changes.postalCode) } : {}),
      ...(changes.city !== undefined ? { city: checkCity(changes.city) } : {}),
    };
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      await this.#lockCustomer(scope);
      const current = await scope.selectFrom('customer_addresses').select('id').where('customer_id', '=', this.#customerId).where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound(id);
      const defaults: { is_default_shipping?: boolean; is_default_billing?: boolean } = {};
      if (changes.isDefaultShipping === true) {
        await this.#clearDefault(scope, 'is_default_shipping');
        defaults.is_default_shipping = true;
      }
      if (changes.isDefaultBilling === true) {
        await this.#clearDefault(scope, 'is_default_billing');
        defaults.is_default_billing = true;
      }
      await scope
        .updateTable('customer_addresses')
        .set({ ...values, ...defaults, updated_at: new Date() })
        .where('customer_id', '=', this.#customerId)
        .where('id', '=', id)
        .execute();
    });
    return this.get(id);
  }

  /** Deletes an address; a default it held passes to the oldest address left. */
  async delete(id: number): Promise<void> {
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      await this.#lockCustomer(scope);
      const row = await scope
        .deleteFrom('customer_addresses')
        .where('customer_id', '=', this.#customerId)
        .where('id', '=', id)
        .returning(['is_default_shipping', 'is_default_billing'])
        .executeTakeFirst();
      if (!row) throw notFound(id);
      if (!row.is_default_shipping && !row.is_default_billing) return;
      const heir = await scope.selectFrom('customer_addresses').select('id').where('customer_id', '=', this.#customerId).orderBy('id').executeTakeFirst();
      if (!heir) return;
      await scope
        .updateTable('customer_addresses')
        .set({ ...(row.is_default_shipping ? { is_default_shipping: true } : {}), ...(row.is_default_billing ? { is_default_billing: true } : {}), updated_at: new Date() })
        .where('id', '=', heir.id)
        .execute();
    });
  }

  async #lockCustomer(scope: VendorScope<CustomersTables>): Promise<void> {
    const customer = await scope.selectFrom('customers').select('id').where('id', '=', this.#customerId).forUpdate().executeTakeFirst();
    if (!customer) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOT_FOUND, { customer: this.#customerId });
  }

  async #clearDefault(scope: VendorScope<CustomersTables>, column: 'is_default_shipping' | 'is_default_billing'): Promise<void> {
    await scope.updateTable('customer_addresses').set({ [column]: false }).where('customer_id', '=', this.#customerId).where(column, '=', true).execute();
  }
}

function notFound(id: number): AppError {
  return new AppError(CUSTOMERS_ERRORS.CUSTOMERS_ADDRESS_NOT_FOUND, { address: id });
}

/** An optional part: trimmed, blank is null, too long is refused. */
function optionalText(raw: string | null | undefined, max: number): string | null {
  const value = raw?.trim().replace(/\s+/g, ' ') ?? '';
  if (value === '') return null;
  if (value.length > max) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_ADDRESS_TEXT_TOO_LONG, { max });
  return value;
}

function checkLine1(raw: string): string {
  const line = raw.trim().replace(/\s+/g, ' ');
  if (line.length === 0 || line.length > ADDRESS_LINE_MAX_LENGTH) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_ADDRESS_LINE_INVALID, { max: ADDRESS_LINE_MAX_LENGTH });
  return line;
}

function checkCity(raw: string): string {
  const city = raw.trim().replace(/\s+/g, ' ');
  if (city.length === 0 || city.length > ADDRESS_CITY_MAX_LENGTH) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_CITY_INVALID, { max: ADDRESS_CITY_MAX_LENGTH });
  return city;
}

/** Upper-case letters, digits, spaces and dashes ("L-1234", "57000", "SW1A 1AA"). */
export function checkPostalCode(raw: string): string {
  const code = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  if (code.length === 0 || code.length > ADDRESS_POSTAL_CODE_MAX_LENGTH || !POSTAL_CODE_PATTERN.test(code)) {
    throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_POSTAL_CODE_INVALID, { postalCode: raw.trim().slice(0, 32) });
  }
  return code;
}

export function checkCountry(raw: string): string {
  const country = raw.trim().toUpperCase();
  if (!isCountryCode(country)) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_COUNTRY_INVALID, { country: raw.trim().slice(0, 8) });
  return country;
}

function checkedColumns(input: AddressChanges): Columns {
  const out: Columns = {};
  if (input.label !== undefined) out.label = optionalText(input.label, ADDRESS_LABEL_MAX_LENGTH);
  if (input.company !== undefined) out.company = optionalText(input.company, ADDRESS_NAME_MAX_LENGTH);
  if (input.line2 !== undefined) out.line2 = optionalText(input.line2, ADDRESS_LINE_MAX_LENGTH);
  if (input.country !== undefined) out.country = checkCountry(input.country);
  if (input.phone !== undefined) out.phone = checkPhone(input.phone);
  return out;
}

export function toAddress(row: CustomerAddressRow): Address {
  return {
    id: row.id,
    label: row.label,
    name: row.name,
    company: row.company,
    line1: row.line1,
    line2: row.line2,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    phone: row.phone,
    isDefaultShipping: row.is_default_shipping,
    isDefaultBilling: row.is_default_billing,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
