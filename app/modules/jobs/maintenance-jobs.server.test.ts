import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rateLimits, searchQueries } from "../../../db/schema";
import { db, getDatabaseHandle } from "~/utils/db.server";
import { flushSearchLog, logSearchQuery } from "../search/query-log.server";
import { ALL_JOBS } from "./all-jobs.server";
import { pruneRateLimitsJob, pruneSearchLogJob } from "./maintenance-jobs.server";
import { JobQueue, type JobContext } from "./queue.server";

const queue = new JobQueue(getDatabaseHandle(), { runsWorkers: true });
afterAll(() => queue.stop());

const context: JobContext = {
  jobId: "test",
  attempt: 1,
  isLastAttempt: true,
  signal: new AbortController().signal,
};

describe("maintenance jobs", () => {
  it("are scheduled nightly by the server's worker", async () => {
    await queue.work(ALL_JOBS);
    const schedules = (await queue.boss.getSchedules()).map((schedule) => schedule.name);
    expect(schedules).toEqual(expect.arrayContaining(["maintenance.prune-search-log", "maintenance.prune-rate-limits"]));
  });

  it("delete searches past the retention period", async () => {
    logSearchQuery({ scope: "toolkit", query: "very old", filters: {}, resultCount: 0, page: 1, searcher: null });
    logSearchQuery({ scope: "toolkit", query: "today", filters: {}, resultCount: 0, page: 1, searcher: null });
    await flushSearchLog();
    await db
      .update(searchQueries)
      .set({ searchedAt: sql`now() - interval '400 days'` })
      .where(sql`${searchQueries.query} = 'very old'`);
    await pruneSearchLogJob.handler({}, context);
    const left = await db.select({ query: searchQueries.query }).from(searchQueries);
    expect(left.map((row) => row.query)).toEqual(["today"]);
  });

  it("delete rate-limit counters whose window is long over", async () => {
    await db.insert(rateLimits).values([
      { key: "test:old", windowStart: new Date(Date.now() - 3 * 24 * 3600 * 1000), count: 3 },
      { key: "test:current", windowStart: new Date(), count: 1 },
    ]);
    await pruneRateLimitsJob.handler({}, context);
    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys).toContain("test:current");
    expect(keys).not.toContain("test:old");
  });
});
