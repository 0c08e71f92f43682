import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the cart module; translated under `cart:errors.<CODE>`. */
export const CART_ERRORS = defineErrors({
  CART_NOT_FOUND: { category: 'NOT_FOUND', message: 'The cart does not exist or has expired.' },
  CART_ITEM_NOT_FOUND: { category: 'NOT_FOUND', message: 'The cart has no line "{item}".' },
  CART_PRODUCT_UNAVAILABLE: { category: 'CONFLICT', message: 'Product "{sku}" is no longer available.' },
  CART_ITEM_OUT_OF_STOCK: { category: 'CONFLICT', message: 'Only {available} of "{sku}" are in stock.' },
  CART_INVALID_QUANTITY: { category: 'INVALID_DATA', message: 'The quantity must be a whole number greater than zero.' },
  CART_TOO_MANY_ITEMS: { category: 'INVALID_DATA', message: 'A cart can hold at most {max} different products.' },
});
