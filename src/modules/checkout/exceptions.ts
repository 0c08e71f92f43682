import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the checkout module; translated under `checkout:errors.<CODE>`. */
export const CHECKOUT_ERRORS = defineErrors({
  CHECKOUT_CART_EMPTY: { category: 'INVALID_DATA', message: 'The cart is empty.' },
  CHECKOUT_SESSION_NOT_FOUND: { category: 'NOT_FOUND', message: 'Checkout "{checkout}" does not exist.' },
  CHECKOUT_SESSION_EXPIRED: {
    category: 'CONFLICT',
    message: 'The checkout has expired; the reserved items were released. Please start again.',
  },
  CHECKOUT_ADDRESS_REQUIRED: { category: 'INVALID_DATA', message: 'A shipping and a billing address are required.' },
  CHECKOUT_GUEST_NOT_ALLOWED: { category: 'NOT_ALLOWED', message: 'Please sign in to check out.' },
  CHECKOUT_PRICES_CHANGED: {
    category: 'CONFLICT',
    message: 'Prices in the cart have changed since it was filled. Please review the cart.',
  },
});
