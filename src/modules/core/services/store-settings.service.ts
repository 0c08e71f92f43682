import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { TENANCY_CHANGED_CHANNEL } from '../../../core/tenants.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { LANGUAGES, type Language } from '../../locales.ts';
import { CORE_ERRORS } from '../exceptions.ts';
import { WEEKDAYS, type DayHours, type Weekday } from '../models/settings.model.ts';
import { throwIfInvalid } from './settings-errors.ts';
import { dayHours, FieldChecks, type RawDayHours } from './settings-rules.ts';
import { settingsDb, type SettingsDb, type SettingsTables } from './settings.tables.ts';
import { announceSettingsChange } from './store-cache.ts';

/** A postal address; every part but the country may be empty. */
export interface PostalAddress {
  readonly line1: string | null;
  readonly line2: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** ISO 3166-1 alpha-2; `LU` by default. */
  readonly country: string;
}

/** A store's settings as the back office edits them (defaults filled in when nothing was saved yet). */
export interface StoreSettings {
  readonly vendorId: number;
  readonly platformId: number;
  readonly code: string;
  /** The shop's name: `vendors.name`. */
  readonly name: string;
  readonly contactEmail: string | null;
  readonly phone: string | null;
  readonly address: PostalAddress;
  readonly vatNumber: string | null;
  readonly currency: 'EUR';
  readonly languages: readonly Language[];
  readonly defaultLanguage: Language;
  readonly openingHours: Readonly<Record<Weekday, DayHours>>;
  /** The languages of the platform: what a store offers until it chooses. */
  readonly platformLanguages: readonly Language[];
  /** Null until the settings are saved once. */
  readonly updatedAt: Date | null;
}

/** What a save may change. A field left out keeps its value; null (or '') clears an optional one. */
export interface StoreSettingsInput {
  readonly name?: string | undefined;
  readonly contactEmail?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly address?: Partial<Record<'line1' | 'line2' | 'postalCode' | 'city' | 'country', string | null | undefined>> | undefined;
  readonly vatNumber?: string | null | undefined;
  readonly currency?: string | undefined;
  readonly languages?: readonly string[] | undefined;
  readonly defaultLanguage?: string | undefined;
  readonly openingHours?: Readonly<Record<string, RawDayHours | undefined>> | undefined;
}

export const STORE_NAME_MAX = 120;

/** Known languages of a stored list, in the app's order; all four when none are left. */
export function knownLanguages(raw: unknown): Language[] {
  const list = Array.isArray(raw) ? raw : [];
  const known = LANGUAGES.filter((l) => list.includes(l));
  return known.length > 0 ? known : [...LANGUAGES];
}

/**
 * Reads one store's settings: two queries (the vendor with its platform's
 * languages, and the settings row through the vendor's scope). Undefined
 * when the vendor does not exist.
 */
export async function loadStoreSettings(db: SettingsDb, vendorId: number): Promise<StoreSettings | undefined> {
  const scope = new VendorScope<SettingsTables>(db, vendorId);
  const [vendor, row] = await Promise.all([
    db
      .selectFrom('vendors as v')
      .innerJoin('platforms as p', 'p.id', 'v.platform_id')
      .where('v.id', '=', vendorId)
      .select([
        'v.id',
        'v.code',
        'v.name',
        'v.platform_id',
        'v.default_language',
        'p.languages as platform_languages',
        'p.default_language as platform_default_language',
      ])
      .executeTakeFirst(),
    scope.selectFrom('core_vendor_settings').selectAll().executeTakeFirst(),
  ]);
  if (!vendor) return undefined;
  // Tenancy's columns (platform languages, the vendor's language) are the source of truth: its admin pages
  // edit them too, and the saves here write them along with core's rows.
  const platformLanguages = knownLanguages(vendor.platform_languages);
  const languages = row ? knownLanguages(row.languages) : platformLanguages;
  // The vendor's language, else the store's saved choice, else the platform's, else the first offered.
  const candidates = [vendor.default_language, row?.default_language, vendor.platform_default_language];
  const defaultLanguage = (candidates.find((l) => languages.includes(l as Language)) as Language | undefined) ?? languages[0]!;
  const openingHours = Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours(row?.opening_hours, day)])) as Record<Weekday, DayHours>;
  return {
    vendorId: vendor.id,
    platformId: vendor.platform_id,
    code: vendor.code,
    name: vendor.name,
    contactEmail: row?.contact_email ?? null,
    phone: row?.phone ?? null,
    address: {
      line1: row?.address_line1 ?? null,
      line2: row?.address_line2 ?? null,
      postalCode: row?.postal_code ?? null,
      city: row?.city ?? null,
      country: row?.country ?? 'LU',
    },
    vatNumber: row?.vat_number ?? null,
    currency: 'EUR',
    languages,
    defaultLanguage,
    openingHours,
    platformLanguages,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Keeps the current value when a field is left out (undefined). */
export function pick<T>(given: T | undefined, current: T): T {
  return given === undefined ? current : given;
}

/**
 * The settings of the store the session is bound to: its name (which is
 * tenancy's `vendors.name`), contact, address, VAT number, currency,
 * languages and opening hours. The vendor always comes from the session,
 * never from the request, and the settings row is reached through a
 * VendorScope.
 *
 * @example
 * const settings = StoreSettingsService.forPrincipal(app.wizamart, request.principal);
 * await settings.update({ phone: '+352 27 12 34 56', openingHours: { mon: { open: '09:00', close: '18:00' } } });
 */
export class StoreSettingsService {
  readonly #ctx: Pick<AppContext, 'database'>;
  readonly #db: SettingsDb;
  readonly #scope: VendorScope<SettingsTables>;

  constructor(ctx: Pick<AppContext, 'database'>, vendorId: number) {
    this.#ctx = ctx;
    this.#db = settingsDb(ctx.database.db);
    this.#scope = new VendorScope(this.#db, vendorId);
  }

  static forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): StoreSettingsService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new StoreSettingsService(ctx, vendorId);
  }

  async get(): Promise<StoreSettings> {
    const settings = await loadStoreSettings(this.#db, this.#scope.vendorId);
    if (!settings) throw new AppError(CORE_ERRORS.CORE_SETTINGS_VENDOR_NOT_FOUND);
    return settings;
  }

  /** Checks every field (all errors at once), saves, and refreshes the cached store and tenant lookups everywhere. */
  async update(input: StoreSettingsInput): Promise<StoreSettings> {
    const current = await this.get();
    const checks = new FieldChecks();
    const address = input.address ?? {};
    // Checked in the form's order, so errors are listed as the user reads them.
    const name = checks.text('name', pick(input.name, current.name), { max: STORE_NAME_MAX, required: true }) ?? current.name;
    const contactEmail = checks.email('contact_email', pick(input.contactEmail, current.contactEmail));
    const phone = checks.phone('phone', pick(input.phone, current.phone));
    const { line1, line2, postalCode, city, country } = checks.address(address, current.address);
    const vatNumber = checks.vatNumber('vat_number', pick(input.vatNumber, current.vatNumber));
    const currency = checks.currency('currency', input.currency ?? current.currency);
    const { languages, defaultLanguage } = checks.languages('languages', 'default_language', pick(input.languages, current.languages), pick(input.defaultLanguage, current.defaultLanguage));
    const hours = checks.openingHours('opening_hours', input.openingHours === undefined ? current.openingHours : { ...current.openingHours, ...input.openingHours });
    const values = {
      contact_email: contactEmail,
      phone,
      address_line1: line1,
      address_line2: line2,
      postal_code: postalCode,
      city,
      country,
      vat_number: vatNumber,
      currency,
      languages: JSON.stringify(languages),
      default_language: defaultLanguage,
      opening_hours: JSON.stringify(hours),
      updated_at: new Date(),
    };
    throwIfInvalid(checks.errors);

    const vendorId = this.#scope.vendorId;
    const renamed = name !== current.name;
    await this.#db.transaction().execute(async (trx) => {
      await this.#scope
        .withTransaction(trx)
        .insertInto('core_vendor_settings', values)
        .onConflict((oc) => oc.column('vendor_id').doUpdateSet(values))
        .execute();
      // The store's name and default language live on the vendor, where tenant lookups read them.
      await trx.updateTable('vendors').set({ name, default_language: defaultLanguage, updated_at: new Date() }).where('id', '=', vendorId).execute();
    });

    const { database } = this.#ctx;
    await announceSettingsChange(database.db, database.notifier, { vendorId });
    if (renamed || defaultLanguage !== current.defaultLanguage) {
      await database.notifier.notify(TENANCY_CHANGED_CHANNEL, JSON.stringify({ vendor: current.code, change: 'settings' }));
    }
    return this.get();
  }
}
