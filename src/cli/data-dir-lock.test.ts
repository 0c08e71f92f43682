import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wz-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeLock(pid: number, host = hostname()): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host, purpose: 'npm start', since: '2026-01-01T00:00:00.000Z' }));
}

describe('lockDataDir', () => {
  it('takes the lock, records this process, and removes the file on release', () => {
    const release = lockDataDir(dir, 'wizamart demo');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'wizamart demo' });
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder held by another live process, naming the process and the way out', () => {
    // The test runner's parent is alive for as long as this test runs.
    writeLock(process.ppid);
    expect(() => lockDataDir(dir, 'wizamart demo')).toThrow(CliError);
    expect(() => lockDataDir(dir, 'wizamart demo')).toThrow(new RegExp(`in use by process ${process.ppid} \\(npm start`));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('takes over a lock left by a process that no longer exists', () => {
    writeLock(2 ** 22 + 7);
    const release = lockDataDir(dir, 'npm start');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('trusts a lock taken on another machine sharing the folder', () => {
    writeLock(2 ** 22 + 7, `${hostname()}-elsewhere`);
    expect(() => lockDataDir(dir, 'npm start')).toThrow(/in use by process/);
  });
});
