import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createModuleTree, frameworkImport, type FileTree, type ModuleTree } from '../helpers/module-tree.ts';
import { withDatabase } from '../helpers/test-database.ts';

/** The repository root: commands run from here, as `npm run cli` does. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type Env = Record<string, string | undefined>;

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Where one test's subprocesses keep their data: a fresh DATA_DIR, and
 * with DATABASE_URL in the test environment a fresh PostgreSQL database
 * too (created here, dropped by `cleanup`), so the same tests cover both
 * databases and never share state.
 */
export interface IsolatedEnv {
  readonly env: Env;
  readonly dataDir: string;
  readonly postgres: boolean;
  cleanup(): Promise<void>;
}

export async function isolatedEnv(extra: Env = {}): Promise<IsolatedEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wz-cli-data-'));
  const serverUrl = process.env.DATABASE_URL;
  const dbName = serverUrl ? `wz_cli_${process.pid}_${randomBytes(4).toString('hex')}` : undefined;
  if (serverUrl && dbName) await adminQuery(serverUrl, `create database ${dbName}`);
  const env: Env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DATABASE_URL: serverUrl && dbName ? withDatabase(serverUrl, dbName) : undefined,
    REDIS_URL: undefined,
    MODULES_DIR: undefined,
    PORT: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
  return {
    env,
    dataDir,
    postgres: Boolean(serverUrl),
    async cleanup() {
      if (serverUrl && dbName) await adminQuery(serverUrl, `drop database if exists ${dbName} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `wizamart <args>` the way `npm run cli` does, with a bounded wait. */
export function runCli(args: readonly string[], env: Env, timeoutMs = 90_000): Promise<RunResult> {
  return runNode(['src/cli/main.ts', ...args], env, timeoutMs);
}

export function runNode(args: readonly string[], env: Env, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: definedOnly(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms: ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running process (a server), with its output collected as it comes. */
export interface RunningProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Both streams, for failure messages. */
  output(): string;
  /** Resolves with the first capture of `pattern` in stdout; rejects on timeout or exit. */
  waitFor(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<string>;
  /** Sends SIGINT and resolves with the exit code (SIGKILL after the timeout). */
  stop(timeoutMs?: number): Promise<number | null>;
}

export function startNode(args: readonly string[], env: Env): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: definedOnly(env) });
  const out = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (chunk: Buffer) => ((out.stdout += chunk.toString()), poke()));
  child.stderr!.on('data', (chunk: Buffer) => ((out.stderr += chunk.toString()), poke()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (signal) out.stderr += `[killed by ${signal}]`;
      poke();
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    output: () => describe(out),
    waitFor(pattern, timeoutMs = 90_000, stream = 'stdout') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out[stream]);
          if (match) return done(() => resolve(match[1] ?? match[0]));
          if (child.exitCode !== null) done(() => reject(new Error(`exited (${child.exitCode}) before ${pattern}\n${describe(out)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms\n${describe(out)}`))), timeoutMs);
        const done = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(timeoutMs = 45_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** Polls `check` until it returns true, at most `timeoutMs`; `context` explains a failure (a process's output). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, context: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const intervalMs = 200;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms\n${context()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * An API router answering `GET /ping`. Unlike the shared helper's, it
 * imports nothing by package name: a tree outside the repository has no
 * node_modules to resolve `typebox` from.
 */
export function pingRouter(module: string): string {
  return `import { defineRouter } from '${frameworkImport('modules/routes.ts')}';
export const router = defineRouter(async (r) => {
  r.get('/ping', async () => ({ module: '${module}' }));
});
`;
}

/** True when the text carries a JavaScript stack trace (`    at fn (file:line:col)`). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]\d+/m.test(text);
}

function describe(out: { stdout: string; stderr: string }): string {
  return `stdout: ${out.stdout}\nstderr: ${out.stderr}`;
}

function definedOnly(env: Env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A throwaway modules root for MODULES_DIR. It carries a `package.json`
 * with `"type": "module"`: outside this repository, tsx would otherwise
 * load `.ts` files as CommonJS, whose cache ignores the `?v=` of a
 * development reload, and edited files would never be seen.
 */
export function esmModuleTree(files: FileTree = {}): ModuleTree {
  return createModuleTree({ 'package.json': '{ "type": "module" }\n', ...files });
}
