import { LANGUAGE_INFO, type Language, type TranslateFn } from '../../locales.ts';
import type { ViewContextInput } from '../../view-context.ts';
import { WEEKDAYS, type Weekday } from '../models/settings.model.ts';
import { settingsDb } from './settings.tables.ts';
import { storeCacheFor } from './store-cache.ts';
import { loadStoreSettings, type StoreSettings } from './store-settings.service.ts';

/** One line of the opening hours a storefront shows. */
export interface StoreDay {
  readonly day: Weekday;
  /** The day's name in the visitor's language. */
  readonly label: string;
  readonly closed: boolean;
  readonly open?: string;
  readonly close?: string;
}

/** `site.core.store`: what every storefront page knows about the shop (a contract with cms and customers templates). */
export interface StorefrontStore {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: {
    readonly line1: string | null;
    readonly line2: string | null;
    readonly postalCode: string | null;
    readonly city: string | null;
    /** ISO 3166-1 alpha-2. */
    readonly country: string;
    /** The country's name in the visitor's language ("Luxembourg", "Luxemburg", "Lëtzebuerg"). */
    readonly countryName: string;
  } | null;
  readonly vatNumber: string | null;
  readonly currency: 'EUR';
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  /** Monday to Sunday; empty when the shop has not set any hours (every day closed). */
  readonly openingHours: readonly StoreDay[];
}

/** The storefront's view of a store's settings, with day names in the visitor's language. */
export function toStorefrontStore(settings: StoreSettings, t: TranslateFn, language: Language): StorefrontStore {
  const { address } = settings;
  const countryName = new Intl.DisplayNames([LANGUAGE_INFO[language].tag, 'en'], { type: 'region' }).of(address.country) ?? address.country;
  const hasAddress = Boolean(address.line1 || address.city);
  const days = WEEKDAYS.map((day): StoreDay => {
    const hours = settings.openingHours[day];
    const label = t(`core:settings.days.${day}`);
    return hours.closed ? { day, label, closed: true } : { day, label, closed: false, open: hours.open, close: hours.close };
  });
  return {
    name: settings.name,
    email: settings.contactEmail,
    phone: settings.phone,
    address: hasAddress ? { ...address, countryName } : null,
    vatNumber: settings.vatNumber,
    currency: 'EUR',
    languages: [...settings.languages],
    defaultLanguage: settings.defaultLanguage,
    openingHours: days.every((d) => d.closed) ? [] : days,
  };
}

/**
 * Core's storefront view context: `site.core.store` on every page of a
 * vendor's storefront. The settings are cached per vendor (see
 * `store-cache.ts`), so a page costs no query once the store was read;
 * the view with day names in each language is made once per cached entry.
 */
export async function storefrontViewContext(input: ViewContextInput): Promise<{ store: StorefrontStore } | undefined> {
  const vendor = input.vendor;
  if (!vendor) return undefined;
  const db = input.db;
  const settings = await storeCacheFor(db).get(vendor.id, () => loadStoreSettings(settingsDb(db), vendor.id));
  if (!settings) return undefined;
  // The translated view lives as long as the cached settings object it was made from.
  let byLanguage = translated.get(settings);
  if (!byLanguage) {
    byLanguage = new Map();
    translated.set(settings, byLanguage);
  }
  let store = byLanguage.get(input.language);
  if (!store) {
    // Shared by every request of the shop in that language: frozen, so no page can change it for the next.
    store = deepFreeze(toStorefrontStore(settings, input.request.t, input.language));
    byLanguage.set(input.language, store);
  }
  return { store };
}

const translated = new WeakMap<StoreSettings, Map<string, StorefrontStore>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
