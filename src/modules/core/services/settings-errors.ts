import { AppError, formatMessage } from '../../../exceptions/base.ts';
import { CORE_ERRORS } from '../exceptions.ts';
import type { FieldError } from './settings-rules.ts';

/**
 * Every field at fault of one save, as one `CORE_SETTINGS_INVALID`: the
 * API answers them all in `details.errors` (each with its own code and an
 * English message), and the form translates each beside its field.
 */
export function throwIfInvalid(errors: readonly FieldError[]): void {
  if (errors.length === 0) return;
  const specs = CORE_ERRORS as Readonly<Record<string, { message: string }>>;
  throw new AppError(CORE_ERRORS.CORE_SETTINGS_INVALID, {
    fields: [...new Set(errors.map((e) => e.field))],
    errors: errors.map((e) => ({ field: e.field, code: e.code, message: formatMessage(specs[e.code]?.message ?? e.code, e.params ?? {}), params: e.params ?? {} })),
  });
}

/** The field errors of a `CORE_SETTINGS_INVALID`, or none for any other error. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof AppError) || error.code !== CORE_ERRORS.CORE_SETTINGS_INVALID.code) return [];
  const list = error.params.errors;
  return Array.isArray(list) ? (list as FieldError[]) : [];
}
