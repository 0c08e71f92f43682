import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { HealthResult } from '../../modules/base.ts';
import type { AppContext } from '../app-context.ts';
import { timeBox } from './time-box.ts';

/** How long one readiness check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;

/** One readiness check; a rejection or a timeout counts as a failure. */
export type ReadinessCheck = () => Promise<HealthResult>;

const Status = Type.Union([Type.Literal('ok'), Type.Literal('fail')]);

export const CheckReportSchema = Type.Object({
  status: Status,
  duration_ms: Type.Number({ description: 'Wall time of the check, in milliseconds' }),
  detail: Type.Optional(Type.String({ description: 'Why the check failed, or what it saw' })),
});

export const ReadinessReportSchema = Type.Object(
  {
    status: Status,
    checks: Type.Record(Type.String(), CheckReportSchema, {
      description: '`database`, `queue`, and `module:<code>` for each installed module with a health check',
    }),
  },
  { description: 'Readiness report' },
);

export type CheckReport = Static<typeof CheckReportSchema>;
export type ReadinessReport = Static<typeof ReadinessReportSchema>;

/**
 * The checks `/health/ready` runs: the database answers `select 1`, the task
 * queue backend answers a ping, and every installed module's own
 * `healthCheck`, as `module:<code>`.
 */
export function readinessChecks(ctx: AppContext): Map<string, ReadinessCheck> {
  const { db } = ctx.database;
  const checks = new Map<string, ReadinessCheck>([
    [
      'database',
      async () => {
        await sql`select 1`.execute(db);
        return { ok: true };
      },
    ],
    [
      'queue',
      async () =>
        (await ctx.queue.ping())
          ? { ok: true }
          : { ok: false, detail: `the ${ctx.queue.kind} queue backend did not answer` },
    ],
  ]);
  for (const def of ctx.registry.MODULES.values()) {
    const check = def.healthCheck;
    if (check) checks.set(`module:${def.code}`, () => check({ db }));
  }
  return checks;
}

/**
 * Runs every check at once, each time-boxed, and reports each with its own
 * status. The report fails when any check fails: each one guards something a
 * request may need, so a process missing any of them should not get traffic.
 *
 * @example
 * const report = await runReadinessChecks(new Map([['database', pingDb]]), 500);
 * report.checks.database; // { status: 'ok', duration_ms: 1.2 }
 */
export async function runReadinessChecks(
  checks: ReadonlyMap<string, ReadinessCheck>,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const names = [...checks.keys()];
  const reports = await Promise.all(names.map((name) => runOne(name, checks.get(name)!, timeoutMs)));
  return {
    status: reports.every((r) => r.status === 'ok') ? 'ok' : 'fail',
    checks: Object.fromEntries(names.map((name, i) => [name, reports[i]!])),
  };
}

async function runOne(name: string, check: ReadinessCheck, timeoutMs: number): Promise<CheckReport> {
  const started = performance.now();
  // Calling through an async arrow turns a synchronous throw into a rejection.
  const invoke = async () => check();
  let ok: boolean;
  let detail: string | undefined;
  try {
    const result: unknown = await timeBox(invoke(), timeoutMs, `check "${name}"`);
    // A module written in plain JS may return anything; only an explicit `ok: true` passes.
    ok = isHealthResult(result) && result.ok === true;
    detail = isHealthResult(result) ? result.detail : 'the health check returned no result';
  } catch (error) {
    ok = false;
    detail = error instanceof Error ? error.message : String(error);
  }
  const duration_ms = Math.round((performance.now() - started) * 10) / 10;
  return { status: ok ? 'ok' : 'fail', duration_ms, ...(detail ? { detail } : {}) };
}

function isHealthResult(value: unknown): value is HealthResult {
  return typeof value === 'object' && value !== null && typeof (value as HealthResult).ok === 'boolean';
}

/**
 * `/health` (liveness: the process answers; touches nothing else, so a slow
 * database never gets a live process restarted) and `/health/ready`
 * (readiness: 503 until every check passes, so a load balancer holds traffic).
 */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const checks = readinessChecks(ctx);

  app.get(
    '/health',
    {
      schema: {
        tags: ['framework'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['framework'],
        summary: 'Readiness: database, queue and every module health check',
        response: { 200: ReadinessReportSchema, 503: ReadinessReportSchema },
      },
    },
    async (request, reply) => {
      const report = await runReadinessChecks(checks);
      if (report.status === 'ok') return report;
      const failed = Object.fromEntries(Object.entries(report.checks).filter(([, c]) => c.status === 'fail'));
      request.log.warn({ failed }, 'readiness check failed');
      return reply.code(503).send(report);
    },
  );
}
