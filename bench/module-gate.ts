/**
 * The per-request cost of the module-enabled check.
 *
 * The same trivial JSON route (`{ hello: 'world' }`, no schema) is served on
 * 127.0.0.1 in three variants:
 * - `bare`:  Fastify alone, in its own process, for reference (what the
 *            framework costs at all);
 * - `open`:  `buildApp`, the route in a core module, so no gate runs;
 * - `gated`: the same app, the route in an optional module enabled on the
 *            platform, so the gate runs on every request.
 * `open` and `gated` are two routes of ONE server process: same app, same
 * global hooks, same JIT and heap, so the gate hook is the only difference
 * between them (two processes of the same app differ by more than 5% from
 * run to run on a shared machine). autocannon runs here, on the other core.
 *
 * Three measures, from the most familiar to the most robust:
 * 1. throughput (req/s, 10 connections) of short `bare`/`open`/`gated` runs,
 *    the six orders of the three in turn; each ratio is the median over
 *    rounds of the runs of the same round. What a user sees, but a neighbour's load on a shared
 *    2-core machine moves it by far more than the gate could.
 * 2. the server's CPU time per request over the same runs (its
 *    `process.cpuUsage()` difference divided by the requests served).
 * 3. one connection sending open and gated requests in turn within a single
 *    run: the finest interleaving there is, so any load on the machine falls
 *    on both alike, and the median latency difference is what the gate adds
 *    to a request. This is the headline figure, quoted as a share of the
 *    route's own server CPU time per request (2.). A third route in the
 *    cycle carries a hook that spins for 1 µs, so each run shows that a
 *    cost of that size is seen, and read at its size.
 *
 *   node --import tsx bench/module-gate.ts [--rounds 12] [--duration 3] [--connections 10]
 *                                          [--warmup 3] [--interleaved-runs 5]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { runProbe, startServer, type RunningServer } from './lib/child-process.ts';
import type { CpuReport, GateCheck, GateServerInfo } from './lib/gate-server.ts';
import { FOREIGN_LOAD_LIMIT_PCT, watchForeignLoad } from './lib/machine-load.ts';
import { CALIBRATION_SPIN_US, GATE_MODULES, gateRoutePath, resetRoot, writeGateModules } from './lib/module-tree.ts';
import { median, round, summarize, table, type Summary } from './lib/stats.ts';

const SERVER = fileURLToPath(new URL('./lib/gate-server.ts', import.meta.url));

export interface GateBenchOptions {
  rounds: number;
  /** Seconds per measured run. */
  duration: number;
  connections: number;
  /** Seconds of load on each variant before measuring. */
  warmup: number;
  /** Runs of the interleaved latency measurement (one connection, `duration` seconds each). */
  interleavedRuns: number;
  log?: (line: string) => void;
}

export const DEFAULT_GATE_OPTIONS: GateBenchOptions = { rounds: 12, duration: 3, connections: 10, warmup: 3, interleavedRuns: 5 };

/** The target: the gate costs under 5% on a trivial JSON route. */
export const GATE_TARGET_PCT = 5;

const VARIANTS = ['bare', 'open', 'gated'] as const;
type Variant = (typeof VARIANTS)[number];
const ORDERS: ReadonlyArray<readonly Variant[]> = [
  ['bare', 'open', 'gated'],
  ['gated', 'bare', 'open'],
  ['open', 'gated', 'bare'],
  ['bare', 'gated', 'open'],
  ['open', 'bare', 'gated'],
  ['gated', 'open', 'bare'],
];

export interface RunResult {
  readonly reqPerSec: number;
  /** Server CPU time (user + system) per request served, in microseconds. */
  readonly cpuUsPerRequest: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface VariantResult {
  readonly reqPerSec: Summary;
  readonly cpuUsPerRequest: Summary;
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
  readonly runs: RunResult[];
}

export interface InterleavedRun {
  readonly openMedianUs: number;
  readonly gatedMedianUs: number;
  readonly calibrationMedianUs: number;
  readonly requests: number;
}

export interface GateBenchResult {
  readonly options: Omit<GateBenchOptions, 'log'>;
  readonly check: GateCheck;
  readonly variants: Record<Variant, VariantResult>;
  readonly interleavedRuns: readonly InterleavedRun[];
  /** What the gate costs, gated against open. */
  readonly gate: {
    /** Median over interleaved runs of the median latency difference: the time the gate adds to a request. */
    readonly addedUs: number;
    /** `addedUs` as a share of the open route's server CPU time per request: the headline. */
    readonly shareOfRequestPct: number;
    /** Median over interleaved runs of gated/open median latency. */
    readonly latencyRatio: number;
    /** Median over rounds of gated/open req/s (noisy on a shared machine). */
    readonly throughputRatio: number;
    /** Per round, 1 − gated/open req/s, in percent. */
    readonly throughputOverheadPct: Summary;
    /** Median over rounds of gated/open server CPU per request. */
    readonly cpuPerRequestRatio: number;
    /** Median over rounds of gated/open p99 latency under 10 connections. */
    readonly p99Ratio: number;
  };
  /**
   * The same measure on a route with a hook that spins for `spinUs`: it
   * should read a little above `spinUs` (the spin plus one hook call). If it
   * does not, the interleaved figure cannot be trusted.
   */
  readonly calibration: { readonly spinUs: number; readonly addedUs: number };
  /** Medians over rounds of open/bare: what the framework itself costs per request. */
  readonly framework: { readonly throughputRatio: number; readonly cpuPerRequestRatio: number };
  readonly targetPct: number;
  /** The gate's share of the request and the interleaved latency ratio are both under the target. */
  readonly meetsTarget: boolean;
  /** CPU share other processes took during the run (see `watchForeignLoad`): beyond ~10%, req/s figures are noise. */
  readonly foreignLoadPct: number;
}

/**
 * One autocannon run against one server. Latencies are collected from the
 * response events: autocannon's own histogram keeps whole milliseconds, too
 * coarse for a route that answers in a fraction of one.
 */
async function load(server: RunningServer<GateServerInfo>, url: string, seconds: number, connections: number): Promise<RunResult> {
  const latencies: number[] = [];
  const before = await server.ask<CpuReport>('cpu');
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, pipelining: 1 }, (error: Error | null, res) =>
      error ? reject(error) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  const after = await server.ask<CpuReport>('cpu');
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors and ${result.non2xx} non-2xx responses under load`);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    reqPerSec: result.requests.total / result.duration,
    cpuUsPerRequest: (after.cpuMicros - before.cpuMicros) / result.requests.total,
    p50Ms: round(at(0.5), 3),
    p99Ms: round(at(0.99), 3),
  };
}

/**
 * One connection cycling through the open, gated and calibration routes: an
 * autocannon client walks its `requests` list in order, one request at a
 * time, so its n-th response answers request n mod 6. The cycle has each
 * route once after each of the others: a request is measurably slower right
 * after the calibration request (about 0.2 µs here), and a plain
 * open→gated→calibration cycle would charge that to `open` alone.
 */
async function interleavedRun(origin: string, seconds: number): Promise<{ open: number[]; gated: number[]; calibration: number[] }> {
  const order = ['open', 'gated', 'calibration', 'open', 'calibration', 'gated'] as const;
  const samples = { open: [] as number[], gated: [] as number[], calibration: [] as number[] };
  const counts = new Map<autocannon.Client, number>();
  let badStatus: number | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: 1,
        duration: seconds,
        pipelining: 1,
        requests: order.map((k) => ({ method: 'GET', path: gateRoutePath(GATE_MODULES[k]) })),
      },
      (error: Error | null, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      const n = counts.get(client) ?? 0;
      counts.set(client, n + 1);
      if (statusCode !== 200) badStatus = statusCode;
      samples[order[n % order.length]!].push(responseTime * 1000);
    });
  });
  if (badStatus !== undefined || result.errors > 0) throw new Error(`interleaved run: status ${badStatus}, ${result.errors} errors`);
  return samples;
}

function summarizeRuns(runs: readonly RunResult[]): VariantResult {
  const precise = (values: number[], digits: number): Summary => ({ ...summarize(values), median: round(median(values), digits) });
  return {
    reqPerSec: summarize(runs.map((x) => x.reqPerSec)),
    cpuUsPerRequest: precise(
      runs.map((x) => x.cpuUsPerRequest),
      2,
    ),
    p50Ms: precise(
      runs.map((x) => x.p50Ms),
      3,
    ),
    p99Ms: precise(
      runs.map((x) => x.p99Ms),
      3,
    ),
    runs: runs.map((x) => ({ ...x, reqPerSec: round(x.reqPerSec), cpuUsPerRequest: round(x.cpuUsPerRequest, 2) })),
  };
}

export async function runModuleGateBench(options: GateBenchOptions = DEFAULT_GATE_OPTIONS): Promise<GateBenchResult> {
  const log = options.log ?? (() => undefined);
  const foreignLoad = watchForeignLoad();
  const modulesDir = resetRoot('gate-modules');
  writeGateModules(modulesDir);

  log('checking that the gate guards the optional route, and timing the gate alone…');
  const check = await runProbe<GateCheck>(SERVER, ['check', modulesDir]);
  if (check.enabledStatus !== 200 || check.openStatus !== 200 || check.disabledStatus < 400) {
    throw new Error(`the gate does not behave as expected: ${JSON.stringify(check)}`);
  }

  const servers: Array<RunningServer<GateServerInfo>> = [];
  try {
    const bare = await startServer<GateServerInfo>(SERVER, ['bare']);
    servers.push(bare);
    const framework = await startServer<GateServerInfo>(SERVER, ['framework', modulesDir]);
    servers.push(framework);
    const target = (v: Variant) => {
      const server = v === 'bare' ? bare : framework;
      const path = gateRoutePath(v === 'gated' ? GATE_MODULES.gated : GATE_MODULES.open);
      return { server, url: `http://127.0.0.1:${server.info.port}${path}` };
    };
    const run = (v: Variant, seconds: number) => load(target(v).server, target(v).url, seconds, options.connections);
    for (const v of VARIANTS) {
      const res = await fetch(target(v).url);
      const body = await res.text();
      if (res.status !== 200 || body !== '{"hello":"world"}') throw new Error(`${v}: unexpected ${res.status} ${body}`);
    }

    log(`warm-up: ${options.warmup} s on each variant`);
    for (const v of VARIANTS) await run(v, options.warmup);

    const runs: Record<Variant, RunResult[]> = { bare: [], open: [], gated: [] };
    const rounds: Array<Record<Variant, RunResult>> = [];
    for (let r = 0; r < options.rounds; r++) {
      // The six orders of the three variants in turn: each variant runs in
      // each position, and after each other one, equally often (with a
      // plain rotation `open` followed bare, whose server had been idle, in
      // most rounds). One unmeasured second before each run keeps the
      // idle-to-busy transition out of the figures.
      const order = ORDERS[r % ORDERS.length]!;
      const current: Partial<Record<Variant, RunResult>> = {};
      for (const v of order) {
        await run(v, 1);
        current[v] = await run(v, options.duration);
        runs[v].push(current[v]);
      }
      const c = current as Record<Variant, RunResult>;
      rounds.push(c);
      log(
        `round ${r + 1}/${options.rounds}: ` +
          order.map((v) => `${v} ${Math.round(c[v].reqPerSec)} req/s ${round(c[v].cpuUsPerRequest, 1)} µs CPU/req`).join(', ') +
          ` → gated/open req/s ${round(c.gated.reqPerSec / c.open.reqPerSec, 3)}`,
      );
    }

    const origin = `http://127.0.0.1:${framework.info.port}`;
    await interleavedRun(origin, options.warmup);
    const interleavedRuns: InterleavedRun[] = [];
    for (let r = 0; r < options.interleavedRuns; r++) {
      const { open, gated, calibration } = await interleavedRun(origin, options.duration);
      const x = {
        openMedianUs: round(median(open), 2),
        gatedMedianUs: round(median(gated), 2),
        calibrationMedianUs: round(median(calibration), 2),
        requests: open.length + gated.length + calibration.length,
      };
      interleavedRuns.push(x);
      log(
        `interleaved ${r + 1}/${options.interleavedRuns}: median latency open ${x.openMedianUs} µs, gated ${x.gatedMedianUs} µs, ` +
          `calibration (+${CALIBRATION_SPIN_US} µs spin) ${x.calibrationMedianUs} µs`,
      );
    }

    const overRounds = (f: (p: Record<Variant, RunResult>) => number) => median(rounds.map(f));
    const variants = { bare: summarizeRuns(runs.bare), open: summarizeRuns(runs.open), gated: summarizeRuns(runs.gated) };
    const addedUs = median(interleavedRuns.map((x) => x.gatedMedianUs - x.openMedianUs));
    const shareOfRequestPct = (addedUs / median(runs.open.map((x) => x.cpuUsPerRequest))) * 100;
    const latencyRatio = median(interleavedRuns.map((x) => x.gatedMedianUs / x.openMedianUs));
    const serversCpuMs = (await Promise.all(servers.map((server) => server.ask<CpuReport>('cpu')))).reduce((n, c) => n + c.cpuMicros / 1000, 0);
    const { foreignPct } = foreignLoad.stop(check.cpuMs + serversCpuMs);
    const { log: _log, ...recorded } = options;
    return {
      options: recorded,
      check: { ...check, cpuMs: Math.round(check.cpuMs), gateNsPerCall: round(check.gateNsPerCall, 2), emptyHookNsPerCall: round(check.emptyHookNsPerCall, 2) },
      variants,
      interleavedRuns,
      gate: {
        addedUs: round(addedUs, 2),
        shareOfRequestPct: round(shareOfRequestPct, 2),
        latencyRatio: round(latencyRatio, 4),
        throughputRatio: round(overRounds((p) => p.gated.reqPerSec / p.open.reqPerSec), 4),
        throughputOverheadPct: summarize(rounds.map((p) => (1 - p.gated.reqPerSec / p.open.reqPerSec) * 100)),
        cpuPerRequestRatio: round(overRounds((p) => p.gated.cpuUsPerRequest / p.open.cpuUsPerRequest), 4),
        p99Ratio: round(overRounds((p) => p.gated.p99Ms / p.open.p99Ms), 3),
      },
      calibration: {
        spinUs: CALIBRATION_SPIN_US,
        addedUs: round(median(interleavedRuns.map((x) => x.calibrationMedianUs - x.openMedianUs)), 2),
      },
      framework: {
        throughputRatio: round(overRounds((p) => p.open.reqPerSec / p.bare.reqPerSec), 3),
        cpuPerRequestRatio: round(overRounds((p) => p.open.cpuUsPerRequest / p.bare.cpuUsPerRequest), 3),
      },
      targetPct: GATE_TARGET_PCT,
      meetsTarget: shareOfRequestPct < GATE_TARGET_PCT && (latencyRatio - 1) * 100 < GATE_TARGET_PCT,
      foreignLoadPct: foreignPct,
    };
  } finally {
    for (const server of servers) await server.stop();
  }
}

export function formatGateResult(result: GateBenchResult): string {
  const rows: Array<Array<string | number>> = [['variant', 'req/s', 'min–max', 'CPU µs/req', 'p50 ms', 'p99 ms']];
  for (const v of VARIANTS) {
    const s = result.variants[v];
    rows.push([
      v,
      Math.round(s.reqPerSec.median),
      `${Math.round(s.reqPerSec.min)}–${Math.round(s.reqPerSec.max)}`,
      s.cpuUsPerRequest.median,
      s.p50Ms.median,
      s.p99Ms.median,
    ]);
  }
  const { gate, framework, check, options } = result;
  const thr = gate.throughputOverheadPct;
  const busy = result.foreignLoadPct > FOREIGN_LOAD_LIMIT_PCT;
  return [
    `medians of ${options.rounds} rounds of ${options.duration} s at ${options.connections} connections`,
    table(rows),
    '',
    `the gate adds ${gate.addedUs} µs to a request = ${gate.shareOfRequestPct}% of the route's server CPU time ` +
      `(interleaved median latency gated/open ${gate.latencyRatio}×); target < ${result.targetPct}%: ${result.meetsTarget ? 'met' : 'NOT met'}`,
    `calibration: a hook spinning ${result.calibration.spinUs} µs reads as +${result.calibration.addedUs} µs`,
    `gated/open over alternating runs: req/s ${gate.throughputRatio}× (single rounds from ${round(-thr.max, 1)}% to +${round(-thr.min, 1)}%), ` +
      `CPU/req ${gate.cpuPerRequestRatio}×, p99 ${gate.p99Ratio}×`,
    `framework (open)/bare: req/s ${framework.throughputRatio}×, CPU/req ${framework.cpuPerRequestRatio}×`,
    `gate hook alone: ${check.gateNsPerCall} ns/call (an empty hook: ${check.emptyHookNsPerCall} ns); ` +
      `a platform without the module gets ${check.disabledStatus}`,
    ...(busy
      ? [`note: other processes took ${result.foreignLoadPct}% of the machine: req/s and CPU/req are noisy, the interleaved figure much less so`]
      : [`other processes took ${result.foreignLoadPct}% of the machine during the run`]),
  ].join('\n');
}

function numberOption(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got "${String(value)}"`);
  return n;
}

export function gateOptionsFromArgs(args: readonly string[]): GateBenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      rounds: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      'interleaved-runs': { type: 'string' },
    },
    strict: false,
  });
  return {
    rounds: numberOption(values.rounds, DEFAULT_GATE_OPTIONS.rounds),
    duration: numberOption(values.duration, DEFAULT_GATE_OPTIONS.duration),
    connections: numberOption(values.connections, DEFAULT_GATE_OPTIONS.connections),
    warmup: numberOption(values.warmup, DEFAULT_GATE_OPTIONS.warmup),
    interleavedRuns: numberOption(values['interleaved-runs'], DEFAULT_GATE_OPTIONS.interleavedRuns),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runModuleGateBench({ ...gateOptionsFromArgs(process.argv.slice(2)), log: (l) => console.log(l) });
  console.log(`\n${formatGateResult(result)}`);
}
