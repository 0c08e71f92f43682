/** Raised when work did not settle within its time box. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Settles with `work`'s outcome, or rejects with a `TimeoutError` after `ms`.
 * A readiness probe or a scrape must answer even when a dependency hangs, so
 * every call to something outside the process goes through here.
 *
 * @example
 * const pong = await timeBox(queue.ping(), 2_000, 'queue ping');
 */
export async function timeBox<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    // A pending check must never keep a process that is shutting down alive.
    timer.unref();
  });
  try {
    // `race` subscribes to `work`, so a rejection after the deadline is handled, not unhandled.
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
