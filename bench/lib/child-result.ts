// Imports nothing on purpose: probes load this before they start timing.

/** Marks the one stdout line on which a probe process reports its result. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Reports a probe's result to the parent (read by `runProbe`). */
export function emitResult(value: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}
