import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS, escapeLabel, HttpMetrics } from '../../../src/core/observability/http-metrics.ts';

describe('HttpMetrics', () => {
  it('counts responses per route, method and status, and renders cumulative latency buckets', () => {
    const http = new HttpMetrics();
    http.record('GET', '/items/:id', 'catalog', 200, 0.0004);
    http.record('GET', '/items/:id', 'catalog', 200, 0.003);
    http.record('GET', '/items/:id', 'catalog', 404, 12);
    http.record('POST', '/items', 'catalog', 201, 0.02);
    const text = http.render();
    const labels = 'method="GET",route="/items/:id",module="catalog"';

    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(`http_requests_total{${labels},status_code="200"} 2`);
    expect(text).toContain(`http_requests_total{${labels},status_code="404"} 1`);
    expect(text).toContain('http_requests_total{method="POST",route="/items",module="catalog",status_code="201"} 1');

    const bucket = (le: string) => new RegExp(`^http_request_duration_seconds_bucket\\{le="${le}",${labels.replace(/[/:]/g, '\\$&')}\\} (\\d+)$`, 'm').exec(text)?.[1];
    expect(bucket('0.001')).toBe('1');
    expect(bucket('0.0025')).toBe('1');
    expect(bucket('0.005')).toBe('2');
    expect(bucket('10')).toBe('2');
    expect(bucket('\\+Inf')).toBe('3');
    expect(text).toContain(`http_request_duration_seconds_count{${labels}} 3`);
    expect(text).toContain(`http_request_duration_seconds_sum{${labels}} ${0.0004 + 0.003 + 12}`);
    // One bucket line per bound plus +Inf, for each of the two series.
    expect(text.match(/_bucket\{/g)).toHaveLength(2 * (DURATION_BUCKETS.length + 1));
  });

  it('counts an observation equal to a bound in that bound’s bucket', () => {
    const http = new HttpMetrics();
    http.record('GET', '/a', 'framework', 200, 0.005);
    expect(http.render()).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/a",module="framework"} 1');
    expect(http.render()).toContain('http_request_duration_seconds_bucket{le="0.0025",method="GET",route="/a",module="framework"} 0');
  });

  it('renders only the headers before the first request', () => {
    expect(new HttpMetrics().render().split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
  });

  it('escapes backslashes, quotes and line feeds in label values', () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });
});
