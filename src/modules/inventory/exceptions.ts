import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the inventory module; translated under `inventory:errors.<CODE>`. */
export const INVENTORY_ERRORS = defineErrors({
  INVENTORY_ITEM_NOT_FOUND: { category: 'NOT_FOUND', message: 'No stock is recorded for "{sku}".' },
  INVENTORY_LOCATION_NOT_FOUND: { category: 'NOT_FOUND', message: 'Stock location "{location}" does not exist.' },
  INVENTORY_INSUFFICIENT_STOCK: {
    category: 'CONFLICT',
    message: 'Only {available} of "{sku}" are available, {requested} requested.',
  },
  INVENTORY_NEGATIVE_QUANTITY: { category: 'INVALID_DATA', message: 'Stock of "{sku}" cannot fall below zero.' },
  INVENTORY_LOCATION_NOT_EMPTY: {
    category: 'CONFLICT',
    message: 'Stock location "{location}" still holds stock and cannot be deleted.',
  },
});
