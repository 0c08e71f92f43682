import type { MenuEntry } from '../../views.ts';
import type { VendorFacts } from './dashboard.queries.ts';

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

/**
 * The "Get started" list: the vendor's menu without core's own entries
 * (dashboard, settings, profile), i.e. the pages of the modules enabled
 * for the shop that this user may open, in menu order.
 */
export function getStartedSteps(menu: readonly MenuEntry[]): MenuEntry[] {
  return menu.filter((item) => item.module !== 'core');
}
