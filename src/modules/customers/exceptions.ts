import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the customers module; translated under `customers:errors.<CODE>`. */
export const CUSTOMERS_ERRORS = defineErrors({
  CUSTOMERS_NOT_FOUND: { category: 'NOT_FOUND', message: 'Customer "{customer}" does not exist.' },
  CUSTOMERS_EMAIL_TAKEN: { category: 'CONFLICT', message: 'A customer with the e-mail address "{email}" already exists.' },
  CUSTOMERS_ADDRESS_NOT_FOUND: { category: 'NOT_FOUND', message: 'Address "{address}" does not exist.' },
  CUSTOMERS_SEGMENT_NOT_FOUND: { category: 'NOT_FOUND', message: 'Customer segment "{segment}" does not exist.' },
});
