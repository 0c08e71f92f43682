/**
 * PostgreSQL's unique_violation (23505), as PostgreSQL and PGlite both
 * report it: a concurrent request took the value between a service's check
 * and its insert, so the constraint decides. With `constraint`, only a
 * violation of that constraint or unique index counts.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
