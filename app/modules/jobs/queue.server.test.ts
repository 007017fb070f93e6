/**
 * The job queue's contract, on the test database: PGlite in memory, or PostgreSQL with
 * TEST_DATABASE_URL (npm run test:db), where "two servers" are two queues with pools of their own.
 */
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDatabase, type DatabaseHandle } from "../../../db/client";
import { users } from "../../../db/schema";
import { eq } from "drizzle-orm";
import { db, getDatabaseHandle } from "~/utils/db.server";
import {
  JobQueue,
  JobTimeoutError,
  defineJob,
  defineRecurringJob,
  enqueue,
  prepareJobs,
  runDueJobs,
  stopJobQueue,
  type JobContext,
  type JobSettings,
} from "./queue.server";

const started: JobQueue[] = [];
const extraHandles: DatabaseHandle[] = [];
afterAll(async () => {
  await stopJobQueue();
  for (const queue of started) await queue.stop();
  for (const handle of extraHandles) await handle.close();
});

function newQueue(handle = getDatabaseHandle()): JobQueue {
  const queue = new JobQueue(handle, { runsWorkers: false });
  started.push(queue);
  return queue;
}

/** A second server's database connection: its own pool on PostgreSQL; PGlite has only one. */
function secondServerHandle(): DatabaseHandle {
  const handle = getDatabaseHandle();
  if (handle.kind === "pglite") return handle;
  const other = createDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://" });
  extraHandles.push(other);
  return other;
}

let jobCount = 0;
/** A job recording each run, with a name of its own so tests never see each other's jobs. */
function recordingJob(
  behaviour: (payload: { n: number }, context: JobContext) => Promise<void> = async () => {},
  settings: JobSettings = {},
) {
  jobCount += 1;
  const runs: { n: number; context: JobContext }[] = [];
  const job = defineJob({
    name: `test.job-${jobCount}`,
    schema: z.object({ n: z.number().int() }),
    retryDelaySeconds: 10,
    ...settings,
    handler: async (payload, context) => {
      runs.push({ n: payload.n, context });
      await behaviour(payload, context);
    },
  });
  return { job, runs };
}

async function stateOf(queue: JobQueue, name: string, id: string | null) {
  if (!id) throw new Error("no job id");
  const [job] = await queue.boss.findJobs(name, { id });
  if (!job) throw new Error(`job ${id} not found`);
  return job;
}

describe("enqueue and runDueJobs", () => {
  it("runs an enqueued job once, with its payload, and not again", async () => {
    const { job, runs } = recordingJob();
    await enqueue(job, { n: 7 });
    expect(await runDueJobs({ jobs: [job] })).toEqual({ completed: 1, failed: 0 });
    expect(runs.map((run) => run.n)).toEqual([7]);
    expect(runs[0]?.context).toMatchObject({ attempt: 1, isLastAttempt: false });
    expect(await runDueJobs({ jobs: [job] })).toEqual({ completed: 0, failed: 0 });
  });

  it("refuses a payload its schema rejects, so nothing unrunnable is queued", async () => {
    const { job } = recordingJob();
    await expect(enqueue(job, { n: 1.5 })).rejects.toThrow();
    expect(await runDueJobs({ jobs: [job] })).toEqual({ completed: 0, failed: 0 });
  });

  it("keeps a job for later when asked to start after a delay", async () => {
    const { job, runs } = recordingJob();
    await enqueue(job, { n: 1 }, { startAfterSeconds: 60 });
    expect(await runDueJobs({ jobs: [job] })).toEqual({ completed: 0, failed: 0 });
    expect(await runDueJobs({ jobs: [job], includeDelayed: true })).toEqual({
      completed: 1,
      failed: 0,
    });
    expect(runs).toHaveLength(1);
  });
});

describe("in the caller's transaction", () => {
  it("enqueues the job only if the transaction commits", async () => {
    const { job, runs } = recordingJob();
    await prepareJobs([job]);
    const [someone] = await db.select({ id: users.id }).from(users).limit(1);
    await db.transaction(async (tx) => {
      await tx
        .select()
        .from(users)
        .where(eq(users.id, someone?.id ?? ""));
      await enqueue(job, { n: 1 }, { tx });
    });
    await db
      .transaction(async (tx) => {
        await enqueue(job, { n: 2 }, { tx });
        tx.rollback();
      })
      .catch(() => undefined);
    await runDueJobs({ jobs: [job] });
    expect(runs.map((run) => run.n)).toEqual([1]);
  });
});

describe("retries", () => {
  it("retries a failed job after a growing delay, then gives up after retryLimit retries", async () => {
    const queue = newQueue();
    const { job, runs } = recordingJob(
      async () => {
        throw new Error("mail server said no");
      },
      { retryLimit: 2, retryDelaySeconds: 10, retryBackoff: true },
    );
    const id = await queue.enqueue(job, { n: 1 });

    expect(await queue.runDueJobs({ jobs: [job] })).toEqual({ completed: 0, failed: 1 });
    const afterFirst = await stateOf(queue, job.name, id);
    expect(afterFirst.state).toBe("retry");
    expect(afterFirst.output).toMatchObject({ message: "mail server said no" });
    // Not due yet: the retry waits for its delay.
    expect(await queue.runDueJobs({ jobs: [job] })).toEqual({ completed: 0, failed: 0 });

    expect(await queue.runDueJobs({ jobs: [job], includeDelayed: true })).toEqual({
      completed: 0,
      failed: 2,
    });
    expect((await stateOf(queue, job.name, id)).state).toBe("failed");
    expect(runs.map((run) => [run.context.attempt, run.context.isLastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it("doubles the delay at each retry", async () => {
    const queue = newQueue();
    const { job } = recordingJob(
      async () => {
        throw new Error("still down");
      },
      { retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true },
    );
    await queue.enqueue(job, { n: 1 });
    const delays: number[] = [];
    // One attempt at a time, claimed as the worker claims them, failed as a throwing handler is.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [claimed] = await queue.boss.fetch(job.name, { ignoreStartAfter: true });
      if (!claimed) throw new Error("nothing to claim");
      const before = Date.now();
      await queue.boss.fail(job.name, claimed.id, { message: "still down" });
      delays.push((await stateOf(queue, job.name, claimed.id)).startAfter.getTime() - before);
    }
    // 10-20 s after the first failure, 20-40 s after the second.
    expect(delays[0]).toBeGreaterThan(9_000);
    expect(delays[0]).toBeLessThan(21_000);
    expect(delays[1]).toBeGreaterThan(19_000);
    expect(delays[1]).toBeLessThan(41_000);
  });

  it("fails a run that exceeds its timeout and tells the handler to stop", async () => {
    const queue = newQueue();
    let aborted: unknown;
    const { job } = recordingJob(
      (_payload, { signal }) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener("abort", () => {
            aborted = signal.reason;
            reject(new Error("stopped waiting"));
          });
        }),
      { timeoutSeconds: 1, retryLimit: 1 },
    );
    const id = await queue.enqueue(job, { n: 1 });
    const startedAt = Date.now();
    expect(await queue.runDueJobs({ jobs: [job] })).toEqual({ completed: 0, failed: 1 });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(aborted).toBeInstanceOf(JobTimeoutError);
    expect((await stateOf(queue, job.name, id)).state).toBe("retry");
  });
});

describe("two servers on one database", () => {
  it("run each job exactly once between them", async () => {
    const { job, runs } = recordingJob(async () => {
      // A little work, so both servers are busy at once.
      await new Promise((resolve) => setTimeout(resolve, 2));
    });
    const first = newQueue();
    const second = newQueue(secondServerHandle());
    await Promise.all([first.prepare([job]), second.prepare([job])]);
    for (let n = 0; n < 40; n += 1) await (n % 2 ? first : second).enqueue(job, { n });

    const results = await Promise.all([
      first.runDueJobs({ jobs: [job] }),
      second.runDueJobs({ jobs: [job] }),
      first.runDueJobs({ jobs: [job] }),
      second.runDueJobs({ jobs: [job] }),
    ]);
    expect(results.reduce((sum, result) => sum + result.completed, 0)).toBe(40);
    expect(runs.map((run) => run.n).sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
  });

  it("share the background worker without running a job twice", async () => {
    const { job, runs } = recordingJob();
    const servers = [newQueue(), newQueue(secondServerHandle())];
    for (const server of servers) await server.work([job], { pollingIntervalSeconds: 0.5 });
    for (let n = 0; n < 20; n += 1) await servers[n % 2]?.enqueue(job, { n });

    const deadline = Date.now() + 20_000;
    while (runs.length < 20 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A moment more, in which a second run of any job would show.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runs.map((run) => run.n).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    for (const server of servers) await server.stop();
  });
});

describe("recurring jobs", () => {
  it("are scheduled by the worker, and a schedule no longer in the code is removed", async () => {
    const queue = new JobQueue(getDatabaseHandle(), { runsWorkers: true });
    started.push(queue);
    const nightly = defineRecurringJob({
      name: "test.nightly-prune",
      cron: "0 3 * * *",
      handler: async () => {},
    });
    const old = defineRecurringJob({
      name: "test.retired-prune",
      cron: "0 4 * * *",
      handler: async () => {},
    });
    await queue.work([nightly, old]);
    expect(
      (await queue.boss.getSchedules()).map((schedule) => [schedule.name, schedule.cron]).sort(),
    ).toEqual([
      ["test.nightly-prune", "0 3 * * *"],
      ["test.retired-prune", "0 4 * * *"],
    ]);
    await queue.stop();

    const restarted = new JobQueue(getDatabaseHandle(), { runsWorkers: true });
    started.push(restarted);
    await restarted.work([nightly]);
    expect((await restarted.boss.getSchedules()).map((schedule) => schedule.name)).toEqual([
      "test.nightly-prune",
    ]);
  });
});
