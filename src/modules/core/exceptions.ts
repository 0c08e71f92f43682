import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the core module; translated under `core:errors.<CODE>`. */
export const CORE_ERRORS = defineErrors({
  CORE_SETTING_NOT_FOUND: { category: 'NOT_FOUND', message: 'Setting "{key}" does not exist.' },
  CORE_SETTING_INVALID_VALUE: { category: 'INVALID_DATA', message: 'Setting "{key}" cannot take this value: {reason}' },
  CORE_PROFILE_NAME_INVALID: { category: 'INVALID_DATA', message: 'Enter your name (at most {max} characters).' },
  CORE_PROFILE_LANGUAGE_INVALID: { category: 'INVALID_DATA', message: 'Choose one of the languages offered ({languages}).' },
  CORE_PROFILE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Your account no longer exists.' },
  CORE_PASSWORD_CURRENT_WRONG: { category: 'INVALID_DATA', message: 'The current password is not correct.' },
  CORE_PASSWORD_REPEAT_MISMATCH: { category: 'INVALID_DATA', message: 'The new password and its repetition are not the same.' },
  CORE_PASSWORD_LOCKED: { category: 'TOO_MANY_REQUESTS', message: 'Too many wrong passwords. Try again in {minutes} minute(s).' },
  CORE_SESSION_NOT_FOUND: { category: 'NOT_FOUND', message: 'You have no active session with this id.' },
  CORE_SESSION_IS_CURRENT: { category: 'INVALID_DATA', message: 'This is the session you are using; sign out from the account menu instead.' },
  CORE_OUTBOX_MAIL_NOT_FOUND: { category: 'NOT_FOUND', message: 'Mail {id} does not exist or belongs to a platform you do not administer.' },
  CORE_OUTBOX_PLATFORM_NOT_ALLOWED: { category: 'NOT_ALLOWED', message: 'You do not administer the platform "{platform}".' },
});
