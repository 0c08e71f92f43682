import { describe, expect, it } from 'vitest';
import { getStartedSteps, storefrontAddresses } from './dashboard.service.ts';
import type { MenuEntry } from '../../views.ts';

describe('storefrontAddresses', () => {
  const shop = { code: 'bakery', subdomain: 'bakery', customDomain: null, platformDomain: 'shops.example.test' };

  it("puts the vendor's own domain first, then the platform subdomain", () => {
    expect(storefrontAddresses({ ...shop, customDomain: 'bakery.lu' }, { development: false })).toEqual([
      { url: 'https://bakery.lu', kind: 'custom' },
      { url: 'https://bakery.shops.example.test', kind: 'subdomain' },
    ]);
  });

  it('has no subdomain address without a platform domain, and a preview outside production', () => {
    expect(storefrontAddresses({ ...shop, platformDomain: undefined }, { development: false })).toEqual([]);
    expect(storefrontAddresses({ ...shop, platformDomain: undefined }, { development: true })).toEqual([{ url: '/_vendor/bakery/', kind: 'preview' }]);
  });
});

describe('getStartedSteps', () => {
  it("keeps the menu's module pages in order, without core's own entries", () => {
    const entry = (module: string, id: string) => ({ id, module, path: `/vendor/x/${id}` }) as MenuEntry;
    const menu = [entry('core', 'dashboard'), entry('catalog', 'products'), entry('tenancy', 'team'), entry('core', 'profile')];
    expect(getStartedSteps(menu).map((e) => e.id)).toEqual(['products', 'team']);
  });
});
