import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { checkName, containing, covers, withinAccess, type PlatformAccess } from './tenant-rules.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';
import { emailAddress } from './email-address.ts';

/**
 * Companies: the legal entities behind vendors, one platform each. A
 * platform admin sees only the companies of the platforms they
 * administer; any other id answers TENANCY_COMPANY_NOT_FOUND.
 */

export interface Company {
  readonly id: number;
  readonly platform: { readonly code: string; readonly name: string };
  readonly name: string;
  readonly contactEmail: string | null;
  readonly vatNumber: string | null;
  readonly vendorCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface CompanyFilters {
  readonly platform?: string | undefined;
  /** Part of the name, any case. */
  readonly search?: string | undefined;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface CompanyPage {
  readonly total: number;
  readonly companies: readonly Company[];
}

export interface CreateCompanyInput {
  readonly platform: string;
  readonly name: string;
  readonly contactEmail?: string | null | undefined;
  readonly vatNumber?: string | null | undefined;
}

export interface UpdateCompanyInput {
  readonly name?: string | undefined;
  /** `null` or `''` clears it. */
  readonly contactEmail?: string | null | undefined;
  readonly vatNumber?: string | null | undefined;
}

/** A company for a select box: which platform it is on decides which vendors it may run. */
export interface CompanyOption {
  readonly id: number;
  readonly name: string;
  readonly platform: string;
  readonly platformName: string;
}


// The member states' VAT prefixes (Greece is EL; XI is Northern Ireland).
const EU_VAT_PREFIXES = 'AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI';
const EU_VAT = new RegExp(`^(${EU_VAT_PREFIXES})[0-9A-Z+*]{2,12}$`);

/**
 * A light check of an EU VAT number, such as LU12345678: the country
 * prefix, then 2 to 12 letters or digits with at least one digit. Spaces,
 * dots and hyphens people type are dropped. The real check (VIES) belongs
 * to billing, not to typing in a form.
 */
export function normalizeVatNumber(value: string): string {
  const vat = value.toUpperCase().replace(/[\s.-]/g, '');
  if (!EU_VAT.test(vat) || !/\d/.test(vat.slice(2))) throw new AppError(TENANCY_ERRORS.TENANCY_INVALID_VAT_NUMBER, { vat: value.trim() });
  return vat;
}

function optional(value: string | null | undefined, normalize: (v: string) => string): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return normalize(value);
}

export class CompanyService {
  readonly #db: Kysely<TenancyTables>;

  constructor(ctx: Pick<AppContext, 'database'>) {
    this.#db = ctx.database.db.withTables<TenancyTables>();
  }

  /**
   * The companies the caller may see, by name. Filtering by a platform the
   * caller does not administer answers PLATFORM_NOT_FOUND, as for a
   * platform that does not exist.
   */
  async list(access: PlatformAccess, filters: CompanyFilters, page: PageRequest): Promise<CompanyPage> {
    if (filters.platform !== undefined && !covers(access, filters.platform)) {
      throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: filters.platform });
    }
    const search = filters.search?.trim();
    const base = companies(this.#db)
      .where(withinAccess(access))
      .$if(filters.platform !== undefined, (q) => q.where('p.code', '=', filters.platform!))
      .$if(Boolean(search), (q) => q.where('c.name', 'ilike', containing(search!)));
    const [rows, count] = await Promise.all([
      base.orderBy('c.name').orderBy('c.id').limit(page.limit).offset(page.offset).execute(),
      base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), companies: rows.map(companyOf) };
  }

  async get(access: PlatformAccess, id: number): Promise<Company> {
    const row = await companies(this.#db).where(withinAccess(access)).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_NOT_FOUND, { company: id });
    return companyOf(row);
  }

  /** Every company the caller may attach a vendor to, by platform and name. */
  async options(access: PlatformAccess): Promise<CompanyOption[]> {
    return this.#db
      .selectFrom('companies as c')
      .innerJoin('platforms as p', 'p.id', 'c.platform_id')
      .where(withinAccess(access))
      .select(['c.id', 'c.name', 'p.code as platform', 'p.name as platformName'])
      .orderBy('p.name')
      .orderBy('c.name')
      .execute();
  }

  async create(access: PlatformAccess, input: CreateCompanyInput): Promise<Company> {
    const platform = covers(access, input.platform)
      ? await this.#db.selectFrom('platforms').select(['id', 'code']).where('code', '=', input.platform).executeTakeFirst()
      : undefined;
    if (!platform) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: input.platform });
    const name = checkName(input.name);
    const contactEmail = optional(input.contactEmail, (v) => emailAddress(v)) ?? null;
    const vatNumber = optional(input.vatNumber, normalizeVatNumber) ?? null;
    await this.#nameFree(platform.id, platform.code, name);
    const row = await this.#write(platform.code, name, () =>
      this.#db
        .insertInto('companies')
        .values({ platform_id: platform.id, name, contact_email: contactEmail, vat_number: vatNumber })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return this.get(access, row.id);
  }

  /** Changes name, contact e-mail and VAT number; a company stays on its platform (its vendors are there). */
  async update(access: PlatformAccess, id: number, input: UpdateCompanyInput): Promise<Company> {
    const current = await this.get(access, id);
    const name = input.name === undefined ? current.name : checkName(input.name);
    const contactEmail = optional(input.contactEmail, (v) => emailAddress(v));
    const vatNumber = optional(input.vatNumber, normalizeVatNumber);
    const platformId = (await this.#db.selectFrom('companies').select('platform_id').where('id', '=', id).executeTakeFirstOrThrow()).platform_id;
    if (name !== current.name) await this.#nameFree(platformId, current.platform.code, name, id);
    await this.#write(current.platform.code, name, () =>
      this.#db
        .updateTable('companies')
        .set({
          name,
          ...(contactEmail !== undefined ? { contact_email: contactEmail } : {}),
          ...(vatNumber !== undefined ? { vat_number: vatNumber } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute(),
    );
    return this.get(access, id);
  }

  // Names compare without case: "Luxe S.A." and "LUXE S.A." are the same company to people.
  async #nameFree(platformId: number, platform: string, name: string, exceptId?: number): Promise<void> {
    const clash = await this.#db
      .selectFrom('companies')
      .select('id')
      .where('platform_id', '=', platformId)
      .where(sql<boolean>`lower(name) = lower(${name})`)
      .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!))
      .executeTakeFirst();
    if (clash) throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_NAME_TAKEN, { name, platform });
  }

  async #write<T>(platform: string, name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_NAME_TAKEN, { name, platform }, { cause: error });
      throw error;
    }
  }
}

function companies(db: Kysely<TenancyTables>) {
  return db
    .selectFrom('companies as c')
    .innerJoin('platforms as p', 'p.id', 'c.platform_id')
    .select([
      'c.id',
      'c.name',
      'c.contact_email',
      'c.vat_number',
      'c.created_at',
      'c.updated_at',
      'p.code as platform_code',
      'p.name as platform_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('vendors as v')
        .whereRef('v.company_id', '=', 'c.id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('vendor_count'),
    );
}

type CompanyRow = Awaited<ReturnType<ReturnType<typeof companies>['executeTakeFirstOrThrow']>>;

function companyOf(row: CompanyRow): Company {
  return {
    id: row.id,
    platform: { code: row.platform_code, name: row.platform_name },
    name: row.name,
    contactEmail: row.contact_email,
    vatNumber: row.vat_number,
    vendorCount: Number(row.vendor_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
