import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the orders module; translated under `orders:errors.<CODE>`. */
export const ORDERS_ERRORS = defineErrors({
  ORDERS_NOT_FOUND: { category: 'NOT_FOUND', message: 'Order "{order}" does not exist.' },
  ORDERS_ITEM_NOT_FOUND: { category: 'NOT_FOUND', message: 'Order "{order}" has no line "{item}".' },
  ORDERS_INVALID_STATUS_TRANSITION: {
    category: 'CONFLICT',
    message: 'Order "{order}" cannot go from "{from}" to "{to}".',
  },
  ORDERS_NOT_CANCELLABLE: { category: 'CONFLICT', message: 'Order "{order}" can no longer be cancelled.' },
});
