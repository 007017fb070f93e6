/**
 * The search queue's write side (db/schema/search.ts explains why there is a queue).
 *
 * Call `queueSearchDocuments` with the ids of documents whose source changed, inside the
 * same transaction as the change when there is one. It only writes a row, so it succeeds
 * whether or not the search engine is up; the worker (worker.server.ts) does the rest.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { searchChanges, searchQueue } from "../../../db/schema";
import { db as defaultDb, getDatabaseHandle } from "~/utils/db.server";

/** A database or an open transaction. */
type Executor = Pick<Database, "insert">;

export async function queueSearchDocuments(documentIds: readonly string[], executor: Executor = defaultDb): Promise<void> {
  const unique = [...new Set(documentIds)];
  if (unique.length === 0) return;
  const now = new Date();
  await executor
    .insert(searchQueue)
    .values(unique.map((documentId) => ({ documentId, queuedAt: now, nextAttemptAt: now })))
    .onConflictDoUpdate({
      target: searchQueue.documentId,
      // Queued again: due now, with a fresh retry budget.
      set: { queuedAt: now, nextAttemptAt: now, attempts: 0, lastError: sql`null` },
    });
  // On PostgreSQL several processes may each hold an embedded index: each follows this log
  // (change-follower.server.ts). PGlite is one process, whose worker drains the queue above.
  if (getDatabaseHandle().kind === "postgres") {
    await executor.insert(searchChanges).values(unique.map((documentId) => ({ documentId })));
  }
}
