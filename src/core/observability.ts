import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { registerHealthRoutes } from './observability/health.ts';
import { registerMetrics } from './observability/metrics.ts';
import { registerSentry } from './observability/sentry.ts';

/**
 * The framework's observability: `/health` (liveness), `/health/ready`
 * (database, queue and module health checks), `/metrics` (Prometheus) and
 * Sentry error reporting when `SENTRY_DSN` is set. Structured logs with the
 * request id come from the logger options (`./logging.ts`).
 *
 * @example
 * registerObservability(app, context); // in buildApp, before the module routes
 */
export function registerObservability(app: FastifyInstance, context: AppContext): void {
  registerMetrics(app, context);
  registerHealthRoutes(app, context);
  registerSentry(app, context.settings);
}
