/**
 * Chooses the search engine: Meilisearch when a host is configured (MEILI_HOST), otherwise the
 * embedded in-process engine. The embedded engine starts empty and keeps its index in memory;
 * the app fills it from the database and content at start.
 *
 * Import from `.server.ts` files only: this code must not reach the browser bundle.
 */
import { createEmbeddedSearchEngine } from "./embedded/embedded-engine";
import type { SearchEngine } from "./engine";
import { createMeilisearchEngine } from "./meilisearch/meilisearch-engine";

export interface SearchEngineOptions {
  meiliHost?: string;
  meiliApiKey?: string;
  indexName?: string;
  /** How long a Meilisearch write waits for its task, in ms. */
  meiliTaskTimeoutMs?: number;
}

export function createSearchEngine(options: SearchEngineOptions = {}): SearchEngine {
  if (options.meiliHost) {
    return createMeilisearchEngine({
      host: options.meiliHost,
      ...(options.meiliApiKey ? { apiKey: options.meiliApiKey } : {}),
      ...(options.indexName ? { indexName: options.indexName } : {}),
      ...(options.meiliTaskTimeoutMs ? { taskTimeoutMs: options.meiliTaskTimeoutMs } : {}),
    });
  }
  return createEmbeddedSearchEngine();
}

export * from "./engine";
