import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from './cli-error.ts';

/** The lock file beside the embedded database, in DATA_DIR. */
export const LOCK_FILE = 'pglite.lock';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly purpose: string;
  readonly since: string;
}

/**
 * Takes the embedded database of `dataDir` for this process, or fails
 * naming the process that holds it. PGlite is a single-process database
 * with no lock of its own: two processes opening the same folder each
 * believe they own it and silently diverge (seen: each saw only its own
 * writes). So `npm start`, `npm run dev` and the CLI take this lock first.
 * A lock left by a process that died (crash, SIGKILL) is taken over.
 *
 * @returns a function that releases the lock (also done at process exit).
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  // Two tries: the second after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && isAlive(owner)) {
        throw new CliError(
          `the embedded database in ${dir} is in use by process ${owner.pid} (${owner.purpose}, since ${owner.since}).\n` +
            `  PGlite serves one process at a time: stop that process first, use another DATA_DIR,\n` +
            `  or set DATABASE_URL to a PostgreSQL server that several processes can share.\n` +
            `  If no such process exists, delete ${file}.`,
        );
      }
      rmSync(file, { force: true });
      continue;
    }
    const owner: LockOwner = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    const release = (): void => {
      process.off('exit', release);
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    // A process that exits without closing the database (process.exit after
    // an error) must not leave a lock that looks alive until its pid is reused.
    process.on('exit', release);
    return release;
  }
  throw new CliError(`could not lock the embedded database in ${dir} (${file} keeps reappearing)`);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' ? (parsed as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  // Our own pid can only be a leftover (a container restarted with the same
  // pid); a lock from another machine sharing the folder is trusted as is.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
