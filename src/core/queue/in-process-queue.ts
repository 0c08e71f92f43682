import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../exceptions/base.ts';
import type { LoadedTask } from '../../modules/tasks.ts';
import { DEFAULT_DRAIN_TIMEOUT_MS, type DrainOptions, type EnqueueOptions, type TaskDefinition, type TaskPayload, type TaskQueue } from '../queue.ts';
import { prepareJob, type JobRequest } from './job-request.ts';
import { TASK_ERRORS } from './queue-errors.ts';
import { retryDelay } from './retry-policy.ts';
import type { ScheduleTargets } from './schedule-targets.ts';
import type { TaskCatalog } from './task-catalog.ts';
import type { AttemptResult, TaskExecutor, TaskJob } from './task-executor.ts';

interface QueuedJob extends TaskJob {
  readonly backoffMs: number;
}

export interface InProcessQueueOptions {
  name: string;
  catalog: TaskCatalog;
  executor: TaskExecutor;
  targets: ScheduleTargets;
  concurrency: number;
  logger: FastifyBaseLogger;
}

/**
 * The queue without Redis: jobs wait in memory and run in this process,
 * with the same retries, delays, schedules and run records as BullMQ. It is
 * not durable: jobs still waiting or delayed when the process stops are lost
 * (each attempt already made is in `task_runs`).
 */
export class InProcessQueue implements TaskQueue {
  readonly kind = 'in-process' as const;
  readonly name: string;
  readonly #o: InProcessQueueOptions;
  readonly #waiting: QueuedJob[] = [];
  readonly #delayed = new Map<NodeJS.Timeout, QueuedJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #crons: Cron[] = [];
  /** Scheduled occurrences still working out their platforms: jobs about to be queued. */
  readonly #fanningOut = new Set<Promise<void>>();
  readonly #idleWaiters = new Set<() => void>();
  #working = false;
  #closed = false;
  #warnedNoWorker = false;

  constructor(options: InProcessQueueOptions) {
    this.#o = options;
    this.name = options.name;
  }

  async enqueue<P extends object = TaskPayload>(task: string | TaskDefinition<P>, payload?: P, options?: EnqueueOptions): Promise<string> {
    const name = typeof task === 'string' ? task : task.name;
    if (this.#closed) throw new AppError(TASK_ERRORS.TASK_QUEUE_CLOSED);
    const request = prepareJob(this.#o.catalog, name, payload, options);
    if (!this.#working && !this.#warnedNoWorker) {
      this.#warnedNoWorker = true;
      this.#o.logger.warn('a task was queued in memory but this process runs no worker; it runs only once startWorker() is called here');
    }
    return this.#add(request);
  }

  async startWorker(): Promise<void> {
    if (this.#working || this.#closed) return;
    this.#working = true;
    for (const loaded of this.#o.catalog.scheduled()) {
      // `protect` skips an occurrence while the previous one is still fanning out.
      const cron = new Cron(loaded.task.schedule!, { timezone: 'UTC', protect: true }, () => this.#trackFanOut(loaded));
      this.#crons.push(cron);
    }
    this.#pump();
  }

  async depth(): Promise<number> {
    return this.#waiting.length + this.#delayed.size;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async drain(options: DrainOptions = {}): Promise<void> {
    if (this.#idle()) return;
    const timeoutMs = options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#idleWaiters.delete(done);
        const pending = this.#waiting.length + this.#delayed.size + this.#running.size;
        reject(new AppError(TASK_ERRORS.TASK_DRAIN_TIMEOUT, { pending, timeoutMs }));
      }, timeoutMs);
      this.#idleWaiters.add(done);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const cron of this.#crons.splice(0)) cron.stop();
    for (const timer of this.#delayed.keys()) clearTimeout(timer);
    const dropped = this.#waiting.length + this.#delayed.size;
    this.#delayed.clear();
    this.#waiting.length = 0;
    if (dropped > 0) this.#o.logger.warn({ dropped }, 'in-process task queue closed with jobs still waiting; they are dropped');
    // A fan-out in flight still reads the database, which closes after us.
    await Promise.all([...this.#running, ...this.#fanningOut]);
    this.#settle();
  }

  #add(request: JobRequest): string {
    const job: QueuedJob = {
      id: randomUUID(),
      task: request.task.task.name,
      payload: request.payload,
      platform: request.platform,
      attempt: 1,
      attempts: request.attempts,
      backoffMs: request.backoffMs,
    };
    this.#place(job, request.delayMs);
    return job.id;
  }

  #place(job: QueuedJob, delayMs: number): void {
    if (delayMs <= 0) {
      this.#waiting.push(job);
      this.#pump();
      return;
    }
    const timer = setTimeout(() => {
      this.#delayed.delete(timer);
      this.#waiting.push(job);
      this.#pump();
    }, delayMs);
    this.#delayed.set(timer, job);
  }

  /** Starts waiting jobs while there is capacity. */
  #pump(): void {
    while (this.#working && !this.#closed && this.#running.size < this.#o.concurrency) {
      const job = this.#waiting.shift();
      if (!job) break;
      const running: Promise<void> = this.#attempt(job).finally(() => {
        this.#running.delete(running);
        this.#pump();
        this.#settle();
      });
      this.#running.add(running);
    }
    this.#settle();
  }

  /** Runs one attempt and places the retry; never rejects. */
  async #attempt(job: QueuedJob): Promise<void> {
    let result: AttemptResult;
    try {
      result = await this.#o.executor.run(job);
    } catch (error) {
      // The run could not be recorded (database down): retry like a failed
      // attempt, as BullMQ does when its processor throws.
      this.#o.logger.error({ err: error, task: job.task, jobId: job.id }, 'task attempt could not be run');
      result = { status: job.attempt < job.attempts ? 'retrying' : 'failed', error };
    }
    if (result.status !== 'retrying') return;
    if (this.#closed) {
      this.#o.logger.warn({ task: job.task, jobId: job.id }, 'queue closed; retry dropped');
      return;
    }
    this.#place({ ...job, attempt: job.attempt + 1 }, retryDelay(job.backoffMs, job.attempt));
  }

  #trackFanOut(loaded: LoadedTask): Promise<void> {
    const fanning: Promise<void> = this.#fanOut(loaded).finally(() => {
      this.#fanningOut.delete(fanning);
      this.#settle();
    });
    this.#fanningOut.add(fanning);
    return fanning;
  }

  /** Queues one job per target of a scheduled occurrence; never rejects. */
  async #fanOut(loaded: LoadedTask): Promise<void> {
    try {
      const targets = await this.#o.targets(loaded);
      if (this.#closed) return;
      for (const platform of targets) {
        this.#add(prepareJob(this.#o.catalog, loaded.task, {}, platform === undefined ? {} : { platform }));
      }
    } catch (error) {
      this.#o.logger.error({ err: error, task: loaded.task.name }, 'scheduled task could not be queued');
    }
  }

  #idle(): boolean {
    return this.#waiting.length === 0 && this.#delayed.size === 0 && this.#running.size === 0 && this.#fanningOut.size === 0;
  }

  /** Wakes `drain()` callers once nothing is left to do. */
  #settle(): void {
    if (!this.#idle() || this.#idleWaiters.size === 0) return;
    const waiters = [...this.#idleWaiters];
    this.#idleWaiters.clear();
    for (const wake of waiters) wake();
  }
}
