/**
 * Searching from a page. The engine may be a server that is down; a page then says "search is
 * unavailable" (and still renders) instead of failing with a 500.
 */
import { isSearchUnavailableError, type SearchRequest, type SearchResponse } from "../../../search/engine";
import { getSearchEngine } from "./engine.server";
import { logger } from "~/utils/logger.server";

export type SiteSearchResult = { ok: true; response: SearchResponse } | { ok: false; reason: "unavailable" };

/** Runs `request` on the site's engine; an unreachable engine is a result, not an exception. */
export async function searchSite(request: SearchRequest): Promise<SiteSearchResult> {
  const engine = getSearchEngine();
  try {
    return { ok: true, response: await engine.search(request) };
  } catch (error) {
    if (!isSearchUnavailableError(error)) throw error;
    logger.warn({ err: error, engine: error.engine }, "search unavailable");
    return { ok: false, reason: "unavailable" };
  }
}
