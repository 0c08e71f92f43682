import { defineRouter } from '../../../routes.ts';
import { accountPages } from './storefront/account.pages.ts';
import { addressPages } from './storefront/addresses.pages.ts';
import { signInPages } from './storefront/sign-in.pages.ts';

/**
 * The customer pages of a shop, at the root of its site: sign-in,
 * registration, e-mail confirmation and password reset (signed out), and
 * the account (profile, addresses, data and privacy, deletion) for the
 * signed-in customer of this shop. Each part is its own file.
 */
export const router = defineRouter(async (r) => {
  await signInPages(r);
  await accountPages(r);
  await addressPages(r);
});
