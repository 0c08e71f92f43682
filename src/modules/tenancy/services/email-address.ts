import { AppError, type ErrorSpec } from '../../../exceptions/base.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX_LENGTH = 320;

/**
 * An e-mail address as tenancy stores it: trimmed and lower-cased, so one
 * person has one address. A malformed one is refused with `error`
 * (TENANCY_INVALID_EMAIL unless the caller has its own code).
 */
export function emailAddress(value: string, error: ErrorSpec = TENANCY_ERRORS.TENANCY_INVALID_EMAIL): string {
  const email = value.trim().toLowerCase();
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(email)) throw new AppError(error, { email: value.trim() });
  return email;
}
