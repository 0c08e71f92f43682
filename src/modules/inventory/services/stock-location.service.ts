import { sql } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { INVENTORY_ERRORS } from '../exceptions.ts';
import { LOCATION_KINDS, type InventoryLocationRow, type InventoryTables, type LocationKind } from '../models/stock-location.model.ts';
import { isCountryCode } from '../../../core/countries.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';

/** A vendor's stock location: a warehouse, a shop or a pick-up point. */
export interface StockLocation {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: LocationKind;
  readonly addressLine: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly country: string;
  readonly isDefault: boolean;
  readonly isActive: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a caller may set; raw as typed (trimmed, checked and normalised here). Empty address parts mean "none". */
export interface StockLocationInput {
  readonly code: string;
  readonly name: string;
  /** Default `warehouse`. */
  readonly kind?: string | undefined;
  readonly addressLine?: string | null | undefined;
  readonly postalCode?: string | null | undefined;
  readonly city?: string | null | undefined;
  /** ISO 3166-1 alpha-2, any case; default `LU`. */
  readonly country?: string | undefined;
  /** Default true. */
  readonly isActive?: boolean | undefined;
}

export type StockLocationChanges = Partial<StockLocationInput>;

export const LOCATION_CODE_MAX_LENGTH = 32;
export const LOCATION_NAME_MAX_LENGTH = 120;
export const LOCATION_ADDRESS_MAX_LENGTH = 200;
export const LOCATION_POSTAL_CODE_MAX_LENGTH = 16;
export const LOCATION_CITY_MAX_LENGTH = 100;
export const DEFAULT_COUNTRY = 'LU';

const CODE_PATTERN = new RegExp(`^[A-Z0-9][A-Z0-9_-]{0,${LOCATION_CODE_MAX_LENGTH - 1}}$`);
const POSTAL_CODE_PATTERN = /^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$/;
const CODE_KEY = 'inventory_locations_vendor_code_key';
const DEFAULT_KEY = 'inventory_locations_one_default_idx';

type Columns = Partial<Pick<InventoryLocationRow, 'code' | 'name' | 'kind' | 'address_line' | 'postal_code' | 'city' | 'country' | 'is_active'>>;

/** How many of a vendor's locations there are of each kind, for the overview. */
export interface LocationCounts {
  readonly total: number;
  readonly active: number;
  readonly byKind: Readonly<Record<LocationKind, number>>;
}

export function countLocations(locations: readonly StockLocation[]): LocationCounts {
  const byKind = Object.fromEntries(LOCATION_KINDS.map((kind) => [kind, 0])) as Record<LocationKind, number>;
  for (const location of locations) byKind[location.kind] += 1;
  return { total: locations.length, active: locations.filter((l) => l.isActive).length, byKind };
}

/**
 * The stock locations of one vendor. Every query goes through the
 * VendorScope, so another vendor's location id is "not found", exactly like
 * an id that does not exist. Each vendor with locations has exactly one
 * default, and it is active: the first location created becomes it, it
 * moves only by `makeDefault`, and it cannot be deleted nor deactivated.
 *
 * @example
 * const locations = StockLocationService.forPrincipal(app.wizamart, request.principal);
 * const shop = await locations.create({ code: 'shop-lux', name: 'Shop Luxembourg', kind: 'store' });
 * await locations.makeDefault(shop.id);
 */
export class StockLocationService {
  readonly #scope: VendorScope<InventoryTables>;

  constructor(scope: VendorScope<InventoryTables>) {
    this.#scope = scope;
  }

  /** The locations of the vendor the principal's session is bound to (never of a vendor named in the request). */
  static forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): StockLocationService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new StockLocationService(new VendorScope(ctx.database.db.withTables<InventoryTables>(), vendorId));
  }

  /** The default first, then by name. */
  async list(): Promise<StockLocation[]> {
    const rows = await this.#scope
      .selectFrom('inventory_locations')
      .selectAll()
      .orderBy('is_default', 'desc')
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute();
    return rows.map(toLocation);
  }

  async get(id: number): Promise<StockLocation> {
    const row = await this.#scope.selectFrom('inventory_locations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return toLocation(row);
  }

  /** Creates a location; the vendor's first one becomes its default. */
  async create(input: StockLocationInput): Promise<StockLocation> {
    const values = { ...checkedColumns(input), code: checkCode(input.code), name: checkName(input.name) };
    // Two first locations created at the same moment would both see no default:
    // the partial unique index refuses the second, which then tries once more and sees the first.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const id = await this.#scope.db.transaction().execute(async (trx) => {
          const scope = this.#scope.withTransaction(trx);
          await assertCodeFree(scope, values.code);
          const hasDefault = await scope.selectFrom('inventory_locations').select('id').where('is_default', '=', true).executeTakeFirst();
          if (!hasDefault && values.is_active === false) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_DEFAULT_MUST_STAY_ACTIVE, { location: values.code });
          const row = await scope.insertInto('inventory_locations', { ...values, is_default: !hasDefault }).returning('id').executeTakeFirstOrThrow();
          return row.id;
        });
        return await this.get(id);
      } catch (error) {
        if (isUniqueViolation(error, CODE_KEY)) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_CODE_TAKEN, { code: values.code }, { cause: error });
        if (isUniqueViolation(error, DEFAULT_KEY) && attempt === 1) continue;
        throw error;
      }
    }
  }

  /** Changes the given fields; the default location stays active. */
  async update(id: number, changes: StockLocationChanges): Promise<StockLocation> {
    const values: Columns = {
      ...checkedColumns(changes),
      ...(changes.code !== undefined ? { code: checkCode(changes.code) } : {}),
      ...(changes.name !== undefined ? { name: checkName(changes.name) } : {}),
    };
    try {
      await this.#scope.db.transaction().execute(async (trx) => {
        const scope = this.#scope.withTransaction(trx);
        const current = await scope.selectFrom('inventory_locations').select(['id', 'code', 'is_default']).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!current) throw notFound(id);
        if (values.code !== undefined && values.code !== current.code) await assertCodeFree(scope, values.code);
        if (values.is_active === false && current.is_default) {
          throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_DEFAULT_MUST_STAY_ACTIVE, { location: current.code });
        }
        await scope.updateTable('inventory_locations').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
      });
    } catch (error) {
      if (isUniqueViolation(error, CODE_KEY)) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_CODE_TAKEN, { code: values.code }, { cause: error });
      throw error;
    }
    return this.get(id);
  }

  /** Deletes a location that is not the default (INVENTORY_LOCATION_IS_DEFAULT otherwise). */
  async delete(id: number): Promise<void> {
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      const row = await scope.selectFrom('inventory_locations').select(['id', 'code', 'is_default']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound(id);
      if (row.is_default) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_IS_DEFAULT, { location: row.code });
      await scope.deleteFrom('inventory_locations').where('id', '=', id).execute();
    });
  }

  /** Makes an active location the vendor's default, in one transaction with un-marking the previous one. */
  async makeDefault(id: number): Promise<StockLocation> {
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      // Locking all of the vendor's locations queues concurrent switches: the second
      // then un-marks the default the first just set, instead of tripping the unique index.
      const rows = await scope.selectFrom('inventory_locations').select(['id', 'code', 'is_default', 'is_active']).orderBy('id').forUpdate().execute();
      const target = rows.find((r) => r.id === id);
      if (!target) throw notFound(id);
      if (target.is_default) return;
      if (!target.is_active) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_INACTIVE, { location: target.code });
      const now = new Date();
      await scope.updateTable('inventory_locations').set({ is_default: false, updated_at: now }).where('is_default', '=', true).execute();
      await scope.updateTable('inventory_locations').set({ is_default: true, updated_at: now }).where('id', '=', id).execute();
    });
    return this.get(id);
  }
}

function notFound(id: number): AppError {
  return new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_NOT_FOUND, { location: id });
}

async function assertCodeFree(scope: VendorScope<InventoryTables>, code: string): Promise<void> {
  const taken = await scope.selectFrom('inventory_locations').select('id').where('code', '=', code).executeTakeFirst();
  if (taken) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_CODE_TAKEN, { code });
}

/** Codes are compared upper-case, so "wh-1" and "WH-1" are the same location. */
export function checkCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_CODE_INVALID, { code: raw.trim().slice(0, 64), max: LOCATION_CODE_MAX_LENGTH });
  return code;
}

export function checkName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > LOCATION_NAME_MAX_LENGTH) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_NAME_INVALID, { max: LOCATION_NAME_MAX_LENGTH });
  return name;
}

export function checkKind(raw: string): LocationKind {
  const kind = raw.trim().toLowerCase();
  if (!(LOCATION_KINDS as readonly string[]).includes(kind)) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_KIND_INVALID, { kind: raw.trim().slice(0, 32) });
  return kind as LocationKind;
}

export function checkCountry(raw: string): string {
  const country = raw.trim().toUpperCase();
  if (!isCountryCode(country)) throw new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_COUNTRY_INVALID, { country: raw.trim().slice(0, 8) });
  return country;
}

/** An optional address part: trimmed, blank is null, too long is the given error. */
function optionalText(raw: string | null, max: number, tooLong: () => AppError): string | null {
  const value = raw?.trim().replace(/\s+/g, ' ') ?? '';
  if (value.length === 0) return null;
  if (value.length > max) throw tooLong();
  return value;
}

export function checkPostalCode(raw: string | null): string | null {
  const value = optionalText(raw, LOCATION_POSTAL_CODE_MAX_LENGTH, () => postalCodeInvalid(raw ?? ''));
  if (value === null) return null;
  const upper = value.toUpperCase();
  if (!POSTAL_CODE_PATTERN.test(upper)) throw postalCodeInvalid(value);
  return upper;
}

function postalCodeInvalid(raw: string): AppError {
  return new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_POSTAL_CODE_INVALID, { postalCode: raw.trim().slice(0, 32), max: LOCATION_POSTAL_CODE_MAX_LENGTH });
}

/** The checked columns for the fields present in `input` (code and name are the callers': required on create, optional on update). */
function checkedColumns(input: StockLocationChanges): Columns {
  const out: Columns = {};
  if (input.kind !== undefined) out.kind = checkKind(input.kind);
  if (input.addressLine !== undefined) {
    out.address_line = optionalText(input.addressLine, LOCATION_ADDRESS_MAX_LENGTH, () => new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_ADDRESS_INVALID, { max: LOCATION_ADDRESS_MAX_LENGTH }));
  }
  if (input.postalCode !== undefined) out.postal_code = checkPostalCode(input.postalCode);
  if (input.city !== undefined) {
    out.city = optionalText(input.city, LOCATION_CITY_MAX_LENGTH, () => new AppError(INVENTORY_ERRORS.INVENTORY_LOCATION_CITY_INVALID, { max: LOCATION_CITY_MAX_LENGTH }));
  }
  if (input.country !== undefined) out.country = checkCountry(input.country);
  if (input.isActive !== undefined) out.is_active = input.isActive;
  return out;
}

function toLocation(row: InventoryLocationRow): StockLocation {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    isDefault: row.is_default,
    isActive: row.is_active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
