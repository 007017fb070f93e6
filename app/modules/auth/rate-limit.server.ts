import { eq, lt, sql } from "drizzle-orm";
import { rateLimits } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export interface RateLimitPolicy {
  /** Allowed hits per window, before RATE_LIMIT_FACTOR. */
  limit: number;
  windowSeconds: number;
}

/*
 * Sized so that a workshop of 40 people behind one office address can all sign up and
 * sign in within ten minutes (with a few typos each), while one account cannot be
 * guessed at more than 10 times in 15 minutes.
 */
export const RATE_LIMITS = {
  signInPerAddress: { limit: 300, windowSeconds: 15 * 60 },
  signInFailuresPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  signUpPerAddress: { limit: 200, windowSeconds: 60 * 60 },
  passwordResetPerAddress: { limit: 60, windowSeconds: 60 * 60 },
  passwordResetPerAccount: { limit: 5, windowSeconds: 60 * 60 },
  /*
   * A search the page cache cannot answer costs the server's only thread tens of milliseconds.
   * Typing as you search sends one request per pause (300 ms), so a person rarely passes 100 a
   * minute; an office behind one address has room for many of them.
   */
  searchPerAddress: { limit: 1_000, windowSeconds: 10 * 60 },
} satisfies Record<string, RateLimitPolicy>;

/** No policy's window is longer than this, so a row whose window began earlier counts nothing. */
export const LONGEST_RATE_LIMIT_WINDOW_SECONDS = 24 * 60 * 60;

function effectiveLimit(policy: RateLimitPolicy): number {
  return Math.max(1, Math.floor(policy.limit * getEnv().RATE_LIMIT_FACTOR));
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Counts one hit against `key` and says whether it is still within the policy. */
export async function hitRateLimit(key: string, policy: RateLimitPolicy): Promise<RateLimitResult> {
  const window = sql.raw(`interval '${Math.floor(policy.windowSeconds)} seconds'`);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowStart: sql`case when ${rateLimits.windowStart} <= now() - ${window} then now() else ${rateLimits.windowStart} end`,
        count: sql`case when ${rateLimits.windowStart} <= now() - ${window} then 1 else ${rateLimits.count} + 1 end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  return toResult(row, policy);
}

/** Says whether `key` is over its limit, without counting a hit. */
export async function peekRateLimit(key: string, policy: RateLimitPolicy): Promise<RateLimitResult> {
  const [row] = await db
    .select({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(eq(rateLimits.key, key));
  if (!row || row.windowStart.getTime() + policy.windowSeconds * 1000 <= Date.now()) {
    return { allowed: true, retryAfterSeconds: 0 };
  }
  return toResult({ ...row, count: row.count + 1 }, policy);
}

function toResult(row: { count: number; windowStart: Date } | undefined, policy: RateLimitPolicy) {
  if (!row || row.count <= effectiveLimit(policy)) return { allowed: true, retryAfterSeconds: 0 };
  const windowEnd = row.windowStart.getTime() + policy.windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000)) };
}

/**
 * Deletes counters whose window is over for every policy: one row per address and account ever
 * seen would otherwise stay for good. Returns how many rows went.
 */
export async function pruneRateLimits(): Promise<number> {
  const cutoff = sql`now() - ${sql.raw(`interval '${LONGEST_RATE_LIMIT_WINDOW_SECONDS} seconds'`)}`;
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, cutoff))
    .returning({ key: rateLimits.key });
  return deleted.length;
}

/** Clears a key, e.g. an account's failure count after a successful sign-in. */
export async function resetRateLimit(key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
