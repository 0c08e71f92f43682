import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { TENANCY_CHANGED_CHANNEL } from '../../../core/tenants.ts';
import { AppError } from '../../../exceptions/base.ts';
import type { Language } from '../../locales.ts';
import { CORE_ERRORS } from '../exceptions.ts';
import { throwIfInvalid } from './settings-errors.ts';
import { FieldChecks, TEXT_MAX } from './settings-rules.ts';
import { settingsDb, type SettingsDb } from './settings.tables.ts';
import { announceSettingsChange } from './store-cache.ts';
import { knownLanguages, pick, type PostalAddress } from './store-settings.service.ts';

/** A platform's settings: who runs it (legal name, address, VAT number), its support contact, currency and languages. */
export interface PlatformSettings {
  readonly platformId: number;
  readonly code: string;
  readonly name: string;
  readonly supportEmail: string | null;
  readonly supportPhone: string | null;
  readonly legalName: string | null;
  readonly address: PostalAddress;
  readonly vatNumber: string | null;
  readonly currency: 'EUR';
  /** The languages of the platform's back offices and its stores' default offer. */
  readonly languages: readonly Language[];
  readonly defaultLanguage: Language;
  readonly updatedAt: Date | null;
}

/** What a save may change. A field left out keeps its value; null (or '') clears an optional one. */
export interface PlatformSettingsInput {
  readonly supportEmail?: string | null | undefined;
  readonly supportPhone?: string | null | undefined;
  readonly legalName?: string | null | undefined;
  readonly address?: Partial<Record<'line1' | 'line2' | 'postalCode' | 'city' | 'country', string | null | undefined>> | undefined;
  readonly vatNumber?: string | null | undefined;
  readonly currency?: string | undefined;
  readonly languages?: readonly string[] | undefined;
  readonly defaultLanguage?: string | undefined;
}

/** A platform an admin may choose on the settings page. */
export interface PlatformChoice {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

/** The platforms whose settings an admin may see: all for a super admin, else those they administer. */
export async function settingsPlatformChoices(db: SettingsDb, principal: Principal): Promise<PlatformChoice[]> {
  if (principal.platforms !== 'all' && (principal.platforms ?? []).length === 0) return [];
  let query = db.selectFrom('platforms').select(['id', 'code', 'name']).orderBy('name').orderBy('code');
  if (principal.platforms !== 'all') query = query.where('code', 'in', [...(principal.platforms ?? [])]);
  return query.execute();
}

/**
 * The settings of the platforms an admin administers. The platform is the
 * request's, or another one named with `?platform=` (super admins: any;
 * platform admins: only their own, 403 otherwise).
 */
export class PlatformSettingsService {
  readonly #ctx: Pick<AppContext, 'database'>;
  readonly #db: SettingsDb;
  readonly #principal: Principal;

  constructor(ctx: Pick<AppContext, 'database'>, principal: Principal) {
    this.#ctx = ctx;
    this.#db = settingsDb(ctx.database.db);
    this.#principal = principal;
  }

  choices(): Promise<PlatformChoice[]> {
    return settingsPlatformChoices(this.#db, this.#principal);
  }

  /** The platform named (or the request's), if this admin administers it. */
  async resolve(requested: string | undefined, current: string): Promise<PlatformChoice> {
    const code = requested?.trim() || current;
    const platforms = this.#principal.platforms;
    if (platforms !== 'all' && !(platforms ?? []).includes(code)) throw new AppError(CORE_ERRORS.CORE_SETTINGS_PLATFORM_NOT_ALLOWED, { platform: code });
    const row = await this.#db.selectFrom('platforms').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
    if (!row) throw new AppError(CORE_ERRORS.CORE_SETTINGS_PLATFORM_NOT_FOUND, { platform: code });
    return row;
  }

  async get(platform: PlatformChoice): Promise<PlatformSettings> {
    const row = await this.#db
      .selectFrom('platforms as p')
      .leftJoin('core_platform_settings as s', 's.platform_id', 'p.id')
      .where('p.id', '=', platform.id)
      .select([
        'p.id',
        'p.code',
        'p.name',
        'p.languages as platform_languages',
        'p.default_language as platform_default_language',
        's.support_email',
        's.support_phone',
        's.legal_name',
        's.address_line1',
        's.address_line2',
        's.postal_code',
        's.city',
        's.country',
        's.vat_number',
        's.updated_at',
      ])
      .executeTakeFirst();
    if (!row) throw new AppError(CORE_ERRORS.CORE_SETTINGS_PLATFORM_NOT_FOUND, { platform: platform.code });
    // Tenancy's columns are the source of truth (its platform page edits them too); saves here write both.
    const languages = knownLanguages(row.platform_languages);
    const wantedDefault = row.platform_default_language;
    return {
      platformId: row.id,
      code: row.code,
      name: row.name,
      supportEmail: row.support_email,
      supportPhone: row.support_phone,
      legalName: row.legal_name,
      address: { line1: row.address_line1, line2: row.address_line2, postalCode: row.postal_code, city: row.city, country: row.country ?? 'LU' },
      vatNumber: row.vat_number,
      currency: 'EUR',
      languages,
      defaultLanguage: languages.includes(wantedDefault as Language) ? (wantedDefault as Language) : languages[0]!,
      updatedAt: row.updated_at,
    };
  }

  /** Checks every field (all errors at once) and saves; the platform's languages are also its tenancy columns. */
  async update(platform: PlatformChoice, input: PlatformSettingsInput): Promise<PlatformSettings> {
    const current = await this.get(platform);
    const checks = new FieldChecks();
    const address = input.address ?? {};
    // Checked in the form's order, so errors are listed as the user reads them.
    const legalName = checks.text('legal_name', pick(input.legalName, current.legalName), { max: TEXT_MAX });
    const supportEmail = checks.email('support_email', pick(input.supportEmail, current.supportEmail));
    const supportPhone = checks.phone('support_phone', pick(input.supportPhone, current.supportPhone));
    const { line1, line2, postalCode, city, country } = checks.address(address, current.address);
    const vatNumber = checks.vatNumber('vat_number', pick(input.vatNumber, current.vatNumber));
    const currency = checks.currency('currency', input.currency ?? current.currency);
    const { languages, defaultLanguage } = checks.languages('languages', 'default_language', pick(input.languages, current.languages), pick(input.defaultLanguage, current.defaultLanguage));
    const values = {
      support_email: supportEmail,
      support_phone: supportPhone,
      legal_name: legalName,
      address_line1: line1,
      address_line2: line2,
      postal_code: postalCode,
      city,
      country,
      vat_number: vatNumber,
      currency,
      languages: JSON.stringify(languages),
      default_language: defaultLanguage,
      updated_at: new Date(),
    };
    throwIfInvalid(checks.errors);

    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('core_platform_settings')
        .values({ platform_id: current.platformId, ...values })
        .onConflict((oc) => oc.column('platform_id').doUpdateSet(values))
        .execute();
      await trx.updateTable('platforms').set({ languages: values.languages, default_language: defaultLanguage, updated_at: new Date() }).where('id', '=', current.platformId).execute();
    });
    const { database } = this.#ctx;
    await announceSettingsChange(database.db, database.notifier, { platformId: current.platformId });
    await database.notifier.notify(TENANCY_CHANGED_CHANNEL, JSON.stringify({ platform: current.code, change: 'settings' }));
    return this.get(platform);
  }
}
