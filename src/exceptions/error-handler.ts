import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from './base.ts';
import { FRAMEWORK_ERRORS } from './framework-errors.ts';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * Maps every thrown error to one response shape. AppErrors keep their code
 * and status; Fastify's schema validation errors become VALIDATION_FAILED;
 * anything else is logged and hidden behind INTERNAL_ERROR.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendError(reply, error.status, error.code, error.message, paramsOrUndefined(error.params));
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const detail = `${fe.validationContext ?? 'body'} ${fe.validation.map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim()).join('; ')}`;
      return sendError(reply, 400, FRAMEWORK_ERRORS.VALIDATION_FAILED.code, `The request is invalid: ${detail}`, fe.validation);
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(reply, fe.statusCode, fe.code ?? 'BAD_REQUEST', fe.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, FRAMEWORK_ERRORS.INTERNAL_ERROR.code, FRAMEWORK_ERRORS.INTERNAL_ERROR.message);
  });

  app.setNotFoundHandler((request, reply) => {
    const err = new AppError(FRAMEWORK_ERRORS.ROUTE_NOT_FOUND, { method: request.method, url: request.url.split('?')[0] });
    return sendError(reply, 404, err.code, err.message);
  });
}

function paramsOrUndefined(params: Readonly<Record<string, unknown>>): unknown {
  return Object.keys(params).length > 0 ? params : undefined;
}

function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.status(status).type('application/json').send(body);
}
