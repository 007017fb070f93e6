import { pruneRateLimits } from "../auth/rate-limit.server";
import { pruneSearchLog } from "../search/query-log.server";
import { defineRecurringJob } from "./queue.server";

/** Nightly clean-ups that keep tables from growing for ever (times in UTC, off the busy hours). */
export const pruneSearchLogJob = defineRecurringJob({
  name: "maintenance.prune-search-log",
  cron: "17 3 * * *",
  handler: async () => {
    await pruneSearchLog();
  },
});

export const pruneRateLimitsJob = defineRecurringJob({
  name: "maintenance.prune-rate-limits",
  cron: "47 3 * * *",
  handler: async () => {
    await pruneRateLimits();
  },
});
