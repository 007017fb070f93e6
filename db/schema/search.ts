import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Documents whose index entry is out of date. Writers add the document id here in the same
 * transaction as their change, so a write never fails because the engine is down; a worker
 * rebuilds each document from its source (content or database) and retries with back-off.
 * One row per document: queuing it again just makes it due now.
 */
export const searchQueue = pgTable(
  "search_queue",
  {
    documentId: text("document_id").primaryKey(),
    queuedAt: timestamp("queued_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
    lastError: text("last_error"),
  },
  (table) => [index("search_queue_due_idx").on(table.nextAttemptAt)],
);

/**
 * Every change queued for search, in the order queued, kept a few minutes. The embedded
 * engine's index lives in each app process's memory, so with several processes on one
 * PostgreSQL each follows this log to bring its own index up to date
 * (app/modules/search/change-follower.server.ts); the queue above is drained by one of them.
 */
export const searchChanges = pgTable(
  "search_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: text("document_id").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("search_changes_changed_at_idx").on(table.changedAt)],
);

/**
 * What people searched for, without personal data: no user id, no address. Audience and
 * sector are copied from the searcher's profile (when signed in) so editors can see which
 * guidance does not reach whom.
 */
export const searchQueries = pgTable(
  "search_queries",
  {
    /**
     * Made by the server when it shows the results (query-log.server.ts), before the row is
     * written: result links carry it, and a cached results page gets a fresh one per visitor.
     */
    id: uuid("id").primaryKey().defaultRandom(),
    /** Where the search ran: "toolkit" or "site". */
    scope: text("scope").notNull(),
    /** Trimmed, whitespace collapsed, lower-cased, at most 200 characters. Empty for browsing. */
    query: text("query").notNull(),
    filters: jsonb("filters").$type<Record<string, string[]>>().notNull().default({}),
    resultCount: integer("result_count").notNull(),
    page: integer("page").notNull().default(1),
    audience: text("audience"),
    sector: text("sector"),
    searchedAt: timestamp("searched_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
  },
  (table) => [index("search_queries_searched_at_idx").on(table.searchedAt)],
);

/** A result someone opened from a logged search: click-through per query and per document. */
export const searchClicks = pgTable(
  "search_clicks",
  {
    id: serial("id").primaryKey(),
    queryId: uuid("query_id")
      .notNull()
      .references(() => searchQueries.id, { onDelete: "cascade" }),
    documentId: text("document_id").notNull(),
    /** 1-based rank of the result across pages. */
    position: integer("position").notNull(),
    clickedAt: timestamp("clicked_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    index("search_clicks_query_idx").on(table.queryId),
    index("search_clicks_clicked_at_idx").on(table.clickedAt),
  ],
);
