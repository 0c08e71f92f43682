/** What one start-up probe reports. */
export interface StartupSample {
  /** Milliseconds from process start until the server listens. */
  readonly readyMs: number;
  /** Consecutive steps in milliseconds, `boot` (Node + tsx) first; they add up to `readyMs`. */
  readonly phases: Readonly<Record<string, number>>;
  /** CPU milliseconds of the process (all threads) until the server listens. */
  readonly cpuMs: number;
  /** CPU milliseconds of each step. */
  readonly phasesCpu: Readonly<Record<string, number>>;
  readonly modules: number;
  readonly routeFiles: number;
  readonly migrations: number;
}
