/** How long a shutdown may take before the process gives up and exits anyway. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface ShutdownListener {
  /** Resolves with the first SIGINT or SIGTERM. */
  readonly received: Promise<NodeJS.Signals>;
  /** Stops listening (start-up failed; the process is about to exit anyway). */
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM. Call it before start-up, not after: a
 * supervisor (or a test) that reacts to "listening" on stdout can signal
 * before the next statement runs, and a signal with no listener kills the
 * process without closing the database. A signal during start-up thus
 * shuts down cleanly once start-up is done. Until then a timer keeps the
 * process alive even when nothing else does (a worker whose queue holds no
 * socket). A second signal exits at once: the operator has lost patience.
 */
export function listenForShutdown(): ShutdownListener {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stop = () => {
    clearInterval(keepAlive);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = (signal) => {
      // The second handlers go on before the first come off, so there is
      // no instant in which a signal would find no listener.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      stop();
      resolve(signal);
    };
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { received, dispose: stop };
}

/** Runs `close`, but exits with status 1 if it has not finished within the timeout. */
export async function closeWithin(close: () => Promise<void>, timeoutMs = SHUTDOWN_TIMEOUT_MS): Promise<void> {
  const timer = setTimeout(() => {
    process.stderr.write(`Shutdown did not finish within ${timeoutMs / 1000} s; exiting.\n`);
    process.exit(1);
  }, timeoutMs);
  timer.unref();
  try {
    await close();
  } finally {
    clearTimeout(timer);
  }
}
