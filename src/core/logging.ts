import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Settings } from './config.ts';

/** Incoming request ids are honoured when they look like one; otherwise a UUID is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Fastify's logger options: structured JSON (pino) with the request id on
 * every line a request logs (`reqId`), secrets redacted.
 */
export function loggerOptions(settings: Settings, stream?: DestinationStream): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger:
      settings.logLevel === 'silent'
        ? false
        : {
            level: settings.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            ...(stream ? { stream } : {}),
          },
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  };
}
