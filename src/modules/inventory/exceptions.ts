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
  INVENTORY_LOCATION_CODE_INVALID: {
    category: 'INVALID_DATA',
    message: 'Location code "{code}" is not valid: use 1 to {max} letters, digits, "-" or "_", starting with a letter or a digit (for example WH-LUX).',
  },
  INVENTORY_LOCATION_CODE_TAKEN: { category: 'CONFLICT', message: 'You already have a stock location with the code "{code}".' },
  INVENTORY_LOCATION_NAME_INVALID: { category: 'INVALID_DATA', message: 'A location name must be 1 to {max} characters long.' },
  INVENTORY_LOCATION_KIND_INVALID: { category: 'INVALID_DATA', message: '"{kind}" is not a kind of stock location: choose warehouse, store or pickup.' },
  INVENTORY_LOCATION_COUNTRY_INVALID: { category: 'INVALID_DATA', message: '"{country}" is not an ISO country code: use two letters, such as LU.' },
  INVENTORY_LOCATION_ADDRESS_INVALID: { category: 'INVALID_DATA', message: 'The address line may hold at most {max} characters.' },
  INVENTORY_LOCATION_POSTAL_CODE_INVALID: {
    category: 'INVALID_DATA',
    message: 'Postal code "{postalCode}" is not valid: use at most {max} letters, digits, spaces or "-" (for example L-1234).',
  },
  INVENTORY_LOCATION_CITY_INVALID: { category: 'INVALID_DATA', message: 'The city may hold at most {max} characters.' },
  INVENTORY_LOCATION_IS_DEFAULT: {
    category: 'CONFLICT',
    message: 'Stock location "{location}" is your default location: make another location the default before deleting it.',
  },
  INVENTORY_LOCATION_DEFAULT_MUST_STAY_ACTIVE: {
    category: 'CONFLICT',
    message: 'Stock location "{location}" is your default location and must stay active: make another location the default first.',
  },
  INVENTORY_LOCATION_INACTIVE: {
    category: 'CONFLICT',
    message: 'Stock location "{location}" is inactive and cannot become the default: activate it first.',
  },
  INVENTORY_LOCATION_NOT_EMPTY: {
    category: 'CONFLICT',
    message: 'Stock location "{location}" still holds stock and cannot be deleted.',
  },
});
