/**
 * Cold start-up time against the number of modules.
 *
 * Every sample is a fresh `node --import tsx` process (bench/lib/startup-probe.ts)
 * on a fresh in-memory PGlite, so it pays for Node, tsx, the imports, the
 * database boot and every migration, up to a listening server. Scenarios:
 * - `bare`: Fastify with one route plus a PGlite boot, no framework (the baseline);
 * - `0 modules`: `buildApp` on an empty modules root (the framework alone);
 * - `real`: `buildApp` on `src/modules` as it is today;
 * - `real + N generated`: the real modules, mirrored into a scratch root
 *   (one-line re-exports, see `writeMirroredRealModules`), plus N generated
 *   modules, each with a definition, an API router of three schema-checked
 *   routes, two locales and a migration creating a table.
 * The growth per module is the slope of time against the generated count,
 * so it is measured on modules that all weigh the same; the real modules
 * are whatever `src/modules` holds at the time of the run.
 *
 * Samples alternate between scenarios round by round, after one discarded
 * warm-up each (it fills the OS file cache and tsx's transform cache, as any
 * second start of a server would find them). Totals come from runs that call
 * `buildApp` exactly as `main.ts` does; the breakdown comes from separate
 * runs, interleaved with those, that call buildApp's steps one by one.
 *
 *   node --import tsx bench/startup.ts [--runs 5] [--phase-runs 3] [--generated 100,200]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_MODULES_DIR } from '../src/modules/discovery.ts';
import { runProbe } from './lib/child-process.ts';
import { FOREIGN_LOAD_LIMIT_PCT, watchForeignLoad } from './lib/machine-load.ts';
import { resetRoot, writeGeneratedModules, writeMirroredRealModules } from './lib/module-tree.ts';
import type { StartupSample } from './lib/startup-sample.ts';
import { linearFit, median, round, summarize, table, type Summary } from './lib/stats.ts';

const PROBE = fileURLToPath(new URL('./lib/startup-probe.ts', import.meta.url));

export interface StartupBenchOptions {
  /** Measured `buildApp` runs per scenario. */
  runs: number;
  /** Runs per scenario for the phase breakdown. */
  phaseRuns: number;
  /** Generated-module counts added to the real modules. */
  generated: number[];
  log?: (line: string) => void;
}

export const DEFAULT_STARTUP_OPTIONS: StartupBenchOptions = { runs: 5, phaseRuns: 3, generated: [100, 200] };

interface Scenario {
  readonly name: string;
  readonly kind: 'bare' | 'framework';
  readonly modulesDir?: string;
  /** Generated modules in the root (0 for the real modules alone). */
  readonly generated: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly modules: number;
  readonly generated: number;
  readonly routeFiles: number;
  readonly migrations: number;
  /** Process start to listening, `buildApp` as main.ts calls it. */
  readonly readyMs: Summary;
  /** CPU time of the process (all threads) over the same span. */
  readonly cpuMs: Summary;
  /** Median wall time of each step over the phase runs. */
  readonly phasesMs: Readonly<Record<string, number>>;
  /** Median CPU time of each step over the phase runs. */
  readonly phasesCpuMs: Readonly<Record<string, number>>;
}

export interface StartupBenchResult {
  readonly options: Omit<StartupBenchOptions, 'log'>;
  readonly scenarios: ScenarioResult[];
  /** Start-up cost of one generated module: slope of ready time against the generated count. */
  readonly msPerGeneratedModule: number;
  /** The same slope in CPU time, steadier on a busy machine. */
  readonly cpuMsPerGeneratedModule: number;
  /**
   * The slope of the phase runs' total: the same quantity as
   * `msPerGeneratedModule`, from the other set of runs; the two agreeing is
   * a sign the figure is not noise.
   */
  readonly msPerGeneratedModuleFromPhases: number;
  /** The wall-time slope of each phase, to show where the per-module time goes. */
  readonly msPerGeneratedModuleByPhase: Readonly<Record<string, number>>;
  /** The CPU-time slope of each phase. */
  readonly cpuMsPerGeneratedModuleByPhase: Readonly<Record<string, number>>;
  /** Ready time of each scenario divided by the bare baseline's. */
  readonly ratioToBare: Readonly<Record<string, number>>;
  /** CPU share other processes took during the run (see `watchForeignLoad`): beyond ~10%, wall times are inflated. */
  readonly foreignLoadPct: number;
}

function scenarios(generated: readonly number[]): Scenario[] {
  const empty = resetRoot('startup-0');
  const list: Scenario[] = [
    { name: 'bare', kind: 'bare', generated: 0 },
    { name: '0 modules', kind: 'framework', modulesDir: empty, generated: 0 },
    { name: 'real', kind: 'framework', modulesDir: DEFAULT_MODULES_DIR, generated: 0 },
  ];
  for (const n of generated) {
    const root = resetRoot(`startup-real+${n}`);
    writeMirroredRealModules(root);
    writeGeneratedModules(root, n);
    list.push({ name: `real + ${n} generated`, kind: 'framework', modulesDir: root, generated: n });
  }
  return list;
}

function probeArgs(s: Scenario, mode: 'total' | 'phases'): string[] {
  return s.kind === 'bare' ? ['bare'] : [mode, s.modulesDir!];
}

export async function runStartupBench(options: StartupBenchOptions = DEFAULT_STARTUP_OPTIONS): Promise<StartupBenchResult> {
  const log = options.log ?? (() => undefined);
  const foreignLoad = watchForeignLoad();
  let childCpuMs = 0;
  const probe = async (s: Scenario, mode: 'total' | 'phases') => {
    const sample = await runProbe<StartupSample>(PROBE, probeArgs(s, mode));
    childCpuMs += sample.cpuMs;
    return sample;
  };
  const list = scenarios(options.generated);
  const totals = new Map<string, StartupSample[]>(list.map((s) => [s.name, []]));
  const phaseSamples = new Map<string, StartupSample[]>(list.map((s) => [s.name, []]));

  for (const s of list) {
    log(`warm-up: ${s.name}`);
    await probe(s, 'total');
  }
  // Rotating the order each round spreads a noisy neighbour over every
  // scenario; a phase run follows each total run so both meet the same load.
  const rotated = (r: number) => list.map((_, i) => list[(i + r) % list.length]!);
  for (let r = 0; r < Math.max(options.runs, options.phaseRuns); r++) {
    for (const s of rotated(r)) {
      if (r < options.runs) totals.get(s.name)!.push(await probe(s, 'total'));
      if (r < options.phaseRuns) phaseSamples.get(s.name)!.push(await probe(s, 'phases'));
    }
    const last = (s: Scenario) => (r < options.runs ? `${Math.round(totals.get(s.name)!.at(-1)!.readyMs)} ms` : 'phases only');
    log(`round ${r + 1}: ` + list.map((s) => `${s.name} ${last(s)}`).join(', '));
  }

  const results: ScenarioResult[] = list.map((s) => {
    const samples = totals.get(s.name)!;
    const phased = phaseSamples.get(s.name)!;
    const names = Object.keys(phased[0]?.phases ?? {});
    const first = samples[0] ?? phased[0]!;
    const phaseMedians = (pick: (x: StartupSample) => Readonly<Record<string, number>>) =>
      Object.fromEntries(names.map((n) => [n, round(median(phased.map((x) => pick(x)[n] ?? 0)))]));
    return {
      name: s.name,
      modules: first.modules,
      generated: s.generated,
      routeFiles: first.routeFiles,
      migrations: first.migrations,
      readyMs: summarize(samples.map((x) => x.readyMs)),
      cpuMs: summarize(samples.map((x) => x.cpuMs)),
      phasesMs: phaseMedians((x) => x.phases),
      phasesCpuMs: phaseMedians((x) => x.phasesCpu),
    };
  });

  const growth = results.filter((r) => r.name === 'real' || r.generated > 0);
  const fit = (y: (r: ScenarioResult) => number) => linearFit(growth.map((r) => ({ x: r.generated, y: y(r) }))).slope;
  const phaseNames = Object.keys(growth[0]?.phasesMs ?? {});
  const bare = results.find((r) => r.name === 'bare')!.readyMs.median;
  const { foreignPct } = foreignLoad.stop(childCpuMs);
  const { log: _log, ...recorded } = options;
  return {
    options: recorded,
    scenarios: results,
    msPerGeneratedModule: fit((r) => r.readyMs.median),
    cpuMsPerGeneratedModule: fit((r) => r.cpuMs.median),
    msPerGeneratedModuleFromPhases: fit((r) => Object.values(r.phasesMs).reduce((a, b) => a + b, 0)),
    msPerGeneratedModuleByPhase: Object.fromEntries(phaseNames.map((n) => [n, fit((r) => r.phasesMs[n] ?? 0)])),
    cpuMsPerGeneratedModuleByPhase: Object.fromEntries(phaseNames.map((n) => [n, fit((r) => r.phasesCpuMs[n] ?? 0)])),
    ratioToBare: Object.fromEntries(results.map((r) => [r.name, round(r.readyMs.median / bare, 2)])),
    foreignLoadPct: foreignPct,
  };
}

export function formatStartupResult(result: StartupBenchResult): string {
  const totals = table([
    ['scenario', 'modules', 'migrations', 'ready ms', 'min–max', '× bare', 'CPU ms'],
    ...result.scenarios.map((s) => [
      s.name,
      s.modules,
      s.migrations,
      Math.round(s.readyMs.median),
      `${Math.round(s.readyMs.min)}–${Math.round(s.readyMs.max)}`,
      `${result.ratioToBare[s.name]}×`,
      Math.round(s.cpuMs.median),
    ]),
  ]);
  const framework = result.scenarios.filter((s) => s.name !== 'bare');
  const phaseNames = [...new Set(framework.flatMap((s) => Object.keys(s.phasesMs)))];
  const phases = table([
    ['phase: wall ms (CPU ms)', ...framework.map((s) => s.name), 'per generated module'],
    ...phaseNames.map((n) => [
      n,
      ...framework.map((s) => `${Math.round(s.phasesMs[n] ?? 0)} (${Math.round(s.phasesCpuMs[n] ?? 0)})`),
      `${result.msPerGeneratedModuleByPhase[n] ?? ''} (${result.cpuMsPerGeneratedModuleByPhase[n] ?? ''})`,
    ]),
  ]);
  const busy = result.foreignLoadPct > FOREIGN_LOAD_LIMIT_PCT;
  return [
    `medians of ${result.options.runs} runs (phases: ${result.options.phaseRuns}), each a fresh process`,
    totals,
    '',
    phases,
    '',
    `each generated module adds ${result.msPerGeneratedModule} ms (${result.cpuMsPerGeneratedModule} CPU ms) to start-up; ` +
      `${result.msPerGeneratedModuleFromPhases} ms in the phase runs ` +
      `(slopes over real, ${result.options.generated.map((n) => `real + ${n}`).join(', ')})`,
    ...(busy
      ? [`note: other processes took ${result.foreignLoadPct}% of the machine: wall times are inflated, CPU times much less`]
      : [`other processes took ${result.foreignLoadPct}% of the machine during the run`]),
  ].join('\n');
}

export function startupOptionsFromArgs(args: readonly string[]): StartupBenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { runs: { type: 'string' }, 'phase-runs': { type: 'string' }, generated: { type: 'string' } },
    strict: false,
  });
  const int = (v: unknown, fallback: number) => {
    const n = typeof v === 'string' ? Number(v) : fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${String(v)}"`);
    return n;
  };
  return {
    runs: int(values.runs, DEFAULT_STARTUP_OPTIONS.runs),
    phaseRuns: int(values['phase-runs'], DEFAULT_STARTUP_OPTIONS.phaseRuns),
    generated:
      typeof values.generated === 'string'
        ? values.generated.split(',').map((n) => int(n.trim(), 0))
        : DEFAULT_STARTUP_OPTIONS.generated,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runStartupBench({ ...startupOptionsFromArgs(process.argv.slice(2)), log: (l) => console.log(l) });
  console.log(`\n${formatStartupResult(result)}`);
}
