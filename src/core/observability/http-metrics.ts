/**
 * Request counts and latencies, kept in plain numbers on the request path and
 * rendered in the Prometheus text format at scrape time.
 *
 * Why not prom-client's Counter and Histogram here: each of their updates
 * hashes the label object and the histogram allocates a closure per
 * observation, several microseconds per request together under load. This
 * costs two map lookups and a few additions; the output is the same
 * exposition format, and prom-client still serves everything else.
 */

/** Latency buckets in seconds; finer than Prometheus' defaults at the low end, where most responses fall. */
export const DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

interface Series {
  readonly labels: string;
  /** Observations per bucket, not cumulative; the last slot is above the largest bound. */
  readonly buckets: Float64Array;
  sum: number;
  count: number;
  /** Responses per status code. */
  readonly statuses: Map<number, number>;
}

/**
 * The per-app HTTP metrics: `http_requests_total{method,route,module,status_code}`
 * and `http_request_duration_seconds{method,route,module}`.
 *
 * @example
 * const http = new HttpMetrics();
 * http.record('GET', '/health', 'framework', 200, 0.0004);
 * http.render(); // "# HELP http_requests_total ..."
 */
export class HttpMetrics {
  /** route pattern → method → series. Keyed by strings the router already holds, so lookups allocate nothing. */
  readonly #series = new Map<string, Map<string, Series>>();

  /**
   * Counts one response. `route` must be a route pattern, never a raw URL:
   * each distinct value is a series kept for the life of the process.
   */
  record(method: string, route: string, module: string, statusCode: number, seconds: number): void {
    let byMethod = this.#series.get(route);
    if (!byMethod) this.#series.set(route, (byMethod = new Map()));
    let series = byMethod.get(method);
    if (!series) byMethod.set(method, (series = newSeries(method, route, module)));
    series.count += 1;
    series.sum += seconds;
    let slot = 0;
    while (slot < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[slot]!) slot += 1;
    series.buckets[slot]! += 1;
    series.statuses.set(statusCode, (series.statuses.get(statusCode) ?? 0) + 1);
  }

  /** Both metrics in the Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const counts = [
      '# HELP http_requests_total HTTP requests answered, by route pattern, owning module and status code.',
      '# TYPE http_requests_total counter',
    ];
    const durations = [
      '# HELP http_request_duration_seconds Time from receiving a request to finishing its response, by route pattern and owning module.',
      '# TYPE http_request_duration_seconds histogram',
    ];
    for (const byMethod of this.#series.values()) {
      for (const s of byMethod.values()) {
        for (const [status, n] of s.statuses) counts.push(`http_requests_total{${s.labels},status_code="${status}"} ${n}`);
        let cumulative = 0;
        DURATION_BUCKETS.forEach((bound, i) => {
          cumulative += s.buckets[i]!;
          durations.push(`http_request_duration_seconds_bucket{le="${bound}",${s.labels}} ${cumulative}`);
        });
        durations.push(`http_request_duration_seconds_bucket{le="+Inf",${s.labels}} ${s.count}`);
        durations.push(`http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
        durations.push(`http_request_duration_seconds_count{${s.labels}} ${s.count}`);
      }
    }
    return `${counts.join('\n')}\n\n${durations.join('\n')}\n`;
  }
}

function newSeries(method: string, route: string, module: string): Series {
  return {
    labels: `method="${escapeLabel(method)}",route="${escapeLabel(route)}",module="${escapeLabel(module)}"`,
    buckets: new Float64Array(DURATION_BUCKETS.length + 1),
    sum: 0,
    count: 0,
    statuses: new Map(),
  };
}

/** Label values escape backslash, double quote and line feed, as the exposition format requires. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
