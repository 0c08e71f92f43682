import type { Audience } from '../../core/auth/principal.ts';

/** Where each audience signs in: its API prefix and its pages' root. */
export const AUDIENCE_ROUTES: Readonly<Record<Audience, { readonly api: string; readonly pages: string }>> = Object.freeze({
  admin: { api: '/api/v1/admin/auth', pages: '/admin' },
  vendor: { api: '/api/v1/vendor/auth', pages: '/vendor' },
  // Customers sign in on a storefront; the customers module provides them.
  customer: { api: '/api/v1/storefront/auth', pages: '/account' },
});

/** The back offices that have sign-in pages here (customers' pages belong to the storefront). */
export const BACK_OFFICE_AUDIENCES = ['admin', 'vendor'] as const satisfies readonly Audience[];
