import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the core module; translated under `core:errors.<CODE>`. */
export const CORE_ERRORS = defineErrors({
  CORE_SETTING_NOT_FOUND: { category: 'NOT_FOUND', message: 'Setting "{key}" does not exist.' },
  CORE_SETTING_INVALID_VALUE: { category: 'INVALID_DATA', message: 'Setting "{key}" cannot take this value: {reason}' },
});
