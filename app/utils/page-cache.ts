/** The headers a route sets to talk to app/server/page-cache.ts; they never reach the browser. */
export const PAGE_CACHE_HEADER = "X-Page-Cache";
export const PAGE_CACHE_REPLAY_HEADER = "X-Page-Cache-Replay";
export const PAGE_CACHE_TOKEN_HEADER = "X-Page-Cache-Token";
export const PAGE_CACHE_ROUTE_HEADERS = [
  PAGE_CACHE_HEADER,
  PAGE_CACHE_REPLAY_HEADER,
  PAGE_CACHE_TOKEN_HEADER,
] as const;

/**
 * For a route's `headers` export: lets app/server/page-cache.ts keep this page's HTML for
 * anonymous visitors a few seconds. Only for pages whose anonymous version depends on the
 * URL alone, and where a few seconds of staleness (e.g. a vote count) does no harm: not for
 * pages that record each visit (see `cacheWithReplay`) or show secrets (reset links).
 */
export const ANONYMOUS_PAGE_CACHE_HEADERS = { [PAGE_CACHE_HEADER]: "5" } as const;

/**
 * Like ANONYMOUS_PAGE_CACHE_HEADERS, for a page that must record each visit (a search is
 * logged once per results page shown). Every time the cache serves the page, it hands
 * `payload` to the replayer registered for `kind` (app/server/index.ts), which records the
 * visit and returns a fresh token; each occurrence of `token` in the page is replaced by it,
 * as the CSP nonce is. `token` must be unguessable and unique to this render (a UUID).
 */
export function cacheWithReplay(kind: string, payload: string, token: string) {
  return {
    ...ANONYMOUS_PAGE_CACHE_HEADERS,
    [PAGE_CACHE_REPLAY_HEADER]: `${kind}:${payload}`,
    [PAGE_CACHE_TOKEN_HEADER]: token,
  };
}

/** A `headers` export passing the page-cache headers its loader set on to the document. */
export function pageCacheHeadersFromLoader({ loaderHeaders }: { loaderHeaders: Headers }) {
  const headers = new Headers();
  for (const name of PAGE_CACHE_ROUTE_HEADERS) {
    const value = loaderHeaders.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

export const cacheForAnonymousVisitors = () => ANONYMOUS_PAGE_CACHE_HEADERS;
