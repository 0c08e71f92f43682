import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { loadRegistry } from '../../../src/app.ts';
import type { Settings } from '../../../src/core/config.ts';
import { QUEUE_PREFIX } from '../../../src/core/queue/queue-name.ts';
import { createTestDatabase } from '../../helpers/test-database.ts';

/**
 * The suites run on the in-process queue by default and on BullMQ when
 * REDIS_URL is set, like the database switches on DATABASE_URL.
 */
export const REDIS_URL = process.env.REDIS_URL || undefined;
export const BACKEND = REDIS_URL ? 'bullmq' : 'in-process';

/** Settings that select the backend (createTestApp reads no environment). */
export function queueSettings(): Partial<Settings> {
  return REDIS_URL ? { redisUrl: REDIS_URL } : {};
}

/** Deletes a queue's Redis keys; returns how many there were. A no-op without Redis. */
export async function removeQueueKeys(queueName: string): Promise<number> {
  return forQueueKeys(queueName, (redis, keys) => redis.del(...keys));
}

/** How many Redis keys a queue has. */
export async function countQueueKeys(queueName: string): Promise<number> {
  return forQueueKeys(queueName, async (_redis, keys) => keys.length);
}

async function forQueueKeys(queueName: string, each: (redis: Redis, keys: string[]) => Promise<number>): Promise<number> {
  if (!REDIS_URL) return 0;
  const redis = new Redis(REDIS_URL);
  try {
    let total = 0;
    for await (const keys of redis.scanStream({ match: `${QUEUE_PREFIX}:${queueName}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) total += await each(redis, keys);
    }
    return total;
  } finally {
    await redis.quit();
  }
}

/** Polls `check` until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Builds the migrated template database for a modules tree ahead of the
 * tests. Call it from `beforeAll`: the first migration is the slow part, and
 * a hook has a longer timeout than a test.
 */
export async function warmTestDatabase(modulesDir: string): Promise<void> {
  const database = await createTestDatabase(await loadRegistry(modulesDir));
  await database.close();
}
