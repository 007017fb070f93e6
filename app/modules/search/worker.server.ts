/**
 * The search queue's read side (db/schema/search.ts explains the queue): takes due rows,
 * rebuilds each document from its source, sends them to the engine in one batch, and deletes
 * the rows it applied. When the engine is down the rows stay, with a back-off, so writers
 * never wait on search and nothing is lost.
 *
 * Several app instances may share one database: a row is claimed (its next attempt pushed a
 * lease ahead) in one statement that skips rows another instance is claiming, and a row is
 * only deleted or marked failed if it was not queued again since it was claimed.
 */
import { asc, count, inArray, lte, min, sql, gt, type SQL } from "drizzle-orm";
import { searchQueue } from "../../../db/schema";
import { SearchDocumentSchema, isSearchUnavailableError, type SearchDocument } from "../../../search/engine";
import { buildSearchDocument } from "./documents.server";
import { getSearchEngine } from "./engine.server";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

/** How long a claimed row is hidden from other instances; far longer than one batch takes. */
const CLAIM_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;
const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_INTERVAL_MS = 2_000;
/** Rows per statement when deleting or marking many rows at once. */
const STATEMENT_CHUNK = 500;
/** last_error is for people reading the queue; a whole stack trace is not. */
const MAX_ERROR_CHARACTERS = 1_000;

/**
 * A queue row as read, with `queuedAt` as PostgreSQL prints it: exact to the microsecond
 * (a JS Date keeps milliseconds), so "not queued again since" compares exactly.
 */
export interface QueueRowVersion {
  documentId: string;
  queuedAt: string;
}

interface ClaimedRow extends QueueRowVersion {
  attempts: number;
}

/** Wait after the n-th failed attempt (n ≥ 1): 5 s, 10 s, 20 s, … up to 10 minutes. */
export function searchRetryDelayMs(failedAttempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
}

const queuedAtText = sql<string>`${searchQueue.queuedAt}::text`;

/** Matches exactly these rows, as long as none was queued again since it was read. */
function isUnchangedSince(rows: readonly QueueRowVersion[]): SQL {
  const versions = rows.map((row) => sql`(${row.documentId}, ${row.queuedAt}::timestamptz)`);
  return sql`(${searchQueue.documentId}, ${searchQueue.queuedAt}) in (${sql.join(versions, sql`, `)})`;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Reads every queue row (with its exact version), e.g. before a full rebuild. */
export function readSearchQueue(): Promise<QueueRowVersion[]> {
  return db.select({ documentId: searchQueue.documentId, queuedAt: queuedAtText }).from(searchQueue);
}

/** Deletes rows that have been applied; rows queued again since they were read stay. */
export async function deleteAppliedQueueRows(rows: readonly QueueRowVersion[]): Promise<number> {
  let deleted = 0;
  for (const chunk of chunksOf(rows, STATEMENT_CHUNK)) {
    const result = await db
      .delete(searchQueue)
      .where(isUnchangedSince(chunk))
      .returning({ documentId: searchQueue.documentId });
    deleted += result.length;
  }
  return deleted;
}

async function markFailed(rows: readonly QueueRowVersion[], error: unknown, now: Date): Promise<void> {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, MAX_ERROR_CHARACTERS);
  // The delay doubles with each attempt; computed in SQL so one statement serves every row.
  const delay = sql`least(${MAX_RETRY_MS}::bigint, ${FIRST_RETRY_MS}::bigint * power(2, least(${searchQueue.attempts}, 30))::bigint)`;
  for (const chunk of chunksOf(rows, STATEMENT_CHUNK)) {
    await db
      .update(searchQueue)
      .set({
        attempts: sql`${searchQueue.attempts} + 1`,
        lastError: message,
        nextAttemptAt: sql`${now.toISOString()}::timestamptz + ${delay} * interval '1 millisecond'`,
      })
      .where(isUnchangedSince(chunk));
  }
}

/** Claims up to `limit` due rows, oldest first, skipping rows another instance is claiming. */
async function claimDueRows(limit: number, now: Date): Promise<ClaimedRow[]> {
  const due = db
    .select({ documentId: searchQueue.documentId })
    .from(searchQueue)
    .where(lte(searchQueue.nextAttemptAt, now))
    .orderBy(asc(searchQueue.queuedAt), asc(searchQueue.documentId))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(searchQueue)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
    .where(inArray(searchQueue.documentId, due))
    .returning({ documentId: searchQueue.documentId, queuedAt: queuedAtText, attempts: searchQueue.attempts });
  return claimed.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.documentId.localeCompare(b.documentId));
}

export interface SearchQueueRun {
  /** Rows taken from the queue in this run. */
  claimed: number;
  indexed: number;
  removed: number;
  /** Rows left in the queue with a back-off (engine down, or a document that did not build). */
  failed: number;
}

/**
 * Applies up to `limit` due queue rows to the engine. Never throws for an engine failure: the
 * rows are kept for a later run (attempts + 1, last_error, next_attempt_at pushed back).
 * `now` is for tests that need "ten minutes later".
 */
export async function processSearchQueue(options: { limit?: number; now?: Date } = {}): Promise<SearchQueueRun> {
  const now = options.now ?? new Date();
  const rows = await claimDueRows(options.limit ?? DEFAULT_BATCH_SIZE, now);
  const run: SearchQueueRun = { claimed: rows.length, indexed: 0, removed: 0, failed: 0 };
  if (rows.length === 0) return run;

  const toIndex: Array<{ row: ClaimedRow; document: SearchDocument }> = [];
  const toRemove: ClaimedRow[] = [];
  for (const row of rows) {
    try {
      const document = await buildSearchDocument(row.documentId);
      if (!document) {
        toRemove.push(row);
        continue;
      }
      // Checked here so one bad document fails alone instead of failing its whole batch.
      const checked = SearchDocumentSchema.safeParse(document);
      if (!checked.success) throw new TypeError(`invalid search document: ${checked.error.message}`);
      toIndex.push({ row, document });
    } catch (error) {
      logger.error({ err: error, documentId: row.documentId }, "search document could not be built");
      await markFailed([row], error, now);
      run.failed += 1;
    }
  }

  const engine = getSearchEngine();
  const apply = async (rowsOfStep: readonly ClaimedRow[], step: () => Promise<void>) => {
    if (rowsOfStep.length === 0) return true;
    try {
      await step();
      await deleteAppliedQueueRows(rowsOfStep);
      return true;
    } catch (error) {
      const level = isSearchUnavailableError(error) ? "warn" : "error";
      logger[level]({ err: error, engine: engine.name, documents: rowsOfStep.length }, "search queue: engine failed; will retry");
      await markFailed(rowsOfStep, error, now);
      run.failed += rowsOfStep.length;
      return false;
    }
  };
  if (await apply(toIndex.map(({ row }) => row), () => engine.index(toIndex.map(({ document }) => document)))) {
    run.indexed = toIndex.length;
  }
  if (await apply(toRemove, () => engine.remove(toRemove.map((row) => row.documentId)))) {
    run.removed = toRemove.length;
  }
  return run;
}

export interface SearchBacklog {
  /** Rows waiting to be applied, whether due now or waiting for a retry. */
  pending: number;
  /** Rows that failed at least once. */
  failing: number;
  /** ISO time of the oldest waiting change, or null when the queue is empty. */
  oldestQueuedAt: string | null;
}

export async function getSearchBacklog(): Promise<SearchBacklog> {
  const [row] = await db
    .select({
      pending: count(),
      failing: count(sql`case when ${gt(searchQueue.attempts, 0)} then 1 end`),
      oldestQueuedAt: min(searchQueue.queuedAt),
    })
    .from(searchQueue);
  return {
    pending: row?.pending ?? 0,
    failing: row?.failing ?? 0,
    oldestQueuedAt: row?.oldestQueuedAt ? new Date(row.oldestQueuedAt).toISOString() : null,
  };
}

/**
 * Runs the queue every `intervalMs` (at once again while batches come back full), one run at
 * a time. The timer does not keep the process alive. Returns `stop`, which waits for a run in
 * progress, so the database can be closed after it.
 */
export function startSearchWorker(options: { intervalMs?: number; limit?: number } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const limit = options.limit ?? DEFAULT_BATCH_SIZE;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };
  function tick() {
    running = processSearchQueue({ limit })
      .then((run) => {
        // Failures were logged as they happened.
        if (run.indexed || run.removed) logger.info(run, "search queue applied");
        return run.claimed === limit && run.failed === 0;
      })
      .catch((error: unknown) => {
        // The database itself failed; try again at the next tick.
        logger.error({ err: error }, "search queue run failed");
        return false;
      })
      .then((hasMore) => {
        running = undefined;
        schedule(hasMore ? 0 : intervalMs);
      });
  }
  schedule(0);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
