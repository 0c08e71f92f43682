import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX } from './child-result.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a TypeScript script in a fresh `node --import tsx` process and returns
 * what it reported with `emitResult`. A probe that hangs is killed after
 * `timeoutMs`, so a broken build fails the benchmark instead of stalling it.
 */
export async function runProbe<T>(script: string, args: readonly string[], timeoutMs = 120_000): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) {
    throw new Error(`${script} ${args.join(' ')} failed (exit ${code}):\n${stderr.trim() || stdout.trim()}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
}

export interface RunningServer<T> {
  /** What the server reported once it was listening (its port, at least). */
  readonly info: T;
  /** Sends one command line on the server's stdin and waits for its `emitResult` answer. */
  ask<R>(command: string): Promise<R>;
  stop(): Promise<void>;
}

/**
 * Starts a long-running TypeScript server process and waits for the
 * `emitResult` line it writes once it listens. Later result lines answer
 * `ask()` commands in order. `stop()` ends that one process.
 */
export async function startServer<T>(script: string, args: readonly string[], timeoutMs = 120_000): Promise<RunningServer<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const waiting: Array<{ resolve(value: unknown): void; reject(error: Error): void }> = [];
  let exitError: Error | undefined;
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.startsWith(RESULT_PREFIX)) waiting.shift()?.resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
    }
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitError = new Error(`${script} ${args.join(' ')} exited (${code}):\n${stderr.trim()}`);
      for (const w of waiting.splice(0)) w.reject(exitError);
      resolve();
    }),
  );
  const next = <R>(ms: number) =>
    new Promise<R>((resolve, reject) => {
      if (exitError) return reject(exitError);
      const timer = setTimeout(() => reject(new Error(`${script}: no answer within ${ms} ms:\n${stderr.trim()}`)), ms);
      waiting.push({
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as R);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  let info: T;
  try {
    info = await next<T>(timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    info,
    ask<R>(command: string) {
      const answer = next<R>(10_000);
      child.stdin.write(`${command}\n`);
      return answer;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
