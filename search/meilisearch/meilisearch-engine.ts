/**
 * The Meilisearch engine: an adapter over the official `meilisearch` client (v0.62).
 *
 * - Searching is one multi-search request and nothing else: the hits, plus one query per
 *   filtered facet for disjunctive counts (search-requests.ts). It never creates the index or
 *   touches settings, so it needs only a search key and never waits behind queued writes.
 * - The index and its settings are created by code (index-settings.ts) by `prepare()` (at start)
 *   and before the first write, and only sent when what the server holds differs.
 * - Writes are asynchronous tasks in Meilisearch; every write here waits for its task and fails
 *   if the task failed, so a search right after `index()` sees the documents. A task that is
 *   still running when the wait times out is remembered: the next attempt at the same write
 *   waits for that task again instead of sending the work a second time.
 * - Every error from a client call (API errors, network failures, timeouts, a proxy's HTML error
 *   page the client cannot parse) becomes one `SearchUnavailableError`; the cause is kept for
 *   logs.
 */
import { createHash } from "node:crypto";
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type Index,
  type Settings,
  type Task,
} from "meilisearch";
import {
  isSearchUnavailableError,
  normalizeSearchRequest,
  parseSearchDocuments,
  SearchUnavailableError,
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchRequest,
  type SearchResponse,
} from "../engine";
import { analyzeQuery } from "../text-analysis";
import {
  PRIMARY_KEY,
  differingSettings,
  indexSettingsFor,
  primaryKeyOf,
  toMeilisearchDocument,
  type MeilisearchDocument,
} from "./index-settings";
import { buildMultiSearchQueries, toSearchResponse } from "./search-requests";

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Defaults to "practica". */
  indexName?: string;
  /** At most this many documents per addDocuments request (default 1000). */
  batchSize?: number;
  /**
   * At most this many bytes of JSON per addDocuments request (default 900 000), to stay under a
   * reverse proxy's body limit (often 1 MB). A single larger document is sent alone.
   */
  maxBatchBytes?: number;
  /** How long to wait for one task (indexing, settings) before giving up for now, in ms. */
  taskTimeoutMs?: number;
  /** Per HTTP request, in ms. */
  requestTimeoutMs?: number;
}

export interface MeilisearchSearchEngine extends SearchEngine {
  readonly name: "meilisearch";
  prepare(): Promise<void>;
  /** Deletes the whole index (tests). */
  deleteIndex(): Promise<void>;
}

const ENGINE_NAME = "meilisearch";
const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_MAX_BATCH_BYTES = 900_000;
const DEFAULT_TASK_TIMEOUT_MS = 60_000;
/** Timed-out tasks remembered for the next attempt; the oldest are forgotten beyond this. */
const MAX_REMEMBERED_TASKS = 1000;
/** Longer than the search worker's longest back-off (10 minutes), so its retry finds the task. */
const REMEMBER_UNFINISHED_TASK_MS = 15 * 60_000;

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === "index_not_found";
}

/** Maps anything a client call throws to the one error callers handle. */
export function toSearchUnavailableError(action: string, error: unknown): SearchUnavailableError {
  if (isSearchUnavailableError(error)) return error;
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code;
    const detail = error.cause?.message ?? error.message;
    const hint = isIndexNotFound(error)
      ? " (the index is created at start and by the first write)"
      : "";
    return new SearchUnavailableError(
      ENGINE_NAME,
      `Meilisearch refused to ${action} (HTTP ${error.response.status}${code ? `, ${code}` : ""}): ${detail}${hint}`,
      { cause: error },
    );
  }
  if (error instanceof MeilisearchError) {
    // MeilisearchRequestError (network), MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError.
    const networkCause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return new SearchUnavailableError(
      ENGINE_NAME,
      `Meilisearch could not ${action}: ${error.message}${networkCause}`,
      { cause: error },
    );
  }
  if (error instanceof SyntaxError) {
    // The client parses every answer as JSON before it looks at the status.
    return new SearchUnavailableError(
      ENGINE_NAME,
      `Meilisearch could not ${action}: the answer was not JSON (a proxy's error page, such as 502 or 413?): ${error.message}`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SearchUnavailableError(ENGINE_NAME, `Meilisearch could not ${action}: ${message}`, {
    cause: error,
  });
}

async function withUnavailableErrors<T>(action: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toSearchUnavailableError(action, error);
  }
}

function assertSucceeded(task: Task, action: string) {
  if (task.status === "succeeded") return;
  const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
  throw new SearchUnavailableError(
    ENGINE_NAME,
    `Meilisearch could not ${action} (task ${task.uid}): ${reason}`,
  );
}

/**
 * Splits documents into requests of at most `maxCount` documents and `maxBytes` bytes of JSON
 * (the array as the client sends it). A document larger than `maxBytes` goes alone.
 */
export function splitIntoBatches<T>(
  documents: readonly T[],
  maxCount: number,
  maxBytes: number,
): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let batchBytes = 2; // "[]"
  for (const document of documents) {
    const bytes = Buffer.byteLength(JSON.stringify(document), "utf8");
    const bytesWithIt = batchBytes + bytes + (batch.length > 0 ? 1 : 0); // a comma between
    if (batch.length > 0 && (batch.length >= maxCount || bytesWithIt > maxBytes)) {
      batches.push(batch);
      batch = [];
      batchBytes = 2;
    }
    batchBytes += bytes + (batch.length > 0 ? 1 : 0);
    batch.push(document);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export function createMeilisearchEngine(
  options: MeilisearchEngineOptions,
): MeilisearchSearchEngine {
  const indexName = options.indexName ?? "practica";
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const waitOptions = { timeout: options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS, interval: 50 };
  const client = new Meilisearch({
    host: options.host,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeout: options.requestTimeoutMs ?? 10_000,
    defaultWaitOptions: waitOptions,
  });
  const index: Index<MeilisearchDocument> = client.index<MeilisearchDocument>(indexName);

  /**
   * Writes whose task was still running when the wait timed out, by what they sent: the next
   * attempt at the same write (the search worker retries) waits for that task again instead of
   * enqueuing the same work behind it. Forgotten after a while, so that much later the same
   * write is sent again rather than taken as done.
   */
  const unfinishedTasks = new Map<string, { uid: number; since: number }>();

  interface StartedTask {
    uid: number;
    /** Set for writes that may be awaited again by a later attempt. */
    key?: string;
  }

  async function startTask(
    kind: string,
    payload: unknown,
    enqueue: () => Promise<EnqueuedTask>,
  ): Promise<StartedTask> {
    const key = `${kind}:${createHash("sha256").update(JSON.stringify(payload)).digest("base64url")}`;
    const unfinished = unfinishedTasks.get(key);
    if (unfinished && Date.now() - unfinished.since <= REMEMBER_UNFINISHED_TASK_MS) {
      return { uid: unfinished.uid, key };
    }
    return { uid: (await enqueue()).taskUid, key };
  }

  function rememberUnfinished({ uid, key }: StartedTask) {
    if (key === undefined) return;
    unfinishedTasks.delete(key);
    unfinishedTasks.set(key, { uid, since: Date.now() });
    for (const oldest of unfinishedTasks.keys()) {
      if (unfinishedTasks.size <= MAX_REMEMBERED_TASKS) break;
      unfinishedTasks.delete(oldest);
    }
  }

  async function finishTask(started: StartedTask, action: string): Promise<Task> {
    const { uid, key } = started;
    try {
      const task = await client.tasks.waitForTask(uid, waitOptions);
      if (key !== undefined) unfinishedTasks.delete(key);
      return task;
    } catch (error) {
      if (!(error instanceof MeilisearchTaskTimeOutError)) throw error;
      rememberUnfinished(started);
      const next =
        key === undefined
          ? ""
          : "; the next attempt waits for this task instead of sending the work again";
      throw new SearchUnavailableError(
        ENGINE_NAME,
        `Meilisearch has not finished ${action} (task ${uid}) within ${waitOptions.timeout} ms ` +
          `(MEILI_TASK_TIMEOUT_MS)${next}`,
        { cause: error },
      );
    }
  }

  async function runTask(
    kind: string,
    payload: unknown,
    action: string,
    enqueue: () => Promise<EnqueuedTask>,
  ): Promise<Task> {
    return finishTask(await startTask(kind, payload, enqueue), action);
  }

  async function readSettings(): Promise<Settings | undefined> {
    try {
      return await index.getSettings();
    } catch (error) {
      if (isIndexNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Creates the index if missing, and sends the settings if the server's differ. */
  async function prepareIndex() {
    let current = await readSettings();
    if (current === undefined) {
      const creation = await runTask("create", indexName, `create index ${indexName}`, () =>
        client.createIndex(indexName, { primaryKey: PRIMARY_KEY }),
      );
      if (creation.status !== "succeeded" && creation.error?.code !== "index_already_exists") {
        assertSucceeded(creation, `create index ${indexName}`);
      }
      current = (await readSettings()) ?? {};
    }
    const wanted = indexSettingsFor(current);
    if (differingSettings(wanted, current).length === 0) return;
    assertSucceeded(
      await runTask("settings", wanted, "apply index settings", () => index.updateSettings(wanted)),
      "apply index settings",
    );
  }

  // Once per engine; a failure (server down) is retried by the next write.
  let indexReady: Promise<void> | undefined;
  function ensureIndex(): Promise<void> {
    indexReady ??= withUnavailableErrors("prepare the index", prepareIndex).catch(
      (error: unknown) => {
        indexReady = undefined;
        throw error;
      },
    );
    return indexReady;
  }

  return {
    name: ENGINE_NAME,

    prepare: ensureIndex,

    async index(documents: readonly SearchDocument[]): Promise<void> {
      const meilisearchDocuments = parseSearchDocuments(documents).map(toMeilisearchDocument);
      if (meilisearchDocuments.length === 0) return;
      await ensureIndex();
      await withUnavailableErrors("index documents", async () => {
        // Enqueue every batch first, then wait: Meilisearch can merge consecutive batches.
        const started: StartedTask[] = [];
        let waitingFor: number | undefined;
        try {
          for (const batch of splitIntoBatches(meilisearchDocuments, batchSize, maxBatchBytes)) {
            started.push(
              await startTask("documents", batch, () =>
                index.addDocuments(batch, { primaryKey: PRIMARY_KEY }),
              ),
            );
          }
          for (const [position, task] of started.entries()) {
            waitingFor = position;
            assertSucceeded(await finishTask(task, "index documents"), "index documents");
          }
        } catch (error) {
          // Batches enqueued but not waited for are still to run: the next attempt waits for them.
          for (const task of started.slice(waitingFor === undefined ? 0 : waitingFor + 1)) {
            rememberUnfinished(task);
          }
          throw error;
        }
      });
    },

    async remove(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await ensureIndex();
      await withUnavailableErrors("remove documents", async () => {
        const keys = ids.map(primaryKeyOf);
        const task = await runTask("delete", keys, "remove documents", () =>
          index.deleteDocuments(keys),
        );
        assertSucceeded(task, "remove documents");
      });
    },

    async search(request: SearchRequest): Promise<SearchResponse> {
      const normalized = normalizeSearchRequest(request);
      const analysis = analyzeQuery(normalized.query);
      const { queries, facetQueryOrder } = buildMultiSearchQueries(indexName, normalized, analysis);
      const response = await withUnavailableErrors("search", () => client.multiSearch({ queries }));
      return toSearchResponse(normalized, facetQueryOrder, response);
    },

    /** The server answers and this key can read this index (`/health` itself needs no key). */
    async health(): Promise<SearchHealth> {
      try {
        const health = await client.health();
        if (health.status !== "available") {
          return { ok: false, engine: ENGINE_NAME, detail: `server status ${health.status}` };
        }
        const stats = await index.getStats();
        return {
          ok: true,
          engine: ENGINE_NAME,
          detail: `index ${indexName}, ${stats.numberOfDocuments} documents`,
        };
      } catch (error) {
        const { message } = toSearchUnavailableError("answer a health check", error);
        return { ok: false, engine: ENGINE_NAME, detail: message };
      }
    },

    async clear(): Promise<void> {
      await ensureIndex();
      await withUnavailableErrors("clear the index", async () => {
        // Not remembered by payload: a clear must always happen now, not be taken as done.
        assertSucceeded(
          await finishTask({ uid: (await index.deleteAllDocuments()).taskUid }, "clear the index"),
          "clear the index",
        );
      });
    },

    async count(): Promise<number> {
      return withUnavailableErrors(
        "count documents",
        async () => (await index.getStats()).numberOfDocuments,
      );
    },

    async deleteIndex(): Promise<void> {
      await withUnavailableErrors("delete the index", async () => {
        // Not deleteIndexIfExists: it returns once the deletion is enqueued, not done.
        const task = await client.tasks.waitForTask(
          (await client.deleteIndex(indexName)).taskUid,
          waitOptions,
        );
        if (task.error?.code !== "index_not_found") assertSucceeded(task, "delete the index");
      });
      indexReady = undefined;
      unfinishedTasks.clear();
    },
  };
}
