import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { rateLimits } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { SUGGESTION_RATE_LIMIT } from "~/modules/toolkit/suggestions.server";
import {
  LONGEST_RATE_LIMIT_WINDOW_SECONDS,
  RATE_LIMITS,
  hitRateLimit,
  peekRateLimit,
  pruneRateLimits,
  resetRateLimit,
} from "./rate-limit.server";

const policy = { limit: 3, windowSeconds: 60 };

function uniqueKey() {
  return `test:${crypto.randomUUID()}`;
}

async function hitTimes(key: string, times: number, hitPolicy = policy) {
  const results = [];
  for (let hit = 0; hit < times; hit++) results.push(await hitRateLimit(key, hitPolicy));
  return results;
}

afterEach(() => {
  delete process.env.RATE_LIMIT_FACTOR;
  resetEnvCache();
});

describe("hitRateLimit", () => {
  it("allows `limit` hits in a window, then refuses with a retry time", async () => {
    const key = uniqueKey();
    const results = await hitTimes(key, 4);
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts keys separately", async () => {
    const first = uniqueKey();
    await hitTimes(first, 4);
    expect((await hitRateLimit(uniqueKey(), policy)).allowed).toBe(true);
  });

  it("starts a new window once the old one has passed", async () => {
    const key = uniqueKey();
    await hitTimes(key, 4);
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, key));
    expect(await hitRateLimit(key, policy)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(row?.count).toBe(1);
  });

  it("counts every hit when many arrive at once", async () => {
    const key = uniqueKey();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(key, { limit: 10, windowSeconds: 60 })),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(row?.count).toBe(20);
  });

  it("multiplies limits by RATE_LIMIT_FACTOR", async () => {
    process.env.RATE_LIMIT_FACTOR = "2";
    resetEnvCache();
    const results = await hitTimes(uniqueKey(), 7);
    expect(results.map((result) => result.allowed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it("never lets a small factor drop a limit below one", async () => {
    process.env.RATE_LIMIT_FACTOR = "0.01";
    resetEnvCache();
    const results = await hitTimes(uniqueKey(), 2);
    expect(results.map((result) => result.allowed)).toEqual([true, false]);
  });
});

describe("peekRateLimit and resetRateLimit", () => {
  it("peeking counts nothing", async () => {
    const key = uniqueKey();
    await hitTimes(key, 2);
    for (let peek = 0; peek < 5; peek++)
      expect((await peekRateLimit(key, policy)).allowed).toBe(true);
    await hitRateLimit(key, policy);
    expect((await peekRateLimit(key, policy)).allowed).toBe(false);
  });

  it("reset clears the count", async () => {
    const key = uniqueKey();
    await hitTimes(key, 4);
    await resetRateLimit(key);
    expect((await peekRateLimit(key, policy)).allowed).toBe(true);
    expect((await hitRateLimit(key, policy)).allowed).toBe(true);
  });
});

describe("pruneRateLimits", () => {
  it("deletes counters whose window began longer ago than any policy's window, and keeps the rest", async () => {
    const [stale, recent] = [uniqueKey(), uniqueKey()];
    await hitRateLimit(stale, policy);
    await hitRateLimit(recent, policy);
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '25 hours'` })
      .where(eq(rateLimits.key, stale));

    expect(await pruneRateLimits()).toBeGreaterThanOrEqual(1);
    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys).not.toContain(stale);
    expect(keys).toContain(recent);
  });

  it("never outlives a policy: every window is within the pruning age", () => {
    for (const known of [...Object.values(RATE_LIMITS), SUGGESTION_RATE_LIMIT]) {
      expect(known.windowSeconds).toBeLessThanOrEqual(LONGEST_RATE_LIMIT_WINDOW_SECONDS);
    }
  });
});
