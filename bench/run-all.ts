/**
 * `npm run bench`: the start-up and module-gate benchmarks, one after the
 * other (never at once: each needs the machine's cores to itself), a summary
 * of the figures the README quotes, and the results in
 * `bench/results/latest.json`.
 *
 *   npm run bench -- [--runs 5] [--phase-runs 3] [--generated 100,200]
 *                    [--rounds 12] [--duration 3] [--connections 10] [--warmup 3] [--interleaved-runs 5]
 *                    [--only startup|gate]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatGateResult, gateOptionsFromArgs, runModuleGateBench, type GateBenchResult } from './module-gate.ts';
import { REPO_ROOT } from './lib/module-tree.ts';
import { round, table } from './lib/stats.ts';
import { formatStartupResult, runStartupBench, startupOptionsFromArgs, type StartupBenchResult } from './startup.ts';

const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

function gitCommit(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+uncommitted src changes` : head;
  } catch {
    return undefined;
  }
}

function summary(startup: StartupBenchResult | undefined, gate: GateBenchResult | undefined): string {
  const rows: Array<Array<string | number>> = [['figure', 'value']];
  if (startup) {
    const bare = startup.scenarios.find((s) => s.name === 'bare')!.readyMs.median;
    for (const s of startup.scenarios) {
      rows.push([
        `start-up, ${s.name} (${s.modules} modules)`,
        `${Math.round(s.readyMs.median)} ms (${round(s.readyMs.median / bare, 2)}× bare), ${Math.round(s.cpuMs.median)} CPU ms`,
      ]);
    }
    rows.push(['start-up: other processes\' share of the machine', `${startup.foreignLoadPct}%`]);
    rows.push([
      'start-up per generated module',
      `${startup.msPerGeneratedModule} ms (phase runs: ${startup.msPerGeneratedModuleFromPhases} ms; ${startup.cpuMsPerGeneratedModule} CPU ms)`,
    ]);
  }
  if (gate) {
    const v = gate.variants;
    rows.push(['req/s bare / open / gated', `${Math.round(v.bare.reqPerSec.median)} / ${Math.round(v.open.reqPerSec.median)} / ${Math.round(v.gated.reqPerSec.median)}`]);
    rows.push(['p99 ms bare / open / gated', `${v.bare.p99Ms.median} / ${v.open.p99Ms.median} / ${v.gated.p99Ms.median}`]);
    rows.push(['CPU µs/req bare / open / gated', `${v.bare.cpuUsPerRequest.median} / ${v.open.cpuUsPerRequest.median} / ${v.gated.cpuUsPerRequest.median}`]);
    rows.push([
      'gate cost per request',
      `${gate.gate.addedUs >= 0 ? '+' : ''}${gate.gate.addedUs} µs = ${gate.gate.shareOfRequestPct}% (target < ${gate.targetPct}%: ${gate.meetsTarget ? 'met' : 'NOT met'})`,
    ]);
    rows.push(['gated / open', `latency ${gate.gate.latencyRatio}×, req/s ${gate.gate.throughputRatio}×, CPU/req ${gate.gate.cpuPerRequestRatio}×`]);
    rows.push(['framework (open) / bare', `req/s ${gate.framework.throughputRatio}×, CPU/req ${gate.framework.cpuPerRequestRatio}×`]);
    rows.push(['gate hook alone', `${gate.check.gateNsPerCall} ns/call`]);
    rows.push(['gate: other processes\' share of the machine', `${gate.foreignLoadPct}%`]);
  }
  return table(rows);
}

const args = process.argv.slice(2);
const { values } = parseArgs({ args, options: { only: { type: 'string' } }, strict: false });
const only = values.only;
const log = (line: string) => console.log(`  ${line}`);
const startedAt = new Date();

let startup: StartupBenchResult | undefined;
let gate: GateBenchResult | undefined;
if (only === undefined || only === 'startup') {
  console.log('start-up benchmark');
  startup = await runStartupBench({ ...startupOptionsFromArgs(args), log });
  console.log(`\n${formatStartupResult(startup)}\n`);
}
if (only === undefined || only === 'gate') {
  console.log('module-gate benchmark');
  gate = await runModuleGateBench({ ...gateOptionsFromArgs(args), log });
  console.log(`\n${formatGateResult(gate)}\n`);
}
console.log(`summary\n${summary(startup, gate)}`);

// Each section carries its own date and machine, so `--only` can refresh one
// section and keep the other from the previous run.
const recordedWith = {
  date: startedAt.toISOString(),
  commit: gitCommit(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model },
};
const previous = (existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {}) as Record<string, unknown>;
const results = {
  startup: startup ? { ...recordedWith, ...startup } : previous.startup,
  moduleGate: gate ? { ...recordedWith, ...gate } : previous.moduleGate,
};
mkdirSync(dirname(RESULTS_FILE), { recursive: true });
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten to ${RESULTS_FILE.slice(REPO_ROOT.length)}`);
