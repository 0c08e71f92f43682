import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';

// TEMPORARY: replaced by the observability work (health, readiness, metrics, Sentry).
export function registerObservability(app: FastifyInstance, _ctx: AppContext): void {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
}
