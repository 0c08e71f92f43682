import { cpus } from 'node:os';

/** CPU milliseconds the whole machine has spent busy (every core, every process) since boot. */
function machineBusyMs(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Above this share of foreign load, a run's wall-clock figures should not be quoted. */
export const FOREIGN_LOAD_LIMIT_PCT = 10;

export interface ForeignLoad {
  /** Share of the machine's CPU capacity used by processes other than the benchmark's, in percent. */
  readonly foreignPct: number;
  readonly cores: number;
}

/**
 * Measures how much of the machine other processes used while a benchmark
 * ran: the machine's busy CPU time minus our own (this process plus the
 * children's CPU time, which the caller adds up), over the capacity of all
 * cores. Load average cannot tell this apart, since it counts our own
 * processes too. A few percent is a quiet machine; beyond ~10% the
 * wall-clock figures are inflated by a neighbour.
 *
 * @example
 * const load = watchForeignLoad();
 * // ... run, summing the CPU ms the child processes report ...
 * const { foreignPct } = load.stop(childCpuMs);
 */
export function watchForeignLoad(): { stop(childCpuMs: number): ForeignLoad } {
  const startWall = performance.now();
  const startBusy = machineBusyMs();
  const startOwn = ownCpuMs();
  return {
    stop(childCpuMs) {
      const cores = cpus().length;
      const capacity = (performance.now() - startWall) * cores;
      const foreign = machineBusyMs() - startBusy - (ownCpuMs() - startOwn) - childCpuMs;
      return { foreignPct: Math.max(0, Math.round((foreign / capacity) * 1000) / 10), cores };
    },
  };
}
