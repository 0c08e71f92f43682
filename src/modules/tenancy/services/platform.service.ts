import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../../core/app-context.ts';
import { TENANCY_CHANGED_CHANNEL } from '../../../core/tenants.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { isUniqueViolation } from '../../../core/database/unique-violation.ts';
import { checkCode, checkLanguage, checkName, covers, hostTaken, normalizeHostname, withinAccess, type PlatformAccess } from './tenant-rules.ts';

/**
 * Platforms and their domains, for the admin back office. Every method
 * takes the caller's PlatformAccess: a platform admin sees and changes only
 * the platforms they administer, and another platform answers "not found"
 * (as if it did not exist), so codes reveal nothing. Changes are announced
 * on TENANCY_CHANGED_CHANNEL so every instance drops its host cache.
 */

export interface PlatformDomain {
  readonly domain: string;
  readonly isPrimary: boolean;
}

export interface PlatformSummary {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly defaultLanguage: string;
  readonly languages: readonly string[];
  /** The primary domain first. */
  readonly domains: readonly PlatformDomain[];
  readonly vendorCount: number;
  /** Optional (and internal) modules enabled on the platform; core modules are always on and not counted. */
  readonly moduleCount: number;
  readonly createdAt: Date;
}

export interface CreatePlatformInput {
  readonly code: string;
  readonly name: string;
  readonly defaultLanguage?: string | undefined;
  readonly languages?: readonly string[] | undefined;
}

export interface UpdatePlatformInput {
  readonly name?: string | undefined;
  readonly defaultLanguage?: string | undefined;
  readonly languages?: readonly string[] | undefined;
}

export interface AddDomainInput {
  readonly domain: string;
  /** Make it the primary domain (the first domain of a platform always is). */
  readonly primary?: boolean | undefined;
}

export class PlatformService {
  readonly #db: Kysely<TenancyTables>;
  readonly #ctx: Pick<AppContext, 'database' | 'modules'>;

  constructor(ctx: Pick<AppContext, 'database' | 'modules'>) {
    this.#ctx = ctx;
    this.#db = ctx.database.db.withTables<TenancyTables>();
  }

  /** The platforms the caller administers, by name. */
  async list(access: PlatformAccess): Promise<PlatformSummary[]> {
    const rows = await platformSummaries(this.#db).where(withinAccess(access)).orderBy('p.name').orderBy('p.code').execute();
    return Promise.all(rows.map((row) => this.#summaryOf(row)));
  }

  /** One platform; PLATFORM_NOT_FOUND when it does not exist or the caller does not administer it. */
  async get(access: PlatformAccess, code: string): Promise<PlatformSummary> {
    const row = covers(access, code) ? await platformSummaries(this.#db).where('p.code', '=', code).executeTakeFirst() : undefined;
    if (!row) throw new AppError(FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND, { platform: code });
    return this.#summaryOf(row);
  }

  /** Creates a platform (super admins only), with no optional module enabled: an admin chooses them on the modules page. */
  async create(access: PlatformAccess, input: CreatePlatformInput): Promise<PlatformSummary> {
    if (access !== 'all') throw new AppError(FRAMEWORK_ERRORS.PERMISSION_DENIED, { permission: 'tenancy.platforms.manage' });
    const code = checkCode(input.code.trim());
    const name = checkName(input.name);
    const { defaultLanguage, languages } = checkLanguages(input.defaultLanguage ?? 'en', input.languages ?? LANGUAGES);
    const taken = await this.#db.selectFrom('platforms').select('id').where('code', '=', code).executeTakeFirst();
    if (taken) throw new AppError(TENANCY_ERRORS.TENANCY_PLATFORM_CODE_TAKEN, { code });
    try {
      await this.#db
        .insertInto('platforms')
        .values({ code, name, default_language: defaultLanguage, languages: JSON.stringify(languages) })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(TENANCY_ERRORS.TENANCY_PLATFORM_CODE_TAKEN, { code }, { cause: error });
      throw error;
    }
    await this.#changed({ platform: code });
    return this.get(access, code);
  }

  /** Changes the name and languages; the default language must stay one of the languages. */
  async update(access: PlatformAccess, code: string, input: UpdatePlatformInput): Promise<PlatformSummary> {
    const current = await this.get(access, code);
    const name = input.name === undefined ? current.name : checkName(input.name);
    const { defaultLanguage, languages } = checkLanguages(input.defaultLanguage ?? current.defaultLanguage, input.languages ?? current.languages);
    await this.#db
      .updateTable('platforms')
      .set({ name, default_language: defaultLanguage, languages: JSON.stringify(languages), updated_at: new Date() })
      .where('id', '=', current.id)
      .execute();
    await this.#changed({ platform: code });
    return this.get(access, code);
  }

  /**
   * Adds a domain (TENANCY_DOMAIN_TAKEN when any tenant already answers on
   * it), or, for a domain the platform already has, only makes it primary
   * when asked. One domain per platform is primary: the one vendor
   * storefront addresses are shown under.
   */
  async addDomain(access: PlatformAccess, code: string, input: AddDomainInput): Promise<PlatformSummary> {
    const platform = await this.get(access, code);
    const domain = normalizeHostname(input.domain);
    const own = platform.domains.some((d) => d.domain === domain);
    const primary = input.primary === true || platform.domains.length === 0;
    try {
      await this.#db.transaction().execute(async (trx) => {
        if (!own) {
          if (await hostTaken(trx, domain)) throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_TAKEN, { domain });
          await trx.insertInto('platform_domains').values({ domain, platform_id: platform.id, is_primary: false }).execute();
        }
        if (primary) await markPrimary(trx, platform.id, domain);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_TAKEN, { domain }, { cause: error });
      throw error;
    }
    await this.#changed({ platform: code, domain });
    return this.get(access, code);
  }

  /** Removes a domain; when it was the primary one, the oldest remaining domain becomes primary. */
  async removeDomain(access: PlatformAccess, code: string, rawDomain: string): Promise<PlatformSummary> {
    const platform = await this.get(access, code);
    const domain = rawDomain.trim().toLowerCase().replace(/\.$/, '');
    const existing = platform.domains.find((d) => d.domain === domain);
    if (!existing) throw new AppError(TENANCY_ERRORS.TENANCY_DOMAIN_NOT_FOUND, { domain: rawDomain, platform: code });
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('platform_domains').where('domain', '=', domain).where('platform_id', '=', platform.id).execute();
      if (!existing.isPrimary) return;
      const next = await trx
        .selectFrom('platform_domains')
        .select('domain')
        .where('platform_id', '=', platform.id)
        .orderBy('created_at')
        .orderBy('domain')
        .limit(1)
        .executeTakeFirst();
      if (next) await markPrimary(trx, platform.id, next.domain);
    });
    await this.#changed({ platform: code, domain });
    return this.get(access, code);
  }

  async #summaryOf(row: SummaryRow): Promise<PlatformSummary> {
    const modules = await this.#ctx.modules.getPlatformModules(row.code);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      defaultLanguage: row.default_language,
      languages: row.languages,
      domains: row.domains.map((d) => ({ domain: d.domain, isPrimary: d.is_primary })),
      vendorCount: Number(row.vendor_count ?? 0),
      moduleCount: modules.filter((m) => m.enabled && m.tier !== 'core').length,
      createdAt: new Date(row.created_at),
    };
  }

  async #changed(what: Record<string, string>): Promise<void> {
    await this.#ctx.database.notifier.notify(TENANCY_CHANGED_CHANNEL, JSON.stringify(what));
  }
}

function platformSummaries(db: Kysely<TenancyTables>) {
  return db
    .selectFrom('platforms as p')
    .select(['p.id', 'p.code', 'p.name', 'p.default_language', 'p.languages', 'p.created_at'])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('platform_domains as d')
          .whereRef('d.platform_id', '=', 'p.id')
          .select(['d.domain', 'd.is_primary'])
          .orderBy('d.is_primary', 'desc')
          .orderBy('d.domain'),
      ).as('domains'),
      eb
        .selectFrom('vendors as v')
        .whereRef('v.platform_id', '=', 'p.id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('vendor_count'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof platformSummaries>['executeTakeFirstOrThrow']>>;

/** A platform's languages: a non-empty subset of the supported ones, in their order, containing the default. */
function checkLanguages(rawDefault: string, rawLanguages: readonly string[]): { defaultLanguage: Language; languages: Language[] } {
  const defaultLanguage = checkLanguage(rawDefault);
  const chosen = new Set(rawLanguages.map((l) => checkLanguage(l)));
  const languages = LANGUAGES.filter((l) => chosen.has(l));
  if (!chosen.has(defaultLanguage)) {
    throw new AppError(TENANCY_ERRORS.TENANCY_LANGUAGE_NOT_OFFERED, { language: defaultLanguage, languages: languages.join(', ') || '—' });
  }
  return { defaultLanguage, languages };
}

async function markPrimary(db: Kysely<TenancyTables>, platformId: number, domain: string): Promise<void> {
  await db
    .updateTable('platform_domains')
    .set({ is_primary: sql<boolean>`domain = ${domain}` })
    .where('platform_id', '=', platformId)
    .execute();
}
