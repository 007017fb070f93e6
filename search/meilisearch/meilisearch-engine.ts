/**
 * The Meilisearch engine: an adapter over the official `meilisearch` client (v0.62).
 *
 * - The index and its settings are created by code on first use (index-settings.ts).
 * - Writes are asynchronous tasks in Meilisearch; every write here waits for its task and fails
 *   if the task failed, so a search right after `index()` sees the documents.
 * - Each search is one multi-search request: the hits, plus one query per filtered facet for
 *   disjunctive counts (search-requests.ts).
 * - Every client error (`MeilisearchApiError`, `MeilisearchRequestError`, timeouts) becomes one
 *   `SearchUnavailableError`; the cause is kept for logs.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  type EnqueuedTask,
  type Index,
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
  buildIndexSettings,
  primaryKeyOf,
  toMeilisearchDocument,
  withoutDisableOnNumbers,
  type MeilisearchDocument,
} from "./index-settings";
import { buildMultiSearchQueries, toSearchResponse } from "./search-requests";

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Defaults to "practica". */
  indexName?: string;
  /** Documents per addDocuments call. */
  batchSize?: number;
  /** How long to wait for one task (indexing, settings) before giving up, in ms. */
  taskTimeoutMs?: number;
  /** Per HTTP request, in ms. */
  requestTimeoutMs?: number;
}

export interface MeilisearchSearchEngine extends SearchEngine {
  readonly name: "meilisearch";
  /** Deletes the whole index (tests). */
  deleteIndex(): Promise<void>;
}

const ENGINE_NAME = "meilisearch";

/** Maps anything the client throws to the one error callers handle. */
export function toSearchUnavailableError(action: string, error: unknown): unknown {
  if (isSearchUnavailableError(error)) return error;
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code;
    const detail = error.cause?.message ?? error.message;
    return new SearchUnavailableError(
      ENGINE_NAME,
      `Meilisearch refused to ${action} (HTTP ${error.response.status}${code ? `, ${code}` : ""}): ${detail}`,
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
  return error;
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

function isUnsupportedDisableOnNumbers(error: unknown): boolean {
  return (
    error instanceof MeilisearchApiError &&
    /disableOnNumbers/i.test(error.cause?.message ?? error.message)
  );
}

export function createMeilisearchEngine(
  options: MeilisearchEngineOptions,
): MeilisearchSearchEngine {
  const indexName = options.indexName ?? "practica";
  const batchSize = options.batchSize ?? 1000;
  const waitOptions = { timeout: options.taskTimeoutMs ?? 60_000, interval: 50 };
  const client = new Meilisearch({
    host: options.host,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeout: options.requestTimeoutMs ?? 10_000,
    defaultWaitOptions: waitOptions,
  });
  const index: Index<MeilisearchDocument> = client.index<MeilisearchDocument>(indexName);

  async function waitForAll(tasks: readonly EnqueuedTask[], action: string) {
    if (tasks.length === 0) return;
    for (const task of await client.tasks.waitForTasks(tasks, waitOptions))
      assertSucceeded(task, action);
  }

  async function applySettings() {
    const settings = buildIndexSettings();
    try {
      assertSucceeded(
        await index.updateSettings(settings).waitTask(waitOptions),
        "apply index settings",
      );
    } catch (error) {
      // Servers before 1.15 do not know disableOnNumbers; digits are quoted in queries anyway.
      if (!isUnsupportedDisableOnNumbers(error)) throw error;
      assertSucceeded(
        await index.updateSettings(withoutDisableOnNumbers(settings)).waitTask(waitOptions),
        "apply index settings",
      );
    }
  }

  async function createIndexWithSettings() {
    const creation = await client
      .createIndex(indexName, { primaryKey: PRIMARY_KEY })
      .waitTask(waitOptions);
    if (creation.status !== "succeeded" && creation.error?.code !== "index_already_exists") {
      assertSucceeded(creation, `create index ${indexName}`);
    }
    await applySettings();
  }

  // Created once per engine; a failure (server down) is retried by the next call.
  let indexReady: Promise<void> | undefined;
  function ensureIndex(): Promise<void> {
    indexReady ??= withUnavailableErrors("prepare the index", createIndexWithSettings).catch(
      (error: unknown) => {
        indexReady = undefined;
        throw error;
      },
    );
    return indexReady;
  }

  return {
    name: ENGINE_NAME,

    async index(documents: readonly SearchDocument[]): Promise<void> {
      const meilisearchDocuments = parseSearchDocuments(documents).map(toMeilisearchDocument);
      if (meilisearchDocuments.length === 0) return;
      await ensureIndex();
      await withUnavailableErrors("index documents", async () => {
        // Enqueue every batch first, then wait: Meilisearch can merge consecutive batches.
        const enqueued: EnqueuedTask[] = [];
        for (let start = 0; start < meilisearchDocuments.length; start += batchSize) {
          const batch = meilisearchDocuments.slice(start, start + batchSize);
          enqueued.push(await index.addDocuments(batch, { primaryKey: PRIMARY_KEY }));
        }
        await waitForAll(enqueued, "index documents");
      });
    },

    async remove(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await ensureIndex();
      await withUnavailableErrors("remove documents", async () => {
        const task = await index.deleteDocuments(ids.map(primaryKeyOf)).waitTask(waitOptions);
        assertSucceeded(task, "remove documents");
      });
    },

    async search(request: SearchRequest): Promise<SearchResponse> {
      const normalized = normalizeSearchRequest(request);
      const analysis = analyzeQuery(normalized.query);
      await ensureIndex();
      const { queries, facetQueryOrder } = buildMultiSearchQueries(indexName, normalized, analysis);
      const response = await withUnavailableErrors("search", () => client.multiSearch({ queries }));
      return toSearchResponse(normalized, facetQueryOrder, response);
    },

    async health(): Promise<SearchHealth> {
      try {
        const health = await client.health();
        return {
          ok: health.status === "available",
          engine: ENGINE_NAME,
          detail: `index ${indexName}`,
        };
      } catch (error) {
        const mapped = toSearchUnavailableError("answer a health check", error);
        const detail = mapped instanceof Error ? mapped.message : String(mapped);
        return { ok: false, engine: ENGINE_NAME, detail };
      }
    },

    async clear(): Promise<void> {
      await ensureIndex();
      await withUnavailableErrors("clear the index", async () => {
        assertSucceeded(await index.deleteAllDocuments().waitTask(waitOptions), "clear the index");
      });
    },

    async count(): Promise<number> {
      await ensureIndex();
      return withUnavailableErrors(
        "count documents",
        async () => (await index.getStats()).numberOfDocuments,
      );
    },

    async deleteIndex(): Promise<void> {
      await withUnavailableErrors("delete the index", async () => {
        // Not deleteIndexIfExists: it returns once the deletion is enqueued, not done.
        const task = await client.deleteIndex(indexName).waitTask(waitOptions);
        if (task.error?.code !== "index_not_found") assertSucceeded(task, "delete the index");
      });
      indexReady = undefined;
    },
  };
}
