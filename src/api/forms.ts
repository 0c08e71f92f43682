import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppError } from '../exceptions/base.ts';

/**
 * Helpers for server-rendered forms: a service refuses bad input with an
 * AppError, and the page shows that error, translated, above the form it
 * re-renders (with the status the API would have answered).
 *
 * @example
 * try {
 *   await vendors.create(scope, form);
 * } catch (error) {
 *   const message = formError(request, error); // rethrows what is not a 4xx AppError
 *   reply.status((error as AppError).status);
 *   return reply.view('tenancy/admin/vendors/new.njk', { form, error: message });
 * }
 * return redirectWithNotice(request, reply, '/admin/vendors', 'created');
 */
export function formError(request: FastifyRequest, error: unknown): string {
  if (!isAppError(error) || error.status >= 500) throw error;
  return translateError(request, error);
}

/** An AppError in the user's language: `<module>:errors.<CODE>`, then `common:errors.<CODE>`, then its English message. */
export function translateError(request: FastifyRequest, error: AppError): string {
  const module = request.routeOptions.config.module;
  const keys = [...(module ? [`${module}:errors.${error.code}`] : []), `common:errors.${error.code}`];
  return request.t(keys, { ...error.params, defaultValue: error.message });
}

/** After a successful post: back to a page (inside the development prefix) with a one-off `notice`. */
export function redirectWithNotice(request: FastifyRequest, reply: FastifyReply, path: string, notice: string): FastifyReply {
  const separator = path.includes('?') ? '&' : '?';
  return reply.redirect(`${request.urlPrefix}${path}${separator}notice=${encodeURIComponent(notice)}`, 303);
}

/** A form field as a trimmed string ('' when absent); form bodies are untyped. */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  return value === undefined || value === null ? '' : String(value).trim();
}

/** A multi-value form field (checkboxes) as a list of strings. */
export function fields(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean);
}
