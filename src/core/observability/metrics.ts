import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app-context.ts';
import type { TaskQueue } from '../queue.ts';
import { HttpMetrics } from './http-metrics.ts';
import { FRAMEWORK_MODULE, NOT_FOUND_ROUTE } from './route-labels.ts';
import { timeBox } from './time-box.ts';

/** How long a scrape waits for the queue backend before reporting the depth as unknown. */
const DEPTH_TIMEOUT_MS = 1_000;

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event loop, GC) describe the process, not an
 * app, and prom-client starts timers and observers to collect them; doing it
 * once per process keeps several apps in one process (tests) from each
 * starting their own.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The app's own prom-client registry, not prom-client's global one: each app
 * built in a process (tests build many) reports only its own state. Holds
 * the task queue depth, read from the queue when scraped.
 */
export function createAppRegistry(queue: TaskQueue, onDepthError: (error: unknown) => void): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'task_queue_depth',
    help: 'Background jobs waiting or delayed, read from the queue at scrape time.',
    labelNames: ['backend'] as const,
    registers: [registry],
    async collect() {
      try {
        this.set({ backend: queue.kind }, await timeBox(queue.depth(), DEPTH_TIMEOUT_MS, 'queue depth'));
      } catch (error) {
        // NaN rather than a stale number or a failed scrape: the other series
        // stay visible and an alert on NaN still fires.
        this.set({ backend: queue.kind }, Number.NaN);
        onDepthError(error);
      }
    },
  });
  return registry;
}

/** Every metric of the app in the Prometheus text format; the three sources never share a metric name. */
export async function scrape(http: HttpMetrics, registry: Registry): Promise<string> {
  const [own, process] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
  return `${http.render()}\n${own}\n${process}`;
}

/**
 * Counts and times every response in an `onResponse` hook, labelled with the
 * route pattern (`request.routeOptions.url`) and the module owning the route
 * (`config.module`, set by the route loader), and serves `/metrics`.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  processMetrics();
  const http = new HttpMetrics();
  const registry = createAppRegistry(ctx.queue, (error) =>
    app.log.warn({ err: error }, 'could not read the task queue depth for /metrics'),
  );

  // Runs on every response: a synchronous hook (no promise), one read of the
  // route options, no strings built.
  app.addHook('onResponse', (request, reply, done) => {
    const options = request.routeOptions;
    http.record(
      request.method,
      options.url ?? NOT_FOUND_ROUTE,
      options.config.module ?? FRAMEWORK_MODULE,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['framework'],
        summary: 'Prometheus metrics: requests by route and module, latencies, queue depth, process',
        produces: ['text/plain'],
        response: { 200: Type.String({ description: 'Prometheus text exposition format' }) },
      },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await scrape(http, registry)),
  );
}
