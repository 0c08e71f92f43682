import { describe, expect, it } from 'vitest';
import { queueNameFor } from './queue-name.ts';

describe('queue names', () => {
  it('names a PostgreSQL deployment after its database, whatever the host or credentials', () => {
    expect(queueNameFor({ kind: 'postgres', location: 'postgres://***@db-1:5432/shop' })).toEqual({ name: 'tasks-shop', ephemeral: false });
    expect(queueNameFor({ kind: 'postgres', location: 'postgres://***@10.0.0.7/shop?sslmode=require' }).name).toBe('tasks-shop');
  });

  it('gives an on-disk PGlite a stable name and each in-memory one a throwaway name', () => {
    const disk = queueNameFor({ kind: 'pglite', location: '/srv/wizamart/data/pglite' });
    expect(disk).toEqual(queueNameFor({ kind: 'pglite', location: '/srv/wizamart/data/pglite' }));
    expect(disk.ephemeral).toBe(false);
    const a = queueNameFor({ kind: 'pglite', location: 'memory' });
    const b = queueNameFor({ kind: 'pglite', location: 'memory' });
    expect(a.ephemeral).toBe(true);
    expect(a.name).not.toBe(b.name);
    expect(a.name).not.toContain(':');
  });
});
