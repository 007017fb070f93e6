import { remember } from "@epic-web/remember";
import { PgBoss, type JobWithMetadata, type SendOptions } from "pg-boss";
import { z } from "zod";
import type { DatabaseHandle } from "../../../db/client";
import { getDatabaseHandle } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import {
  queueDatabaseFor,
  queueDatabaseInTransaction,
  type Transaction,
} from "./database-adapter.server";

/**
 * Practica's durable job queue: pg-boss on the app's own database (docs/decisions/009).
 * A job is defined once with defineJob (or defineRecurringJob), enqueued with enqueue(), run
 * by the worker every server starts (startJobWorker), and in tests by runDueJobs().
 */

export type { Transaction };

export interface JobContext {
  jobId: string;
  /** 1 for the first run, 2 for the first retry, and so on. */
  attempt: number;
  /** True when no retry follows if this run fails: the handler can record a final failure. */
  isLastAttempt: boolean;
  /** Aborted when the job's timeout passes or the worker gives up on it: stop waiting then. */
  signal: AbortSignal;
}

export interface JobSettings {
  /** Retries after the first attempt. */
  retryLimit?: number;
  /** Wait before the first retry; doubled at each further retry when retryBackoff is on. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  retryDelayMaxSeconds?: number;
  /** A run taking longer fails (and is retried if it may be). */
  timeoutSeconds?: number;
}

export interface JobDefinition<Payload extends object> extends Required<JobSettings> {
  readonly name: string;
  readonly schema: z.ZodType<Payload>;
  readonly handler: (payload: Payload, context: JobContext) => Promise<void>;
  /** For recurring jobs: a cron expression, in UTC. */
  readonly cron?: string;
}

// Any job definition, whatever its payload (handlers are only ever called with their own).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

const DEFAULT_SETTINGS: Required<JobSettings> = {
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  retryDelayMaxSeconds: 60 * 60,
  timeoutSeconds: 60,
};
/**
 * pg-boss's own expiry, a backstop for a worker that died mid-job: the timeout above is
 * enforced in process, so the database only takes a job back once it is clearly abandoned.
 */
const EXPIRY_MARGIN_SECONDS = 60;
/** After a timeout, how long the handler may take to record its failure before we move on. */
const ABORT_GRACE_MS = 2_000;
const JOB_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/** Every job defined in this process, by name: runDueJobs runs them all by default. */
const definitions = remember("practica-job-definitions", () => new Map<string, AnyJobDefinition>());

export function defineJob<Payload extends object>(
  definition: {
    name: string;
    schema: z.ZodType<Payload>;
    handler: (payload: Payload, context: JobContext) => Promise<void>;
  } & JobSettings,
): JobDefinition<Payload> {
  if (!JOB_NAME.test(definition.name)) {
    throw new Error(`Job name "${definition.name}" must be lower-case words joined by dots`);
  }
  const job: JobDefinition<Payload> = { ...DEFAULT_SETTINGS, ...definition };
  definitions.set(job.name, job);
  return job;
}

/**
 * A job the worker enqueues on a cron schedule (UTC), e.g. "0 3 * * *" for 03:00 every day.
 * pg-boss keeps the schedule in the database, so several servers enqueue it once between them.
 */
export function defineRecurringJob(
  definition: {
    name: string;
    cron: string;
    handler: (context: JobContext) => Promise<void>;
  } & JobSettings,
): JobDefinition<Record<string, never>> {
  const { handler, ...rest } = definition;
  const job = defineJob({
    retryLimit: 2,
    ...rest,
    schema: z.record(z.string(), z.never()),
    handler: (_payload, context) => handler(context),
  });
  return { ...job, cron: definition.cron };
}

export class JobTimeoutError extends Error {
  constructor(name: string, seconds: number) {
    super(`job ${name} took longer than ${seconds} s`);
    this.name = "JobTimeoutError";
  }
}

function settingsForPgBoss(job: AnyJobDefinition): SendOptions {
  return {
    retryLimit: job.retryLimit,
    retryDelay: job.retryDelaySeconds,
    retryBackoff: job.retryBackoff,
    retryDelayMax: job.retryDelayMaxSeconds,
    expireInSeconds: job.timeoutSeconds + EXPIRY_MARGIN_SECONDS,
  };
}

/** Runs one claimed job: validates its payload, calls the handler, enforces the timeout. */
async function runJob(job: AnyJobDefinition, claimed: JobWithMetadata<unknown>): Promise<void> {
  const payload: unknown = job.schema.parse(claimed.data);
  const timeout = new AbortController();
  const signal = claimed.signal
    ? AbortSignal.any([timeout.signal, claimed.signal])
    : timeout.signal;
  const handling = job.handler(payload as object, {
    jobId: claimed.id,
    attempt: claimed.retryCount + 1,
    isLastAttempt: claimed.retryCount >= claimed.retryLimit,
    signal,
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), job.timeoutSeconds * 1000);
  });
  try {
    const outcome = await Promise.race([handling.then(() => "done" as const), timedOut]);
    if (outcome === "done") return;
  } finally {
    clearTimeout(timer);
  }
  const error = new JobTimeoutError(job.name, job.timeoutSeconds);
  timeout.abort(error);
  // A handler that honours the signal records its own failure; give it a moment to do so.
  await Promise.race([
    handling.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, ABORT_GRACE_MS).unref()),
  ]);
  throw error;
}

function errorOutput(error: unknown): object {
  return { message: error instanceof Error ? error.message : String(error) };
}

export interface EnqueueOptions {
  /** The caller's transaction: the job is enqueued only if it commits. */
  tx?: Transaction;
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /**
   * pg-boss's singletonKey. On the default ("standard") queue policy it does not stop a second
   * job with the same key from being queued, so never rely on it to deduplicate: keep a row of
   * your own (as notifications' mail schedule does) when work must be grouped.
   */
  singletonKey?: string;
}

export interface RunDueJobsOptions {
  /** The jobs to run; every job defined in this process by default. */
  jobs?: readonly AnyJobDefinition[];
  /** Also run jobs waiting for a retry delay or a start time (tests, without sleeping). */
  includeDelayed?: boolean;
}

export interface RunDueJobsResult {
  completed: number;
  failed: number;
}

/**
 * One pg-boss instance over one database. The app uses one per process (the functions
 * below); tests make several to play several servers sharing a database.
 */
export class JobQueue {
  readonly boss: PgBoss;
  #starting: Promise<void> | undefined;
  #stopped = false;
  /** Queues known to exist, so enqueueing inside a transaction needs no other connection. */
  #preparedQueues = new Map<string, Promise<void>>();
  #readyQueues = new Set<string>();

  constructor(
    readonly handle: DatabaseHandle,
    { runsWorkers }: { runsWorkers: boolean },
  ) {
    this.boss = new PgBoss({
      db: queueDatabaseFor(handle),
      backend: handle.kind === "pglite" ? "pglite" : "postgres",
      // Maintenance (expiring abandoned jobs, pruning old ones) and the cron clock run in
      // servers only; a test or a script just enqueues and runs jobs.
      supervise: runsWorkers,
      schedule: runsWorkers,
      registerInstance: runsWorkers,
    });
    this.boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  }

  start(): Promise<void> {
    this.#starting ??= this.boss.start().then(() => undefined);
    return this.#starting;
  }

  /** Starts pg-boss (creating its schema on first use) and creates the jobs' queues. */
  async prepare(jobs: readonly AnyJobDefinition[]): Promise<void> {
    await this.start();
    await Promise.all(jobs.map((job) => this.#prepareQueue(job)));
  }

  #prepareQueue(job: AnyJobDefinition): Promise<void> {
    let preparing = this.#preparedQueues.get(job.name);
    if (!preparing) {
      preparing = this.boss.createQueue(job.name, settingsForPgBoss(job)).then(
        () => void this.#readyQueues.add(job.name),
        (error: unknown) => {
          this.#preparedQueues.delete(job.name);
          throw error;
        },
      );
      this.#preparedQueues.set(job.name, preparing);
    }
    return preparing;
  }

  async enqueue<Payload extends object>(
    job: JobDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const data = job.schema.parse(payload);
    if (!this.#readyQueues.has(job.name)) {
      // PGlite has one connection, held by the caller's transaction: preparing now would wait
      // for that transaction, which waits for us. The server prepares every job at start.
      if (options.tx && this.handle.kind === "pglite") {
        throw new Error(
          `The job queue has not prepared "${job.name}" yet: call prepareJobs([...]) (the server's startJobWorker does) before enqueueing it inside a transaction`,
        );
      }
      await this.prepare([job]);
    }
    return this.boss.send(job.name, data, {
      ...settingsForPgBoss(job),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.tx ? { db: queueDatabaseInTransaction(options.tx) } : {}),
    });
  }

  /** Works the jobs' queues in the background (polling every few seconds) and schedules recurring ones. */
  async work(
    jobs: readonly AnyJobDefinition[],
    { pollingIntervalSeconds = 2 }: { pollingIntervalSeconds?: number } = {},
  ): Promise<void> {
    await this.prepare(jobs);
    for (const job of jobs) {
      await this.boss.work(
        job.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds, burstWhenBatchFull: true },
        async (claimed: JobWithMetadata<unknown>[]) => {
          for (const one of claimed) await runJob(job, one);
        },
      );
      if (job.cron)
        await this.boss.schedule(job.name, job.cron, {}, { tz: "UTC", ...settingsForPgBoss(job) });
    }
    // A recurring job removed from the code stops being enqueued.
    const recurring = new Set(jobs.filter((job) => job.cron).map((job) => job.name));
    for (const schedule of await this.boss.getSchedules()) {
      if (!recurring.has(schedule.name)) await this.boss.unschedule(schedule.name, schedule.key);
    }
  }

  /**
   * Runs every job that is due, here and now, until none is left (for tests and scripts). Jobs
   * are claimed as the worker claims them, so another instance never runs the same job.
   */
  async runDueJobs({
    jobs,
    includeDelayed = false,
  }: RunDueJobsOptions = {}): Promise<RunDueJobsResult> {
    const toRun = jobs ?? [...definitions.values()];
    await this.prepare(toRun);
    const result: RunDueJobsResult = { completed: 0, failed: 0 };
    for (let round = 0; round < 1_000; round += 1) {
      let ran = 0;
      for (const job of toRun) {
        const claimed = await this.boss.fetch<unknown>(job.name, {
          batchSize: 10,
          includeMetadata: true,
          ignoreStartAfter: includeDelayed,
        });
        for (const one of claimed) {
          ran += 1;
          try {
            await runJob(job, one);
            await this.boss.complete(job.name, one.id);
            result.completed += 1;
          } catch (error) {
            await this.boss.fail(job.name, one.id, errorOutput(error));
            result.failed += 1;
          }
        }
      }
      if (ran === 0) return result;
    }
    throw new Error("runDueJobs: jobs kept coming after 1,000 rounds");
  }

  /** Stops workers (waiting up to `timeoutMs` for running jobs) and timers; leaves the database open. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.#stopped || !this.#starting) return;
    this.#stopped = true;
    await this.#starting.catch(() => undefined);
    await this.boss.stop({ graceful: true, close: false, timeout: timeoutMs });
  }
}

/** The process's queue, on the process's database (getDatabaseHandle), kept across dev reloads. */
const shared = remember("practica-job-queue", () => ({ queue: undefined as JobQueue | undefined }));

function sharedQueue(): JobQueue {
  const handle = getDatabaseHandle();
  if (shared.queue && shared.queue.handle !== handle) {
    // The database was replaced (tests do this between files): the old queue goes with it.
    void shared.queue.stop().catch(() => undefined);
    shared.queue = undefined;
  }
  shared.queue ??= new JobQueue(handle, { runsWorkers: false });
  return shared.queue;
}

/**
 * Enqueues a job. Pass `tx` when enqueueing inside a transaction: the job then commits or
 * rolls back with the caller's writes (and on PGlite, any other connection would wait for
 * that transaction). Returns the job's id (null if pg-boss declined to queue it).
 */
export function enqueue<Payload extends object>(
  job: JobDefinition<Payload>,
  payload: Payload,
  options?: EnqueueOptions,
): Promise<string | null> {
  return sharedQueue().enqueue(job, payload, options);
}

/** Creates the jobs' queues now, so they can later be enqueued inside a transaction. */
export function prepareJobs(jobs: readonly AnyJobDefinition[]): Promise<void> {
  return sharedQueue().prepare(jobs);
}

/** Test helper: runs every due job synchronously (see JobQueue.runDueJobs). */
export function runDueJobs(options?: RunDueJobsOptions): Promise<RunDueJobsResult> {
  return sharedQueue().runDueJobs(options);
}

/**
 * Starts this server's worker for `jobs` (and their schedules). Servers sharing a PostgreSQL
 * database share the work: each job is claimed by one of them (FOR UPDATE SKIP LOCKED).
 * Returns a function that stops it; call it before closing the database.
 */
export async function startJobWorker(
  jobs: readonly AnyJobDefinition[],
): Promise<(timeoutMs?: number) => Promise<void>> {
  await stopJobQueue();
  const queue = new JobQueue(getDatabaseHandle(), { runsWorkers: true });
  shared.queue = queue;
  await queue.work(jobs);
  return (timeoutMs?: number) => stopJobQueue(timeoutMs);
}

/** Stops the process's queue, if one was started. */
export async function stopJobQueue(timeoutMs?: number): Promise<void> {
  const queue = shared.queue;
  shared.queue = undefined;
  await queue?.stop(timeoutMs);
}
