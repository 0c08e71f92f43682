import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../../exceptions/base.ts';
import { DEFAULT_DRAIN_TIMEOUT_MS, type DrainOptions, type EnqueueOptions, type TaskDefinition, type TaskPayload, type TaskQueue } from '../queue.ts';
import { prepareJob, type JobRequest } from './job-request.ts';
import { TASK_ERRORS } from './queue-errors.ts';
import { QUEUE_PREFIX } from './queue-name.ts';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './retry-policy.ts';
import type { ScheduleTargets } from './schedule-targets.ts';
import type { TaskCatalog } from './task-catalog.ts';
import { errorMessage, type TaskExecutor } from './task-executor.ts';

/** A run of a task, or an occurrence of its schedule that fans out into runs. */
type JobData = { kind: 'run'; payload: TaskPayload; platform?: string } | { kind: 'schedule' };

const PING_TIMEOUT_MS = 1000;
const DRAIN_POLL_MS = 50;
/** `task_runs` is the record; Redis keeps only enough finished jobs to debug with. */
const KEEP_FINISHED: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

export interface BullMqQueueOptions {
  name: string;
  /** Delete the queue's Redis keys on close (its database dies with the process). */
  ephemeral: boolean;
  redisUrl: string;
  catalog: TaskCatalog;
  executor: TaskExecutor;
  targets: ScheduleTargets;
  concurrency: number;
  logger: FastifyBaseLogger;
}

/**
 * The queue on Redis. Any process may enqueue; processes that call
 * `startWorker()` execute jobs and keep the cron schedules registered as
 * BullMQ job schedulers. A schedule's occurrence is itself a job, which the
 * worker that picks it up fans out into one run per platform, so a schedule
 * fires once however many workers run.
 *
 * Redis is reached lazily: building the app connects to nothing, and a
 * process that never enqueues never opens a connection.
 */
export class BullMqQueue implements TaskQueue {
  readonly kind = 'bullmq' as const;
  readonly name: string;
  readonly #o: BullMqQueueOptions;
  #queue: Queue<JobData> | undefined;
  #worker: Worker<JobData> | undefined;
  readonly #connections: Redis[] = [];
  #closed = false;

  constructor(options: BullMqQueueOptions) {
    this.#o = options;
    this.name = options.name;
  }

  async enqueue<P extends object = TaskPayload>(task: string | TaskDefinition<P>, payload?: P, options?: EnqueueOptions): Promise<string> {
    const name = typeof task === 'string' ? task : task.name;
    if (this.#closed) throw new AppError(TASK_ERRORS.TASK_QUEUE_CLOSED);
    const request = prepareJob(this.#o.catalog, name, payload, options);
    const job = await this.#getQueue().add(name, runData(request), { ...runOptions(request), delay: request.delayMs });
    return String(job.id);
  }

  async startWorker(): Promise<void> {
    if (this.#worker || this.#closed) return;
    const queue = this.#getQueue();
    const worker = new Worker<JobData>(this.name, (job) => this.#process(job), {
      // Workers block on Redis; ioredis must then retry forever rather than fail the command.
      connection: this.#connect({ maxRetriesPerRequest: null }),
      prefix: QUEUE_PREFIX,
      concurrency: this.#o.concurrency,
    });
    worker.on('error', (err) => this.#o.logger.error({ err, queue: this.name }, 'task worker error'));
    this.#worker = worker;
    await worker.waitUntilReady();
    await this.#syncSchedules(queue);
  }

  async depth(): Promise<number> {
    const queue = this.#getQueue();
    const [queued, schedules] = await Promise.all([queue.count(), queue.getJobSchedulersCount()]);
    return Math.max(0, queued - schedules);
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    this.#getQueue();
    const client = this.#connections[0]!;
    const timeout = sleep(PING_TIMEOUT_MS, false, { ref: false });
    return Promise.race([client.ping().then((r) => r === 'PONG', () => false), timeout]);
  }

  async drain(options: DrainOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = await this.#pending();
      if (pending === 0) return;
      if (Date.now() >= deadline) throw new AppError(TASK_ERRORS.TASK_DRAIN_TIMEOUT, { pending, timeoutMs });
      await sleep(DRAIN_POLL_MS);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      // Lets running jobs finish; their attempts are recorded before the database closes.
      await this.#worker?.close();
      if (this.#queue && this.#o.ephemeral) await this.#queue.obliterate({ force: true });
      await this.#queue?.close();
    } finally {
      // BullMQ leaves connections it was given open; they are ours to end.
      await Promise.all(this.#connections.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
    }
  }

  #getQueue(): Queue<JobData> {
    // Reopening after close() would leak a connection nobody ends.
    if (this.#closed) throw new AppError(TASK_ERRORS.TASK_QUEUE_CLOSED);
    if (!this.#queue) {
      this.#queue = new Queue<JobData>(this.name, { connection: this.#connect({}), prefix: QUEUE_PREFIX });
      this.#queue.on('error', (err) => this.#o.logger.error({ err, queue: this.name }, 'task queue error'));
    }
    return this.#queue;
  }

  #connect(options: RedisOptions): Redis {
    const connection = new Redis(this.#o.redisUrl, options);
    // BullMQ reports connection errors through the queue and worker; this
    // listener only keeps ioredis from printing them a second time.
    connection.on('error', () => undefined);
    this.#connections.push(connection);
    return connection;
  }

  async #process(job: Job<JobData>): Promise<void> {
    if (job.data.kind === 'schedule') return this.#fanOut(job.name);
    const result = await this.#o.executor.run({
      id: String(job.id),
      task: job.name,
      payload: job.data.payload,
      platform: job.data.platform,
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
    });
    // Throwing is how a BullMQ processor fails an attempt; the error is already recorded.
    if (result.status === 'retrying') throw result.error instanceof Error ? result.error : new Error(errorMessage(result.error));
    if (result.status === 'failed') throw new UnrecoverableError(errorMessage(result.error));
  }

  async #fanOut(taskName: string): Promise<void> {
    const loaded = this.#o.catalog.find(taskName);
    if (!loaded) {
      // A schedule left by a release that had this task; the next startWorker() removes it.
      this.#o.logger.warn({ task: taskName }, 'schedule of an unknown task ignored');
      return;
    }
    const targets = await this.#o.targets(loaded);
    const jobs = targets.map((platform) => {
      const request = prepareJob(this.#o.catalog, loaded.task, {}, platform === undefined ? {} : { platform });
      return { name: taskName, data: runData(request), opts: runOptions(request) };
    });
    // The worker opened the queue; a fan-out finishing during close() still adds its jobs.
    if (jobs.length > 0) await (this.#queue ?? this.#getQueue()).addBulk(jobs);
  }

  /** Registers each task's schedule and removes schedules whose task is gone or unscheduled. */
  async #syncSchedules(queue: Queue<JobData>): Promise<void> {
    const scheduled = this.#o.catalog.scheduled();
    for (const loaded of scheduled) {
      await queue.upsertJobScheduler(
        loaded.task.name,
        { pattern: loaded.task.schedule!, tz: 'UTC' },
        {
          name: loaded.task.name,
          data: { kind: 'schedule' },
          // The fan-out only reads platforms; retry it like a task if the database blips.
          opts: { attempts: DEFAULT_ATTEMPTS, backoff: { type: 'exponential', delay: DEFAULT_BACKOFF_MS }, removeOnComplete: true, removeOnFail: { count: 100 } },
        },
      );
    }
    const wanted = new Set(scheduled.map((t) => t.task.name));
    for (const existing of await queue.getJobSchedulers()) {
      if (!wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
    }
  }

  /**
   * Jobs running, waiting or delayed. Each schedule keeps its next
   * occurrence as a delayed job; that is not pending work, so it is not counted.
   */
  async #pending(): Promise<number> {
    const queue = this.#getQueue();
    const [counts, schedules] = await Promise.all([
      queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'paused', 'waiting-children'),
      queue.getJobSchedulersCount(),
    ]);
    const queued = (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0) + (counts['waiting-children'] ?? 0);
    return (counts.active ?? 0) + Math.max(0, queued - schedules);
  }
}

function runData(request: JobRequest): JobData {
  return { kind: 'run', payload: request.payload, ...(request.platform === undefined ? {} : { platform: request.platform }) };
}

function runOptions(request: JobRequest): JobsOptions {
  return { attempts: request.attempts, backoff: { type: 'exponential', delay: request.backoffMs }, ...KEEP_FINISHED };
}
