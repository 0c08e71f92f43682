import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the marketplace module; translated under `marketplace:errors.<CODE>`. */
export const MARKETPLACE_ERRORS = defineErrors({
  MARKETPLACE_NOT_CONFIGURED: {
    category: 'CONFLICT',
    message: 'Vendor "{vendor}" has no Letzshop API key configured.',
  },
  MARKETPLACE_API_KEY_REJECTED: { category: 'INVALID_DATA', message: 'Letzshop rejected the API key of vendor "{vendor}".' },
  MARKETPLACE_API_UNAVAILABLE: { category: 'UNAVAILABLE', message: 'Letzshop cannot be reached: {reason}' },
  MARKETPLACE_IMPORT_NOT_FOUND: { category: 'NOT_FOUND', message: 'Import "{import}" does not exist.' },
  MARKETPLACE_IMPORT_IN_PROGRESS: {
    category: 'CONFLICT',
    message: 'A Letzshop import is already running for vendor "{vendor}".',
  },
  MARKETPLACE_ORDER_NOT_FOUND: { category: 'NOT_FOUND', message: 'Letzshop order "{order}" does not exist.' },
});
