import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TranslateFn } from '../modules/locales.ts';
import { AppError, isAppError } from './base.ts';
import { FRAMEWORK_ERRORS } from './framework-errors.ts';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error as it is answered: the same fields for JSON and for the HTML page. */
interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  params: Readonly<Record<string, unknown>>;
}

/** URL prefixes that are never pages: they answer JSON (or files) whatever the Accept header. */
const NON_PAGE_PATH = /^\/(api|docs|static|health|metrics)(\/|\?|$)/;

/**
 * Maps every thrown error to one response shape. AppErrors keep their code
 * and status; Fastify's schema validation errors become VALIDATION_FAILED;
 * anything else is logged and hidden behind INTERNAL_ERROR.
 *
 * Page requests (not `/api/`, and accepting `text/html`) get the same status
 * as an HTML page in the user's language. The message is looked up as
 * `<module>:errors.<CODE>` (the module owning the route), then
 * `common:errors.<CODE>`, with the error's params as `{{variables}}`; the
 * English message of the error table is the last resort.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendError(request, reply, { status: error.status, code: error.code, message: error.message, details: paramsOrUndefined(error.params), params: error.params });
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const detail = `${fe.validationContext ?? 'body'} ${fe.validation.map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim()).join('; ')}`;
      return sendError(request, reply, {
        status: 400,
        code: FRAMEWORK_ERRORS.VALIDATION_FAILED.code,
        message: `The request is invalid: ${detail}`,
        details: fe.validation,
        params: { detail },
      });
    }
    if (typeof fe.code === 'string' && fe.code.startsWith('FST_CSRF')) {
      const err = new AppError(FRAMEWORK_ERRORS.CSRF_INVALID);
      return sendError(request, reply, { status: err.status, code: err.code, message: err.message, params: {} });
    }
    if (fe.statusCode === 429) {
      // @fastify/rate-limit: a stable code and the limiter's own wording ("retry in 1 minute").
      return sendError(request, reply, { status: 429, code: 'RATE_LIMITED', message: fe.message, params: {} });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(request, reply, { status: fe.statusCode, code: fe.code ?? 'BAD_REQUEST', message: fe.message, params: {} });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, { status: 500, code: FRAMEWORK_ERRORS.INTERNAL_ERROR.code, message: FRAMEWORK_ERRORS.INTERNAL_ERROR.message, params: {} });
  });

  app.setNotFoundHandler((request, reply) => {
    const params = { method: request.method, url: request.url.split('?')[0] };
    const err = new AppError(FRAMEWORK_ERRORS.ROUTE_NOT_FOUND, params);
    return sendError(request, reply, { status: 404, code: err.code, message: err.message, params });
  });
}

/** A request for a page, from a browser: not an API or asset URL, and HTML is acceptable. */
export function wantsHtmlPage(request: FastifyRequest): boolean {
  if (NON_PAGE_PATH.test(request.url)) return false;
  const accept = request.headers.accept;
  return typeof accept === 'string' && /\b(text\/html|application\/xhtml\+xml)\b/i.test(accept);
}

function paramsOrUndefined(params: Readonly<Record<string, unknown>>): unknown {
  return Object.keys(params).length > 0 ? params : undefined;
}

function sendError(request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer): FastifyReply | Promise<FastifyReply> {
  // `view` exists once the view layer is registered; before that, or without it, errors are JSON.
  if (typeof reply.view === 'function' && wantsHtmlPage(request)) return sendErrorPage(request, reply, answer);
  const body: ErrorBody = { error: { code: answer.code, message: answer.message, ...(answer.details === undefined ? {} : { details: answer.details }) } };
  return reply.status(answer.status).type('application/json').send(body);
}

async function sendErrorPage(request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer): Promise<FastifyReply> {
  const t = request.t;
  const page = {
    status: answer.status,
    code: answer.code,
    title: t([`common:errors.status.${answer.status}`, answer.status >= 500 ? 'common:errors.status.500' : 'common:errors.status.default']),
    message: translateError(t, request.routeOptions.config.module, answer),
    requestId: request.id,
  };
  try {
    // `menu: []`: the error page must render even when the database (which the menu needs) is the problem.
    return await reply.status(answer.status).view('errors/error.njk', { error: page, menu: [] });
  } catch (renderError) {
    request.log.error({ err: renderError }, 'the error page could not be rendered');
    return reply.status(answer.status).type('text/plain; charset=utf-8').send(`${answer.status} ${page.title}\n\n${page.message}\n`);
  }
}

function translateError(t: TranslateFn, module: string | undefined, answer: ErrorAnswer): string {
  // A server error's own message is for the logs, not the visitor.
  if (answer.status === 500) return t(`common:errors.${FRAMEWORK_ERRORS.INTERNAL_ERROR.code}`, { defaultValue: FRAMEWORK_ERRORS.INTERNAL_ERROR.message });
  const keys = [...(module ? [`${module}:errors.${answer.code}`] : []), `common:errors.${answer.code}`];
  return t(keys, { ...answer.params, defaultValue: answer.message });
}
