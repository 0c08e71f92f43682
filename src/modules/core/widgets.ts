import type { DashboardWidget, WidgetContent, WidgetInput } from '../widgets.ts';
import { coreDb, vendorFacts } from './services/dashboard.queries.ts';
import { storefrontAddresses } from './services/dashboard.service.ts';
import { formatDateTime } from './services/date-format.ts';
import { settingsDb } from './services/settings.tables.ts';
import { loadStoreSettings, type StoreSettings } from './services/store-settings.service.ts';

/** How far back the mail card counts. */
export const RECENT_MAIL_DAYS = 7;
const RECENT_MAIL_ITEMS = 5;

/**
 * The admin dashboard's mail card: how many messages went out in the last
 * week on the platforms the admin reads (system mail for super admins only,
 * as the outbox shows it), and the latest few.
 */
export const mailOutboxWidget: DashboardWidget = {
  id: 'mail-outbox',
  title: 'core:widgets.mail.title',
  permission: 'core.outbox.view',
  order: 60,
  size: 'wide',
  async load(input: WidgetInput): Promise<WidgetContent> {
    const platforms = input.principal.platforms ?? [];
    const since = new Date(Date.now() - RECENT_MAIL_DAYS * 24 * 60 * 60 * 1000);
    const link = { label: input.t('core:widgets.mail.open'), href: input.url('/admin/outbox') };
    if (platforms !== 'all' && platforms.length === 0) return { empty: input.t('core:widgets.mail.empty', { days: RECENT_MAIL_DAYS }), link };
    const base = () => {
      const q = input.db.selectFrom('mail_outbox').where('created_at', '>=', since);
      return platforms === 'all' ? q : q.where('platform_code', 'in', [...platforms]);
    };
    const [count, latest] = await Promise.all([
      base().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      base().select(['id', 'subject', 'to_address', 'status', 'created_at']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(RECENT_MAIL_ITEMS).execute(),
    ]);
    const total = Number(count.n);
    if (total === 0) return { empty: input.t('core:widgets.mail.empty', { days: RECENT_MAIL_DAYS }), link };
    return {
      stats: [{ label: input.t('core:widgets.mail.recent', { days: RECENT_MAIL_DAYS }), value: total, href: input.url('/admin/outbox') }],
      items: latest.map((m) => ({
        label: m.subject,
        detail: `${m.to_address} · ${formatDateTime(m.created_at, input.language)} · ${input.t(`core:widgets.mail.statuses.${m.status}`, { defaultValue: m.status })}`,
        href: input.url(`/admin/outbox/${m.id}`),
      })),
      link,
    };
  },
};

/** The vendor dashboard's shop card: its status and where its storefront answers. */
export const storefrontWidget: DashboardWidget = {
  id: 'storefront',
  title: 'core:widgets.storefront.title',
  order: 10,
  async load(input: WidgetInput): Promise<WidgetContent | null> {
    if (input.vendorId === null) return null;
    const shop = await vendorFacts(coreDb(input.db), input.vendorId);
    if (!shop) return null;
    const addresses = storefrontAddresses(shop, { development: input.settings.nodeEnv !== 'production' });
    return {
      stats: [{ label: input.t('core:widgets.storefront.status'), value: input.t(`core:dashboard.vendor.statuses.${shop.status}`, { defaultValue: shop.status }) }],
      items: addresses.map((a) => ({ label: a.url, detail: input.t(`core:dashboard.vendor.address_kinds.${a.kind}`), href: a.kind === 'preview' ? input.url(a.url) : a.url })),
      ...(addresses.length === 0 ? { empty: input.t('core:dashboard.vendor.no_address') } : {}),
    };
  },
};

/** What a complete store has set, in the order the checklist shows it; `anchor` is the form's section. */
const STORE_STEPS: ReadonlyArray<{ key: string; anchor: string; done: (s: StoreSettings) => boolean }> = [
  { key: 'address', anchor: 'address', done: (s) => Boolean(s.address.line1 && s.address.city && s.address.postalCode) },
  { key: 'hours', anchor: 'hours', done: (s) => Object.values(s.openingHours).some((d) => !d.closed) },
  { key: 'contact', anchor: 'contact', done: (s) => Boolean(s.contactEmail || s.phone) },
  { key: 'vat', anchor: 'legal', done: (s) => Boolean(s.vatNumber) },
  { key: 'languages', anchor: 'languages', done: (s) => s.updatedAt !== null },
];

/**
 * The vendor dashboard's store-settings card: how complete the settings
 * are, and a checklist of what is missing ("add your address, opening
 * hours…"), each linking to its part of the settings page.
 */
export const storeSettingsWidget: DashboardWidget = {
  id: 'store-settings',
  title: 'core:widgets.settings.title',
  permission: 'core.settings.view',
  order: 20,
  async load(input: WidgetInput): Promise<WidgetContent | null> {
    const code = input.principal.vendor?.code;
    if (input.vendorId === null || !code) return null;
    const settings = await loadStoreSettings(settingsDb(input.db), input.vendorId);
    if (!settings) return null;
    const page = `/vendor/${code}/settings`;
    const missing = STORE_STEPS.filter((step) => !step.done(settings));
    const link = { label: input.t('core:widgets.settings.open'), href: input.url(page) };
    if (missing.length === 0) return { empty: input.t('core:widgets.settings.complete'), link };
    return {
      stats: [{ label: input.t('core:widgets.settings.progress'), value: `${STORE_STEPS.length - missing.length} / ${STORE_STEPS.length}` }],
      items: missing.map((step) => ({ label: input.t(`core:widgets.settings.steps.${step.key}`), detail: input.t(`core:widgets.settings.steps.${step.key}_detail`), href: input.url(`${page}#${step.anchor}`) })),
      link,
    };
  },
};
