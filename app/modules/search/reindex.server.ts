/**
 * Full rebuilds of the search index, and what the server does with search at start.
 *
 * The embedded engine keeps its index in the server's memory, so the server rebuilds it from
 * the database and content at every start. A Meilisearch index outlives the server: at start
 * we only make sure it exists with its settings, log whether it is healthy and queue what may
 * have changed, and the worker catches up in the background; `npm run search:reindex` rebuilds it from scratch.
 */
import type { SearchDocument, SearchHealth } from "../../../search/engine";
import { buildAllSearchDocuments, listSearchDocumentIds } from "./documents.server";
import { getSearchEngine } from "./engine.server";
import { queueSearchDocuments } from "./queue.server";
import { deleteAppliedQueueRows, readSearchQueue } from "./worker.server";
import { logger } from "~/utils/logger.server";

const REINDEX_BATCH_SIZE = 500;

export interface ReindexResult {
  engine: string;
  documents: number;
  /** Queue rows the rebuild made unnecessary (rows queued during the rebuild stay). */
  clearedQueueRows: number;
  ms: number;
}

/** Indexes `documents` in batches, so a large site never sends one huge request. */
export async function indexInBatches(documents: readonly SearchDocument[], batchSize = REINDEX_BATCH_SIZE): Promise<void> {
  const engine = getSearchEngine();
  for (let start = 0; start < documents.length; start += batchSize) {
    await engine.index(documents.slice(start, start + batchSize));
  }
}

/**
 * Empties the engine and indexes every document from its source. The queue rows that existed
 * before the sources were read are covered by the rebuild and deleted; a row queued (or queued
 * again) meanwhile stays for the worker, since its change may have come after the read.
 * Throws SearchUnavailableError when the engine is down (the queue is then left as it was).
 */
export async function reindexSearch(): Promise<ReindexResult> {
  const started = performance.now();
  const engine = getSearchEngine();
  // Read first: every change queued before this point is visible to the reads below.
  const covered = await readSearchQueue();
  const documents = await buildAllSearchDocuments();
  await engine.clear();
  await indexInBatches(documents);
  const clearedQueueRows = await deleteAppliedQueueRows(covered);
  return { engine: engine.name, documents: documents.length, clearedQueueRows, ms: Math.round(performance.now() - started) };
}

/**
 * Gets search ready at server start; call after content is loaded, before listening.
 * Embedded engine: builds the whole index now (it is in this process's memory), so the first
 * request can search. Meilisearch: does not wait for it (see `queueMeilisearchCatchUp`); the
 * returned promise settles at once and the work goes on in the background.
 * Never throws: search trouble must not keep the site from starting.
 */
export async function prepareSearchAtStart(): Promise<void> {
  const engine = getSearchEngine();
  if (engine.name === "embedded") {
    try {
      const result = await reindexSearch();
      logger.info(result, "search index built");
    } catch (error) {
      logger.error({ err: error }, "building the search index failed; search starts with an empty index until the next start");
    }
    return;
  }
  void prepareMeilisearchAtStart().catch((error: unknown) => {
    logger.error({ err: error }, "queuing search documents at start failed");
  });
}

/**
 * Meilisearch at start: creates the index and brings its settings up to date (sent only when
 * they differ), says in the log whether the engine is healthy (the server answers and this key
 * can read the index), then queues what may have changed (`queueMeilisearchCatchUp`).
 * Only failures of the queue itself are thrown.
 */
export async function prepareMeilisearchAtStart(): Promise<SearchHealth> {
  const engine = getSearchEngine();
  try {
    await engine.prepare?.();
  } catch (error) {
    logger.warn({ err: error, engine: engine.name }, "could not prepare the search index at start; the first write tries again");
  }
  const health = await engine.health();
  if (health.ok) logger.info({ engine: engine.name, detail: health.detail }, "search engine healthy");
  else logger.warn({ engine: engine.name, detail: health.detail }, "search engine NOT healthy at start: search pages say search is unavailable until it is");
  await queueMeilisearchCatchUp();
  return health;
}

/**
 * A Meilisearch index survives restarts (`prepareMeilisearchAtStart` has created it if it was
 * missing). Then:
 * - empty (a new server or index): queue every document;
 * - not empty: queue the documents built from content files, which may have changed with this
 *   deploy (the database's own changes are queued by their writers);
 * - unreachable: queue every document, since it may come back empty; the worker retries.
 * A content file that was deleted leaves its document behind until `npm run search:reindex`.
 */
export async function queueMeilisearchCatchUp(): Promise<{ queued: number; reachable: boolean }> {
  const engine = getSearchEngine();
  const ids = await listSearchDocumentIds();
  let documentCount: number | undefined;
  try {
    documentCount = await engine.count();
  } catch (error) {
    logger.warn({ err: error, engine: engine.name }, "search engine unreachable at start; queued every document for when it returns");
  }
  const toQueue = documentCount === 0 || documentCount === undefined ? [...ids.fromContent, ...ids.fromDatabase] : ids.fromContent;
  await queueSearchDocuments(toQueue);
  logger.info({ engine: engine.name, indexed: documentCount, queued: toQueue.length }, "search documents queued for the worker");
  return { queued: toQueue.length, reachable: documentCount !== undefined };
}
