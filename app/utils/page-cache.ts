/**
 * For a route's `headers` export: lets app/server/page-cache.ts keep this page's HTML for
 * anonymous visitors a few seconds. Only for pages whose anonymous version depends on the
 * URL alone, and where a few seconds of staleness (e.g. a vote count) does no harm: not for
 * pages that log what they are asked (search) or show secrets (reset links).
 */
export const ANONYMOUS_PAGE_CACHE_HEADERS = { "X-Page-Cache": "5" } as const;

export const cacheForAnonymousVisitors = () => ANONYMOUS_PAGE_CACHE_HEADERS;
