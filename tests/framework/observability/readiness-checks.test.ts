import { describe, expect, it } from 'vitest';
import { runReadinessChecks, type ReadinessCheck } from '../../../src/core/observability/health.ts';

const checks = (entries: Record<string, ReadinessCheck>) => new Map(Object.entries(entries));

describe('runReadinessChecks', () => {
  it('is ok only when every check passes', async () => {
    const report = await runReadinessChecks(checks({ a: async () => ({ ok: true }), b: async () => ({ ok: true, detail: 'fine' }) }));
    expect(report.status).toBe('ok');
    expect(report.checks.b).toMatchObject({ status: 'ok', detail: 'fine' });
    expect(report.checks.a).not.toHaveProperty('detail');
  });

  it('fails a check that rejects or throws synchronously, with its message as detail', async () => {
    const report = await runReadinessChecks(
      checks({
        rejects: async () => Promise.reject(new Error('database is gone')),
        throws: () => {
          throw new Error('thrown before any promise');
        },
      }),
    );
    expect(report.status).toBe('fail');
    expect(report.checks.rejects).toMatchObject({ status: 'fail', detail: 'database is gone' });
    expect(report.checks.throws).toMatchObject({ status: 'fail', detail: 'thrown before any promise' });
  });

  it('fails a check that outlives its time box, without waiting for it', async () => {
    const started = Date.now();
    const report = await runReadinessChecks(
      checks({ hangs: async () => new Promise(() => undefined), quick: async () => ({ ok: true }) }),
      50,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.status).toBe('fail');
    expect(report.checks.hangs).toMatchObject({ status: 'fail', detail: 'check "hangs" timed out after 50 ms' });
    expect(report.checks.quick).toMatchObject({ status: 'ok' });
  });

  it('fails a check that returns something other than a health result', async () => {
    const report = await runReadinessChecks(checks({ odd: async () => undefined as never }));
    expect(report.checks.odd).toMatchObject({ status: 'fail', detail: 'the health check returned no result' });
  });

  it('runs the checks at once rather than one after another', async () => {
    // Each check waits until all three have started: run one by one, the first would time out.
    let started = 0;
    let release: () => void = () => undefined;
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    const barrier: ReadinessCheck = async () => {
      if (++started === 3) release();
      await allStarted;
      return { ok: true };
    };
    const report = await runReadinessChecks(checks({ a: barrier, b: barrier, c: barrier }), 1_000);
    expect(report.status).toBe('ok');
  });
});
