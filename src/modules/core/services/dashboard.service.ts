import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import type { MenuEntry } from '../../views.ts';
import { isAppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { adminCounts, coreDb, vendorFacts, type VendorFacts } from './dashboard.queries.ts';
import { shownDate, type ShownDate } from './date-format.ts';

/** How far back the dashboard counts mail. */
export const RECENT_MAIL_DAYS = 7;
/** How many module changes the admin dashboard lists. */
export const RECENT_CHANGES = 5;

/** One number on the dashboard; `href` only when the user may open its page and it exists. */
export interface StatCard {
  /** Names the label (`core:dashboard.stats.<key>`) and the test id. */
  readonly key: string;
  readonly icon: string;
  readonly value: number;
  readonly href: string | undefined;
}

export interface ModuleChange {
  readonly module: string;
  readonly moduleName: string;
  readonly action: 'enable' | 'disable';
  readonly actor: string;
  /** Every module the change switched, the named one included. */
  readonly changed: readonly string[];
  readonly at: ShownDate;
}

export interface AdminDashboard {
  readonly stats: readonly StatCard[];
  /** Undefined when the admin may not read the module audit log. */
  readonly recentChanges: readonly ModuleChange[] | undefined;
}

/**
 * Whether a dashboard card links to a page: the user holds the page's
 * permission and some module serves it (the page may not be built yet).
 */
export type LinkCheck = (path: string, permission: string) => boolean;

type DashboardContext = Pick<AppContext, 'database' | 'modules' | 'registry'>;

/**
 * The admin dashboard: counts over the platforms the admin administers
 * (all of them for a super admin), the modules enabled on the platform of
 * the request, and its latest module changes.
 */
export async function adminDashboard(ctx: DashboardContext, principal: Principal, platform: string, language: string, canOpen: LinkCheck): Promise<AdminDashboard> {
  const superAdmin = principal.platforms === 'all';
  const since = new Date(Date.now() - RECENT_MAIL_DAYS * 24 * 60 * 60 * 1000);
  const [counts, enabled, changes] = await Promise.all([
    adminCounts(coreDb(ctx.database.db), principal.platforms ?? [], { includeAdminUsers: superAdmin, mailsSince: since }),
    ctx.modules.getEnabledModuleCodes(platform),
    principal.permissions.has('tenancy.modules.view') ? latestModuleChanges(ctx, platform, language) : Promise.resolve(undefined),
  ]);
  const card = (key: string, icon: string, value: number, path: string, permission: string): StatCard => ({
    key,
    icon,
    value,
    href: canOpen(path.split('?')[0]!, permission) ? path : undefined,
  });
  const stats = [
    card('platforms', 'globe', counts.platforms, '/admin/platforms', 'tenancy.platforms.view'),
    card('vendors', 'store', counts.vendors, '/admin/vendors', 'tenancy.vendors.view'),
    card('active_vendors', 'check-circle', counts.activeVendors, '/admin/vendors?status=active', 'tenancy.vendors.view'),
    card('companies', 'building', counts.companies, '/admin/companies', 'tenancy.companies.view'),
    ...(counts.adminUsers === undefined ? [] : [card('admin_users', 'shield-check', counts.adminUsers, '/admin/users', 'tenancy.users.view')]),
    card('modules', 'layers', enabled.length, '/admin/modules', 'tenancy.modules.view'),
    card('mails', 'inbox', counts.recentMails, '/admin/outbox', 'core.outbox.view'),
  ];
  return { stats, recentChanges: changes };
}

async function latestModuleChanges(ctx: DashboardContext, platform: string, language: string): Promise<ModuleChange[]> {
  try {
    const log = await ctx.modules.getAuditLog(platform, { limit: RECENT_CHANGES, offset: 0 });
    return log.entries.map((e) => ({
      module: e.module,
      moduleName: ctx.registry.getModule(e.module)?.name ?? e.module,
      action: e.action,
      actor: e.actor,
      changed: e.changed,
      at: shownDate(e.createdAt, language),
    }));
  } catch (error) {
    // A platform that only exists as the configured default has no log yet.
    if (isAppError(error) && error.code === FRAMEWORK_ERRORS.PLATFORM_NOT_FOUND.code) return [];
    throw error;
  }
}

/** Where a shop's storefront answers. */
export interface StorefrontAddress {
  readonly url: string;
  /** `custom`: the vendor's own domain; `subdomain`: of the platform's domain; `preview`: the development prefix. */
  readonly kind: 'custom' | 'subdomain' | 'preview';
}

/**
 * The storefront's addresses, the main one first: the vendor's custom
 * domain, then `https://<subdomain>.<platform domain>`. Outside production
 * the `/_vendor/<code>/` prefix serves the shop without DNS, so it is
 * listed as a preview.
 */
export function storefrontAddresses(facts: Pick<VendorFacts, 'code' | 'subdomain' | 'customDomain' | 'platformDomain'>, options: { development: boolean }): StorefrontAddress[] {
  const addresses: StorefrontAddress[] = [];
  if (facts.customDomain) addresses.push({ url: `https://${facts.customDomain}`, kind: 'custom' });
  if (facts.subdomain && facts.platformDomain) addresses.push({ url: `https://${facts.subdomain}.${facts.platformDomain}`, kind: 'subdomain' });
  if (options.development) addresses.push({ url: `/_vendor/${encodeURIComponent(facts.code)}/`, kind: 'preview' });
  return addresses;
}

export interface VendorDashboard {
  readonly shop: VendorFacts;
  readonly addresses: readonly StorefrontAddress[];
}

/** The vendor dashboard's facts about the session's shop (never a shop named in the URL). */
export async function vendorDashboard(ctx: Pick<AppContext, 'database' | 'settings'>, principal: Principal): Promise<VendorDashboard | undefined> {
  if (!principal.vendor) return undefined;
  const shop = await vendorFacts(coreDb(ctx.database.db), principal.vendor.id);
  if (!shop) return undefined;
  return { shop, addresses: storefrontAddresses(shop, { development: ctx.settings.nodeEnv !== 'production' }) };
}

/**
 * The "Get started" list: the vendor's menu without core's own entries
 * (dashboard, settings, profile), i.e. the pages of the modules enabled
 * for the shop that this user may open, in menu order.
 */
export function getStartedSteps(menu: readonly MenuEntry[]): MenuEntry[] {
  return menu.filter((item) => item.module !== 'core');
}
