/**
 * The site's one search engine (docs/decisions/003-search-engine-interface.md): Meilisearch
 * when MEILI_HOST is set, otherwise the embedded engine, whose index lives in this process's
 * memory and is rebuilt at every start (reindex.server.ts).
 */
import { forget, remember } from "@epic-web/remember";
import { createSearchEngine, type SearchEngine } from "../../../search/index";
import { getEnv } from "~/utils/env.server";

const ENGINE_KEY = "practica-search-engine";

/**
 * One engine per process. `remember` keeps it on globalThis: the Remix build and the HTTP
 * server load this module separately, and the embedded engine's index must be the one the
 * server filled at start.
 */
export function getSearchEngine(): SearchEngine {
  return remember(ENGINE_KEY, () => {
    const env = getEnv();
    return createSearchEngine({
      meiliHost: env.MEILI_HOST,
      meiliApiKey: env.MEILI_API_KEY,
      indexName: env.MEILI_INDEX,
      meiliTaskTimeoutMs: env.MEILI_TASK_TIMEOUT_MS,
    });
  });
}

/** For tests: makes `engine` the shared one (e.g. a fresh embedded engine, or a failing double). */
export function setSearchEngine(engine: SearchEngine): void {
  forget(ENGINE_KEY);
  remember(ENGINE_KEY, () => engine);
}

/** For tests: forgets the shared engine; the next getSearchEngine() creates one from the env. */
export function forgetSearchEngine(): void {
  forget(ENGINE_KEY);
}
