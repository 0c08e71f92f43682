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
  UNKNOWN_HOST: { category: 'NOT_FOUND', message: 'No platform or shop is served at "{host}".' },
  STOREFRONT_NOT_FOUND: { category: 'NOT_FOUND', message: 'There is no open shop at this address.' },
  AUTH_REQUIRED: { category: 'UNAUTHORIZED', message: 'Sign in to use this route.' },
  AUTH_INVALID_TOKEN: { category: 'UNAUTHORIZED', message: 'The access token is not valid.' },
  AUTH_TOKEN_EXPIRED: { category: 'UNAUTHORIZED', message: 'The access token has expired; refresh it or sign in again.' },
  AUTH_SESSION_ENDED: { category: 'UNAUTHORIZED', message: 'This session has ended; sign in again.' },
  AUTH_REFRESH_INVALID: { category: 'UNAUTHORIZED', message: 'The refresh token is not valid; sign in again.' },
  AUTH_INVALID_CREDENTIALS: { category: 'UNAUTHORIZED', message: 'The e-mail address or password is incorrect.' },
  AUTH_LOGIN_LOCKED: {
    category: 'TOO_MANY_REQUESTS',
    message: 'Too many failed sign-in attempts for this account. Try again in {minutes} minute(s).',
  },
  AUTH_VENDOR_CHOICE_REQUIRED: {
    category: 'INVALID_DATA',
    message: 'This account belongs to several vendors; name one with "vendor_code" ({vendors}).',
  },
  AUTH_RESET_TOKEN_INVALID: { category: 'INVALID_DATA', message: 'This password reset link is invalid, used or expired. Ask for a new one.' },
  PASSWORD_TOO_WEAK: { category: 'INVALID_DATA', message: 'The password {problem}.' },
  PERMISSION_DENIED: { category: 'NOT_ALLOWED', message: 'You do not have the permission "{permission}" needed for this.' },
  AUTH_WRONG_VENDOR: { category: 'NOT_ALLOWED', message: 'You are signed in to vendor "{signedIn}", not "{requested}".' },
  AUTH_WRONG_PLATFORM: { category: 'NOT_ALLOWED', message: 'You do not administer platform "{platform}".' },
  CSRF_INVALID: { category: 'NOT_ALLOWED', message: 'The form has expired or did not come from this site. Reload the page and try again.' },
  INTERNAL_ERROR: { category: 'INTERNAL', message: 'An unexpected error occurred.' },
});
