import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Settings } from '../config.ts';
import { FRAMEWORK_MODULE, NOT_FOUND_ROUTE } from './route-labels.ts';

/** What the platform uses of `@sentry/node`; `useSentrySdk` swaps in a fake for tests. */
export interface SentrySdk {
  init(options: { dsn: string; environment: string; sendDefaultPii: boolean }): unknown;
  captureException(error: unknown, context: { tags: Record<string, string> }): string;
  flush(timeoutMs?: number): Promise<boolean>;
}

export type SentryLoader = () => Promise<SentrySdk>;

// Imported only when a DSN is set: the SDK takes over half a second to load,
// which every boot and every test would otherwise pay for nothing.
let loadSdk: SentryLoader = async () => import('@sentry/node');

/** SDKs already initialised: Sentry is process-wide, and a second `init` would replace the first client. */
const initialised = new WeakSet<SentrySdk>();

const FLUSH_TIMEOUT_MS = 2_000;

/**
 * Replaces the Sentry SDK loader (tests; no network). Returns a function
 * that puts the previous loader back.
 *
 * @example
 * const restore = useSentrySdk(async () => fakeSdk);
 * try { ... } finally { restore(); }
 */
export function useSentrySdk(loader: SentryLoader): () => void {
  const previous = loadSdk;
  loadSdk = loader;
  return () => {
    loadSdk = previous;
  };
}

/**
 * Reports server errors to Sentry when `SENTRY_DSN` is set; without it,
 * nothing is loaded and no hook is added. The SDK is initialised once per
 * process, when the app becomes ready. A thrown error is captured when its
 * response goes out with a 5xx status (4xx are the client's business),
 * tagged with the request id that is also on every log line and in the
 * `X-Request-Id` header, so an event leads straight to its logs.
 */
export function registerSentry(app: FastifyInstance, settings: Settings): void {
  const dsn = settings.sentryDsn;
  if (!dsn) return;
  let sdk: SentrySdk | undefined;
  // The error is kept until the response is sent because only then is the
  // final status known: the error handler decides it after `onError` runs.
  const errors = new WeakMap<FastifyRequest, unknown>();

  app.addHook('onReady', async () => {
    const loaded = await loadSdk();
    if (!initialised.has(loaded)) {
      loaded.init({ dsn, environment: settings.nodeEnv, sendDefaultPii: false });
      initialised.add(loaded);
    }
    sdk = loaded;
  });

  app.addHook('onError', (request, _reply, error, done) => {
    errors.set(request, error);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode >= 500 && sdk && errors.has(request)) {
      const options = request.routeOptions;
      sdk.captureException(errors.get(request), {
        tags: {
          request_id: String(request.id),
          method: request.method,
          route: options.url ?? NOT_FOUND_ROUTE,
          module: options.config.module ?? FRAMEWORK_MODULE,
          status_code: String(reply.statusCode),
        },
      });
    }
    done();
  });

  app.addHook('onClose', async () => {
    await sdk?.flush(FLUSH_TIMEOUT_MS);
  });
}
