import type { Kysely } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { TENANCY_CHANGED_CHANNEL } from '../../../core/tenants.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { isLanguage } from '../../locales.ts';
import type { ViewEngine } from '../../views.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { BuiltinVendorRole, TenancyTables, UserStatus, VendorStatus } from '../models/tenancy.model.ts';
import { emailAddress } from './email-address.ts';
import { checkCode, checkLanguage, checkName, containing, covers, hostTaken, normalizeHostname, withinAccess, type PlatformAccess } from './tenant-rules.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';
import { sendTemplatedMail } from '../../../core/mail/templated-mail.ts';

/**
 * Vendors (the shops) for the admin back office: creating one with its
 * owner, editing its addresses, suspending and reactivating it. A platform
 * admin reaches only vendors of the platforms they administer; any other
 * code answers TENANCY_VENDOR_NOT_FOUND. Changes are announced on
 * TENANCY_CHANGED_CHANNEL, because hosts resolve to vendors through a cache.
 */

export const VENDOR_STATUSES: readonly VendorStatus[] = Object.freeze(['active', 'suspended']);

/** How long the owner's "choose your password" link in the welcome mail works. */
export const WELCOME_LINK_TTL_DAYS = 7;

/**
 * Subdomains a platform keeps for itself: `www.<domain>` is the platform's
 * own site and the others commonly name its services, so no shop may take them.
 */
const RESERVED_SUBDOMAINS = new Set(['www', 'admin', 'api', 'static', 'mail']);
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export interface VendorSummary {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly status: VendorStatus;
  readonly platform: { readonly code: string; readonly name: string };
  readonly company: { readonly id: number; readonly name: string };
  readonly subdomain: string | null;
  readonly customDomain: string | null;
  readonly defaultLanguage: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface TeamMember {
  readonly userId: number;
  readonly email: string;
  readonly name: string;
  /** A built-in role code (`owner`, `manager`, `staff`) or a custom role's name. */
  readonly role: string;
  readonly builtinRole: BuiltinVendorRole | null;
  readonly status: UserStatus;
}

export interface VendorDetail extends VendorSummary {
  /** Where the storefront answers: `https://<subdomain>.<primary platform domain>` and the custom domain. */
  readonly addresses: readonly string[];
  readonly team: readonly TeamMember[];
}

export interface VendorFilters {
  readonly platform?: string | undefined;
  readonly companyId?: number | undefined;
  readonly status?: VendorStatus | undefined;
  /** Part of the name or code, any case. */
  readonly search?: string | undefined;
}

export interface VendorPage {
  readonly total: number;
  readonly vendors: readonly VendorSummary[];
}

export interface CreateVendorInput {
  readonly code: string;
  readonly name: string;
  readonly companyId: number;
  /** When given, it must be the company's platform (the vendor's platform is always its company's). */
  readonly platform?: string | undefined;
  /** Defaults to the code. */
  readonly subdomain?: string | undefined;
  readonly customDomain?: string | null | undefined;
  /** Defaults to the platform's default language. */
  readonly defaultLanguage?: string | undefined;
  readonly owner: { readonly email: string; readonly name: string };
}

export interface UpdateVendorInput {
  readonly name?: string | undefined;
  readonly companyId?: number | undefined;
  readonly subdomain?: string | undefined;
  /** `null` or `''` removes it. */
  readonly customDomain?: string | null | undefined;
  readonly defaultLanguage?: string | undefined;
}

export interface CreatedVendor {
  readonly vendor: VendorDetail;
  readonly owner: {
    readonly id: number;
    readonly email: string;
    readonly name: string;
    /** A new vendor user, mailed a link to choose a password; false when an existing user became owner. */
    readonly created: boolean;
  };
}

export interface CreateVendorOptions {
  /** The site's address (scheme, host, development prefix) the welcome mail's link points at. */
  readonly siteUrl: string;
}

type Deps = Pick<AppContext, 'database' | 'auth' | 'mailer'>;
type Mail = Pick<ViewEngine, 'render' | 'translations'>;

export class VendorService {
  readonly #ctx: Deps;
  readonly #views: Mail;
  readonly #db: Kysely<TenancyTables>;

  constructor(ctx: Deps, views: Mail) {
    this.#ctx = ctx;
    this.#views = views;
    this.#db = ctx.database.db.withTables<TenancyTables>();
  }

  /** Vendors the caller may see, by name; a platform filter the caller does not administer answers PLATFORM_NOT_FOUND. */
  async list(access: PlatformAccess, filters: VendorFilters, page: { limit: number; offset: number }): Promise<VendorPage> {
    if (filters.platform !== undefined && !covers(access, filters.platform)) {
      throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: filters.platform });
    }
    const search = filters.search?.trim().toLowerCase();
    const base = vendors(this.#db)
      .where(withinAccess(access))
      .$if(filters.platform !== undefined, (q) => q.where('p.code', '=', filters.platform!))
      .$if(filters.companyId !== undefined, (q) => q.where('v.company_id', '=', filters.companyId!))
      .$if(filters.status !== undefined, (q) => q.where('v.status', '=', filters.status!))
      .$if(Boolean(search), (q) =>
        q.where((eb) => eb.or([eb('v.name', 'ilike', containing(search!)), eb('v.code', 'like', containing(search!))])),
      );
    const [rows, count] = await Promise.all([
      base.orderBy('v.name').orderBy('v.code').limit(page.limit).offset(page.offset).execute(),
      base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), vendors: rows.map(summaryOf) };
  }

  /** One vendor with its addresses and team. */
  async get(access: PlatformAccess, code: string): Promise<VendorDetail> {
    const row = await this.#row(access, code);
    const scope = new VendorScope(this.#db, row.id);
    const [domain, team] = await Promise.all([
      this.#db
        .selectFrom('platform_domains')
        .select('domain')
        .where('platform_id', '=', row.platform_id)
        .orderBy('is_primary', 'desc')
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst(),
      scope
        .selectFrom('vendor_memberships')
        .innerJoin('vendor_users as u', 'u.id', 'vendor_memberships.user_id')
        .leftJoin('vendor_roles as r', 'r.id', 'vendor_memberships.role_id')
        .select(['u.id', 'u.email', 'u.name', 'u.status', 'vendor_memberships.builtin_role', 'r.name as role_name'])
        .orderBy('u.name')
        .orderBy('u.email')
        .execute(),
    ]);
    const addresses = [
      ...(row.subdomain && domain ? [`https://${row.subdomain}.${domain.domain}`] : []),
      ...(row.custom_domain ? [`https://${row.custom_domain}`] : []),
    ];
    return {
      ...summaryOf(row),
      addresses,
      team: team.map((m) => ({
        userId: m.id,
        email: m.email,
        name: m.name,
        role: m.builtin_role ?? m.role_name ?? '',
        builtinRole: m.builtin_role,
        status: m.status,
      })),
    };
  }

  /**
   * Creates a vendor and its owner in one transaction. An existing vendor
   * user with the owner's e-mail address becomes owner; otherwise a new
   * vendor user (without a password) is created and, once the vendor is
   * committed, mailed a link to choose a password.
   */
  async create(access: PlatformAccess, input: CreateVendorInput, options: CreateVendorOptions): Promise<CreatedVendor> {
    const code = checkCode(input.code.trim());
    const name = checkName(input.name);
    const ownerEmail = emailAddress(input.owner.email);
    const ownerName = checkName(input.owner.name);
    const company = await this.#company(access, input.companyId);
    if (input.platform !== undefined && input.platform !== company.platform_code) {
      if (!covers(access, input.platform)) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: input.platform });
      throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_WRONG_PLATFORM, { company: company.name, platform: input.platform });
    }
    const subdomain = checkSubdomain(input.subdomain?.trim() || code);
    const customDomain = input.customDomain?.trim() ? normalizeHostname(input.customDomain) : null;
    const language = checkVendorLanguage(input.defaultLanguage?.trim() || company.default_language, company.languages);

    const result = await this.#unique(code, customDomain, subdomain, () =>
      this.#db.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom('vendors').select('id').where('code', '=', code).executeTakeFirst();
        if (taken) throw new AppError(TENANCY_ERRORS.TENANCY_VENDOR_CODE_TAKEN, { code });
        await checkAddressesFree(trx, company.platform_id, { subdomain, customDomain });
        const vendor = await trx
          .insertInto('vendors')
          .values({
            code,
            name,
            company_id: company.id,
            platform_id: company.platform_id,
            subdomain,
            custom_domain: customDomain,
            default_language: language,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const existing = await trx.selectFrom('vendor_users').select(['id', 'email', 'name']).where('email', '=', ownerEmail).executeTakeFirst();
        const owner =
          existing ??
          (await trx
            .insertInto('vendor_users')
            .values({ email: ownerEmail, name: ownerName, password_hash: null, language })
            .returning(['id', 'email', 'name'])
            .executeTakeFirstOrThrow());
        await new VendorScope<TenancyTables>(trx, vendor.id).insertInto('vendor_memberships', { user_id: owner.id, builtin_role: 'owner', role_id: null }).execute();
        return { owner: { ...owner, created: existing === undefined } };
      }),
    );

    await this.#changed({ vendor: code });
    // After the commit: the token and the mail are written outside the transaction.
    if (result.owner.created) {
      await this.#sendWelcome(options.siteUrl, { ...result.owner, language }, { name, platform: company.platform_name, platformCode: company.platform_code });
    }
    return { vendor: await this.get(access, code), owner: result.owner };
  }

  /** Changes name, company (on the same platform), subdomain, custom domain and default language. */
  async update(access: PlatformAccess, code: string, input: UpdateVendorInput): Promise<VendorDetail> {
    const current = await this.#row(access, code);
    const name = input.name === undefined ? current.name : checkName(input.name);
    let companyId = current.company_id;
    if (input.companyId !== undefined && input.companyId !== current.company_id) {
      const company = await this.#company(access, input.companyId);
      if (company.platform_id !== current.platform_id) {
        throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_WRONG_PLATFORM, { company: company.name, platform: current.platform_code });
      }
      companyId = company.id;
    }
    const subdomain = input.subdomain === undefined ? current.subdomain : checkSubdomain(input.subdomain.trim());
    const customDomain =
      input.customDomain === undefined ? current.custom_domain : input.customDomain?.trim() ? normalizeHostname(input.customDomain) : null;
    const language = input.defaultLanguage === undefined ? current.default_language : checkVendorLanguage(input.defaultLanguage.trim(), current.languages);

    await this.#unique(code, customDomain, subdomain, () =>
      this.#db.transaction().execute(async (trx) => {
        await checkAddressesFree(trx, current.platform_id, {
          subdomain: subdomain !== current.subdomain ? subdomain : null,
          customDomain: customDomain !== current.custom_domain ? customDomain : null,
          exceptVendor: current.id,
        });
        await trx
          .updateTable('vendors')
          .set({ name, company_id: companyId, subdomain, custom_domain: customDomain, default_language: language, updated_at: new Date() })
          .where('id', '=', current.id)
          .execute();
      }),
    );
    await this.#changed({ vendor: code });
    return this.get(access, code);
  }

  /**
   * Suspends or reactivates a vendor. Nothing else is ended on purpose:
   * the vendor identity refuses a suspended vendor's staff on their next
   * request, and the storefront decides what a suspended shop shows.
   */
  async setStatus(access: PlatformAccess, code: string, status: VendorStatus): Promise<VendorDetail> {
    const current = await this.#row(access, code);
    if (current.status !== status) {
      await this.#db.updateTable('vendors').set({ status, updated_at: new Date() }).where('id', '=', current.id).execute();
      await this.#changed({ vendor: code });
    }
    return this.get(access, code);
  }

  async #row(access: PlatformAccess, code: string): Promise<VendorRow> {
    const row = await vendors(this.#db).where(withinAccess(access)).where('v.code', '=', code).executeTakeFirst();
    if (!row) throw new AppError(TENANCY_ERRORS.TENANCY_VENDOR_NOT_FOUND, { vendor: code });
    return row;
  }

  async #company(access: PlatformAccess, id: number) {
    const company = await this.#db
      .selectFrom('companies as c')
      .innerJoin('platforms as p', 'p.id', 'c.platform_id')
      .where(withinAccess(access))
      .where('c.id', '=', id)
      .select(['c.id', 'c.name', 'c.platform_id', 'p.code as platform_code', 'p.name as platform_name', 'p.default_language', 'p.languages'])
      .executeTakeFirst();
    if (!company) throw new AppError(TENANCY_ERRORS.TENANCY_COMPANY_NOT_FOUND, { company: id });
    return company;
  }

  // The checks run first; a unique violation means a concurrent request took the code or an address in between.
  async #unique<T>(code: string, customDomain: string | null, subdomain: string | null, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const constraint = String((error as { constraint?: unknown }).constraint ?? '');
      if (constraint === 'vendors_code_key') throw new AppError(TENANCY_ERRORS.TENANCY_VENDOR_CODE_TAKEN, { code }, { cause: error });
      const domain = constraint === 'vendors_platform_subdomain_key' ? subdomain : customDomain;
      throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_TAKEN, { domain: domain ?? '' }, { cause: error });
    }
  }

  async #sendWelcome(
    siteUrl: string,
    owner: { id: number; email: string; name: string; language: string },
    vendor: { name: string; platform: string; platformCode: string },
  ): Promise<void> {
    const { token } = await this.#ctx.auth.oneTime.issue('password_reset', 'vendor', String(owner.id), WELCOME_LINK_TTL_DAYS * 86_400_000);
    await sendTemplatedMail(this.#ctx.mailer, this.#views, {
      to: owner.email,
      language: isLanguage(owner.language) ? owner.language : 'en',
      view: 'tenancy/mail/vendor-welcome',
      subject: (t) => t('tenancy:mail.vendor_welcome.subject', { vendor: vendor.name, platform: vendor.platform }),
      context: {
        name: owner.name,
        email: owner.email,
        vendor: vendor.name,
        platform: vendor.platform,
        days: WELCOME_LINK_TTL_DAYS,
        link: `${siteUrl}/vendor/reset-password?token=${encodeURIComponent(token)}`,
        signIn: `${siteUrl}/vendor/login`,
      },
      template: 'tenancy/vendor-welcome',
      platform: vendor.platformCode,
    });
  }

  async #changed(what: Record<string, string>): Promise<void> {
    await this.#ctx.database.notifier.notify(TENANCY_CHANGED_CHANNEL, JSON.stringify(what));
  }
}

function checkSubdomain(subdomain: string): string {
  const label = subdomain.toLowerCase();
  if (!DNS_LABEL.test(label)) throw new AppError(TENANCY_ERRORS.TENANCY_INVALID_SUBDOMAIN, { subdomain });
  if (RESERVED_SUBDOMAINS.has(label)) throw new AppError(TENANCY_ERRORS.TENANCY_RESERVED_CODE, { code: label });
  return label;
}

function checkVendorLanguage(language: string, platformLanguages: readonly string[]): string {
  checkLanguage(language);
  if (!platformLanguages.includes(language)) {
    throw new AppError(TENANCY_ERRORS.TENANCY_LANGUAGE_NOT_OFFERED, { language, languages: platformLanguages.join(', ') });
  }
  return language;
}

/**
 * A vendor's new addresses must name no other tenant: the subdomain is
 * unique on the platform, and under each platform domain it must not spell
 * another platform's domain or a custom domain; the custom domain must be
 * free everywhere. (null: that address does not change.)
 */
async function checkAddressesFree(
  db: Kysely<TenancyTables>,
  platformId: number,
  change: { subdomain: string | null; customDomain: string | null; exceptVendor?: number },
): Promise<void> {
  const { subdomain, customDomain, exceptVendor } = change;
  if (subdomain !== null) {
    const domains = await db.selectFrom('platform_domains').select(['domain', 'is_primary']).where('platform_id', '=', platformId).orderBy('is_primary', 'desc').execute();
    const shown = domains[0] ? `${subdomain}.${domains[0].domain}` : subdomain;
    const clash = await db
      .selectFrom('vendors')
      .select('id')
      .where('platform_id', '=', platformId)
      .where('subdomain', '=', subdomain)
      .$if(exceptVendor !== undefined, (q) => q.where('id', '<>', exceptVendor!))
      .executeTakeFirst();
    if (clash) throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_TAKEN, { domain: shown });
    for (const { domain } of domains) {
      const host = `${subdomain}.${domain}`;
      if (await hostTaken(db, host, exceptVendor)) throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_TAKEN, { domain: host });
    }
  }
  if (customDomain !== null && (await hostTaken(db, customDomain, exceptVendor))) {
    throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_TAKEN, { domain: customDomain });
  }
}

function vendors(db: Kysely<TenancyTables>) {
  return db
    .selectFrom('vendors as v')
    .innerJoin('platforms as p', 'p.id', 'v.platform_id')
    .innerJoin('companies as c', 'c.id', 'v.company_id')
    .select([
      'v.id',
      'v.code',
      'v.name',
      'v.status',
      'v.subdomain',
      'v.custom_domain',
      'v.default_language',
      'v.created_at',
      'v.updated_at',
      'v.platform_id',
      'v.company_id',
      'c.name as company_name',
      'p.code as platform_code',
      'p.name as platform_name',
      'p.languages',
    ]);
}

type VendorRow = Awaited<ReturnType<ReturnType<typeof vendors>['executeTakeFirstOrThrow']>>;

function summaryOf(row: VendorRow): VendorSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    status: row.status,
    platform: { code: row.platform_code, name: row.platform_name },
    company: { id: row.company_id, name: row.company_name },
    subdomain: row.subdomain,
    customDomain: row.custom_domain,
    defaultLanguage: row.default_language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
