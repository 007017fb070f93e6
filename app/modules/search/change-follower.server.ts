/**
 * Keeps this process's embedded index in step with changes made by other processes sharing
 * PostgreSQL. The embedded engine's index lives in each process's memory, but a search queue
 * row (worker.server.ts) is applied by whichever process claims it; so every writer also
 * appends to `search_changes` (queue.server.ts), and every process reads what was appended
 * since it last looked and rebuilds those documents in its own index.
 *
 * Ids come from a sequence, so a transaction that took its id early may commit after a later
 * one has been read: besides every id past the last one seen, each read takes again the changes
 * of the last LATE_COMMIT_WINDOW_MS and applies those it has not seen. Applying a change twice
 * is harmless (the document is rebuilt from its source).
 *
 * Meilisearch and PGlite need none of this: one index outside the app, or one process.
 */
import { desc, gt, lt, or, sql } from "drizzle-orm";
import { searchChanges } from "../../../db/schema";
import { buildSearchDocument } from "./documents.server";
import { getSearchEngine } from "./engine.server";
import { db, getDatabaseHandle } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

const DEFAULT_INTERVAL_MS = 1_000;
/** Far longer than any transaction that queues a search change stays open. */
const LATE_COMMIT_WINDOW_MS = 60_000;
/** Changes are kept this long, then pruned by whichever process gets there first. */
const KEEP_CHANGES_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;
const MAX_CHANGES_PER_READ = 1_000;

/** Whether this process must follow the change log: an embedded index on PostgreSQL. */
export function mustFollowSearchChanges(): boolean {
  return getSearchEngine().name === "embedded" && getDatabaseHandle().kind === "postgres";
}

/** The last change logged so far (0 for none): read before building the index at start. */
export async function latestSearchChangeId(): Promise<number> {
  const [row] = await db
    .select({ id: searchChanges.id })
    .from(searchChanges)
    .orderBy(desc(searchChanges.id))
    .limit(1);
  return row?.id ?? 0;
}

export interface SearchChangeFollower {
  /** Applies the changes logged since the last call; returns how many documents it rebuilt. */
  catchUp(): Promise<number>;
}

/** Follows changes logged after `afterId` (those up to it are in the index already). */
export function createSearchChangeFollower(afterId: number): SearchChangeFollower {
  let cursor = afterId;
  /** Ids applied that are still inside the late-commit window, with when they were logged. */
  const seen = new Map<number, number>();

  return {
    async catchUp() {
      const rows = await db
        .select({
          id: searchChanges.id,
          documentId: searchChanges.documentId,
          changedAt: searchChanges.changedAt,
        })
        .from(searchChanges)
        .where(
          or(
            gt(searchChanges.id, cursor),
            gt(
              searchChanges.changedAt,
              sql`now() - ${LATE_COMMIT_WINDOW_MS} * interval '1 millisecond'`,
            ),
          ),
        )
        .orderBy(searchChanges.id)
        .limit(MAX_CHANGES_PER_READ);
      const fresh = rows.filter((row) => !seen.has(row.id));
      const documentIds = [...new Set(fresh.map((row) => row.documentId))];
      if (documentIds.length > 0) {
        const engine = getSearchEngine();
        const toIndex = [];
        const toRemove: string[] = [];
        for (const documentId of documentIds) {
          const document = await buildSearchDocument(documentId);
          if (document) toIndex.push(document);
          else toRemove.push(documentId);
        }
        if (toIndex.length > 0) await engine.index(toIndex);
        if (toRemove.length > 0) await engine.remove(toRemove);
      }
      // Marked only once applied: a failure above leaves them for the next call.
      for (const row of fresh) {
        seen.set(row.id, row.changedAt.getTime());
        cursor = Math.max(cursor, row.id);
      }
      const forgetBefore = Date.now() - 2 * LATE_COMMIT_WINDOW_MS;
      for (const [id, changedAt] of seen) if (changedAt < forgetBefore) seen.delete(id);
      return documentIds.length;
    },
  };
}

/** Deletes changes older than every process can still need. */
export async function pruneSearchChanges(): Promise<void> {
  await db
    .delete(searchChanges)
    .where(lt(searchChanges.changedAt, sql`now() - ${KEEP_CHANGES_MS} * interval '1 millisecond'`));
}

/** Follows the change log every `intervalMs` until the returned function is called. */
export function startFollowingSearchChanges(
  afterId: number,
  options: { intervalMs?: number } = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const follower = createSearchChangeFollower(afterId);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let prunedAt = 0;

  const tick = () => {
    running = (async () => {
      try {
        const rebuilt = await follower.catchUp();
        if (rebuilt > 0)
          logger.debug({ documents: rebuilt }, "search index followed other processes' changes");
        if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
          prunedAt = Date.now();
          await pruneSearchChanges();
        }
      } catch (error) {
        logger.warn({ err: error }, "following search changes failed; trying again");
      }
    })().finally(() => {
      running = undefined;
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
        timer.unref();
      }
    });
  };
  timer = setTimeout(tick, intervalMs);
  timer.unref();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
