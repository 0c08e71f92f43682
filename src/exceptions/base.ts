/**
 * The exception hierarchy every layer throws. Services raise an `AppError`
 * with a stable code; the HTTP layer maps it to a response in one place
 * (`./error-handler.ts`), so no handler sets status codes by hand.
 *
 * @example
 * throw new AppError(MODULE_ERRORS.MODULE_NOT_FOUND, { module: 'billing' });
 */
export type ErrorCategory =
  | 'INVALID_DATA'
  | 'UNAUTHORIZED'
  | 'NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** HTTP status per category: the single place where errors meet HTTP. */
export const CATEGORY_STATUS: Readonly<Record<ErrorCategory, number>> = Object.freeze({
  INVALID_DATA: 400,
  UNAUTHORIZED: 401,
  NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
});

export interface ErrorSpec {
  /** Stable, upper-snake code such as `MODULE_NOT_FOUND`; clients switch on it. */
  readonly code: string;
  readonly category: ErrorCategory;
  /** Message template; `{name}` placeholders are filled from the error's params. */
  readonly message: string;
}

/** Declares a table of error specs, keyed by their code. */
export function defineErrors<const T extends Record<string, Omit<ErrorSpec, 'code'>>>(
  table: T,
): { readonly [K in keyof T]: ErrorSpec & { code: K } } {
  const out: Record<string, ErrorSpec> = {};
  for (const [code, spec] of Object.entries(table)) {
    out[code] = Object.freeze({ code, ...spec });
  }
  return Object.freeze(out) as { readonly [K in keyof T]: ErrorSpec & { code: K } };
}

export type ErrorParams = Readonly<Record<string, unknown>>;

export class AppError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly status: number;
  readonly params: ErrorParams;

  constructor(spec: ErrorSpec, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(formatMessage(spec.message, params), options);
    this.name = 'AppError';
    this.code = spec.code;
    this.category = spec.category;
    this.status = CATEGORY_STATUS[spec.category];
    this.params = params;
  }
}

export function formatMessage(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
