import { defineErrors } from './base.ts';

/** Errors raised by the framework layer itself. Module errors live in each module's `exceptions.ts`. */
export const FRAMEWORK_ERRORS = defineErrors({
  VALIDATION_FAILED: { category: 'INVALID_DATA', message: 'The request is invalid: {detail}' },
  ROUTE_NOT_FOUND: { category: 'NOT_FOUND', message: 'No route matches {method} {url}.' },
  PLATFORM_NOT_FOUND: { category: 'NOT_FOUND', message: 'Platform "{platform}" does not exist.' },
  MODULE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Module "{module}" is not installed.' },
  MODULE_DISABLED: {
    category: 'NOT_FOUND',
    message: 'The "{module}" module is not enabled on platform "{platform}".',
  },
  MODULE_CORE_CANNOT_DISABLE: {
    category: 'CONFLICT',
    message: 'Module "{module}" is a core module and cannot be disabled.',
  },
  AUTH_REQUIRED: { category: 'UNAUTHORIZED', message: 'Authentication is required for this route.' },
  AUTH_INVALID_TOKEN: { category: 'UNAUTHORIZED', message: 'The access token is not valid.' },
  AUTH_NOT_CONFIGURED: {
    category: 'UNAVAILABLE',
    message: 'Admin access is not configured: set ADMIN_TOKEN to use the admin API.',
  },
  INTERNAL_ERROR: { category: 'INTERNAL', message: 'An unexpected error occurred.' },
});
