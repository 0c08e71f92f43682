import { describe, expect, it } from 'vitest';
import { retryDelay, retryPolicyOf } from './retry-policy.ts';

describe('retry policy', () => {
  it('doubles the delay after each failed attempt, as BullMQ exponential backoff does', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(1000, attempt))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('defaults to three attempts starting one second apart', () => {
    expect(retryPolicyOf({})).toEqual({ attempts: 3, backoffMs: 1000 });
    expect(retryPolicyOf({ attempts: 1, backoffMs: 0 })).toEqual({ attempts: 1, backoffMs: 0 });
  });
});
