/**
 * What the search pages (/toolkit and /search) do with a parsed search: run it, log it, and
 * when it finds nothing, look for a search that would find something. The routes turn the
 * outcome into labels and links; search-params.ts reads and writes the URL.
 *
 * Logging: every results page shown is logged (page 2 is another row), except browsing the
 * toolkit (no words, no filters, first page, default order: see `isToolkitBrowse`) and the
 * empty site search page, which say nothing about what people look for. Searches the page
 * runs on its own (suggestions) are not logged. With JavaScript, results update as people
 * type, debounced; each update that reaches the server is a logged search.
 */
import {
  DEFAULT_PAGE_SIZE,
  MAX_QUERY_CHARACTERS,
  type FacetName,
  type SearchHit,
  type SearchResponse,
} from "../../../search/engine";
import { t } from "~/i18n";
import "~/i18n/search";
import { RATE_LIMITS, hitRateLimit } from "../auth/rate-limit.server";
import type { CurrentUser } from "../auth/session.server";
import { isLanguageCode } from "../people/reference-data";
import { parseDocumentId } from "./document-ids";
import { buildSearchDocument } from "./documents.server";
import { ANONYMOUS_PAGE_CACHE_HEADERS, cacheWithReplay } from "~/utils/page-cache";
import { toSameOriginPath } from "~/utils/redirect";
import {
  SEARCH_LOG_REPLAY,
  logSearchClick,
  logSearchQuery,
  searchLogReplayOf,
  type SearchClick,
  type Searcher,
  type SearchQueryLogEntry,
} from "./query-log.server";
import {
  SITE_SEARCH_KINDS,
  TOOLKIT_FILTERS,
  hasToolkitFilters,
  isToolkitBrowse,
  parseSiteSearchParams,
  parseToolkitSearchParams,
  siteSearchHref,
  toEngineFilters,
  toLoggedFilters,
  toolkitSearchHref,
  withoutToolkitFilters,
  type SiteSearchKind,
  type SiteSearchState,
  type ToolkitSearchState,
} from "./search-params";
import { searchSite } from "./site-search.server";
import { getSiteSpellingDictionary, suggestSpelling } from "./spelling.server";
import { listPublishedSuggestionsBySlug } from "../toolkit/suggestions.server";
import { listToolkitEntries } from "../toolkit/toolkit.server";

export const TOOLKIT_PAGE_SIZE = DEFAULT_PAGE_SIZE;
/** Results per kind on the grouped site search page. */
export const SITE_GROUP_SIZE = 5;
export const SITE_KIND_PAGE_SIZE = DEFAULT_PAGE_SIZE;

export const TOOLKIT_FACETS: readonly FacetName[] = TOOLKIT_FILTERS.map(({ facet }) => facet);

/** The engine's limit and the language list stay on the server; search-params.ts is pure. */
const LIMITS = { maxQueryCharacters: MAX_QUERY_CHARACTERS, isLanguageCode };

/** The toolkit search in a URL (/toolkit?q=…&type=…), with notices about what was cut or ignored. */
export const readToolkitSearch = (url: URL) => parseToolkitSearchParams(url.searchParams, LIMITS);

/** The site search in a URL (/search?q=…&kind=…&page=…). */
export const readSiteSearch = (url: URL) => parseSiteSearchParams(url.searchParams, LIMITS);

/** Only the profile's organisation role and sector reach the log (query-log.server.ts). */
export function getSearcher(
  user: Pick<CurrentUser, "organisationRole" | "sector"> | null,
): Searcher | null {
  if (!user) return null;
  return { organisationRole: user.organisationRole, sector: user.sector };
}

/** A search that would find something, offered when the person's own finds nothing. */
export interface AlternativeSearch {
  href: string;
  count: number;
  /** The corrected words, for "Did you mean …?"; absent for "without the filters". */
  query?: string;
}

export interface NoResultHelp {
  withoutFilters: AlternativeSearch | null;
  spelling: AlternativeSearch | null;
}

export type ToolkitSearchOutcome =
  | {
      ok: true;
      response: SearchResponse;
      /** Every entry the toolkit holds (files and approved suggestions), whatever the search. */
      entryCount: number;
      queryId: string | null;
      /** Response headers that let the page cache keep this page (searchPageCacheHeaders). */
      cacheHeaders: Record<string, string>;
      help: NoResultHelp | null;
    }
  | { ok: false };

async function countToolkit(query: string, state: ToolkitSearchState): Promise<number> {
  const result = await searchSite({
    query,
    filters: toEngineFilters(state.filters),
    kinds: ["toolkit"],
    pageSize: 1,
  });
  return result.ok ? result.response.total : 0;
}

/** "Search without the filters" and "Did you mean", each only when it finds something. */
async function findToolkitAlternatives(state: ToolkitSearchState): Promise<NoResultHelp> {
  const unfiltered = withoutToolkitFilters(state);
  const hasFilters = hasToolkitFilters(state.filters);
  let withoutFilters: AlternativeSearch | null = null;
  if (hasFilters) {
    const count = await countToolkit(state.query, unfiltered);
    if (count > 0) withoutFilters = { href: toolkitSearchHref(unfiltered), count };
  }
  let spelling: AlternativeSearch | null = null;
  const corrected = state.query
    ? suggestSpelling(state.query, await getSiteSpellingDictionary())
    : null;
  if (corrected) {
    for (const candidate of hasFilters ? [state, unfiltered] : [state]) {
      const count = await countToolkit(corrected, candidate);
      if (count > 0) {
        spelling = {
          href: toolkitSearchHref({ ...candidate, query: corrected, page: 1 }),
          count,
          query: corrected,
        };
        break;
      }
    }
  }
  return { withoutFilters, spelling };
}

/**
 * Lets the page cache keep an anonymous results page a few seconds: a page that logged a
 * search logs it again, with a new id, for each visitor served from the cache
 * (query-log.server.ts); a page that logged nothing (browsing) is cached as it is. A signed-in
 * searcher's page is never cached (the page cache keeps nothing for a request with a session).
 */
function searchPageCacheHeaders(
  entry: SearchQueryLogEntry | null,
  queryId: string | null,
): Record<string, string> {
  if (!entry) return { ...ANONYMOUS_PAGE_CACHE_HEADERS };
  const payload = queryId ? searchLogReplayOf(entry) : null;
  return payload && queryId ? cacheWithReplay(SEARCH_LOG_REPLAY, payload, queryId) : {};
}

/**
 * How a results page was asked for. A HEAD request (a link checker, an uptime monitor) shows
 * results to nobody, so it logs no search: `{ logSearch: request.method !== "HEAD" }`.
 */
export interface SearchPageRequest {
  logSearch: boolean;
}

export async function runToolkitSearch(
  state: ToolkitSearchState,
  user: Pick<CurrentUser, "id" | "organisationRole" | "sector"> | null,
  { logSearch }: SearchPageRequest = { logSearch: true },
): Promise<ToolkitSearchOutcome> {
  const isBrowse = isToolkitBrowse(state);
  const [result, everything] = await Promise.all([
    searchSite({
      query: state.query,
      filters: toEngineFilters(state.filters),
      facets: TOOLKIT_FACETS,
      sort: state.sort,
      page: state.page,
      pageSize: TOOLKIT_PAGE_SIZE,
      kinds: ["toolkit"],
    }),
    // Browsing already counts everything; any other search needs a count of its own.
    isBrowse ? null : searchSite({ kinds: ["toolkit"], pageSize: 1 }),
  ]);
  if (!result.ok || (everything && !everything.ok)) return { ok: false };
  const { response } = result;
  const entryCount = everything?.ok ? everything.response.total : response.total;
  const logEntry: SearchQueryLogEntry | null =
    isBrowse || !logSearch
      ? null
      : {
          scope: "toolkit",
          query: state.query,
          filters: toLoggedFilters(state.filters),
          resultCount: response.total,
          page: state.page,
          searcher: getSearcher(user),
        };
  const queryId = logEntry && logSearchQuery(logEntry);
  const help = response.total === 0 ? await findToolkitAlternatives(state) : null;
  // A page that logged nothing because it was a HEAD request must not be kept as a browse page.
  const cacheHeaders = logSearch ? searchPageCacheHeaders(logEntry, queryId) : {};
  return { ok: true, response, entryCount, queryId, cacheHeaders, help };
}

/** What a toolkit result card says besides its title and summary. */
export interface ToolkitResultFacts {
  type: string;
  publisher: string;
  year: number;
}

/**
 * Type, publisher and year of the toolkit entries among `hits`, by slug: from the content
 * files, and from the database for approved member suggestions.
 */
export async function getToolkitResultFacts(
  hits: readonly SearchHit[],
): Promise<Map<string, ToolkitResultFacts>> {
  const slugs = hits.flatMap((hit) => {
    const parsed = parseDocumentId(hit.id);
    return parsed?.kind === "toolkit" ? [parsed.key] : [];
  });
  const facts = new Map<string, ToolkitResultFacts>();
  if (slugs.length === 0) return facts;
  const entries = await listToolkitEntries();
  for (const entry of entries) {
    if (slugs.includes(entry.slug))
      facts.set(entry.slug, { type: entry.type, publisher: entry.publisher, year: entry.year });
  }
  const missing = slugs.filter((slug) => !facts.has(slug));
  for (const suggestion of await listPublishedSuggestionsBySlug(missing)) {
    facts.set(suggestion.slug, {
      type: suggestion.type,
      publisher: suggestion.publisher,
      year: suggestion.year,
    });
  }
  return facts;
}

export interface SiteSearchGroup {
  kind: SiteSearchKind;
  total: number;
  hits: SearchHit[];
  /** Rank of the first hit shown, for click-through positions. */
  firstPosition: number;
}

export type SiteSearchOutcome =
  | {
      ok: true;
      groups: SiteSearchGroup[];
      total: number;
      queryId: string | null;
      cacheHeaders: Record<string, string>;
      spelling: AlternativeSearch | null;
    }
  | { ok: false };

async function searchKind(query: string, kind: SiteSearchKind, page: number, pageSize: number) {
  return searchSite({ query, kinds: [kind], page, pageSize });
}

/**
 * Every kind grouped (the first SITE_GROUP_SIZE hits of each, with its total), or one kind
 * paginated. An empty query searches nothing: the page asks for words instead.
 */
export async function runSiteSearch(
  state: SiteSearchState,
  user: Pick<CurrentUser, "id" | "organisationRole" | "sector"> | null,
  { logSearch }: SearchPageRequest = { logSearch: true },
): Promise<SiteSearchOutcome> {
  if (state.query === "")
    return {
      ok: true,
      groups: [],
      total: 0,
      queryId: null,
      cacheHeaders: searchPageCacheHeaders(null, null),
      spelling: null,
    };
  const kinds = state.kind ? [state.kind] : [...SITE_SEARCH_KINDS];
  const page = state.kind ? state.page : 1;
  const pageSize = state.kind ? SITE_KIND_PAGE_SIZE : SITE_GROUP_SIZE;
  const results = await Promise.all(
    kinds.map((kind) => searchKind(state.query, kind, page, pageSize)),
  );
  const groups: SiteSearchGroup[] = [];
  for (const [index, result] of results.entries()) {
    if (!result.ok) return { ok: false };
    const kind = kinds[index];
    if (!kind) continue;
    groups.push({
      kind,
      total: result.response.total,
      hits: result.response.hits,
      firstPosition: (page - 1) * pageSize + 1,
    });
  }
  const total = groups.reduce((sum, group) => sum + group.total, 0);
  const logEntry: SearchQueryLogEntry = {
    scope: "site",
    query: state.query,
    filters: state.kind ? { kind: [state.kind] } : {},
    resultCount: total,
    page,
    searcher: getSearcher(user),
  };
  const queryId = logSearch ? logSearchQuery(logEntry) : null;
  let spelling: AlternativeSearch | null = null;
  if (total === 0) {
    const corrected = suggestSpelling(state.query, await getSiteSpellingDictionary());
    if (corrected) {
      const counts = await Promise.all(kinds.map((kind) => searchKind(corrected, kind, 1, 1)));
      const count = counts.reduce(
        (sum, result) => sum + (result.ok ? result.response.total : 0),
        0,
      );
      if (count > 0)
        spelling = {
          href: siteSearchHref({ ...state, query: corrected, page: 1 }),
          count,
          query: corrected,
        };
    }
  }
  const cacheHeaders = searchPageCacheHeaders(logEntry, queryId);
  return { ok: true, groups, total, queryId, cacheHeaders, spelling };
}

/**
 * The page a search result leads to, from the document's own source (content or database),
 * or null when the id names nothing. Never taken from the request: no open redirect.
 */
export async function findSearchResultUrl(documentId: string): Promise<string | null> {
  if (!parseDocumentId(documentId)) return null;
  const url = (await buildSearchDocument(documentId))?.url;
  return toSameOriginPath(url) ?? null;
}

/**
 * Counts a search page rendered for `clientAddress` (a page-cache hit never gets here) and throws
 * a 429 page once the address passes RATE_LIMITS.searchPerAddress: every search the cache cannot
 * answer takes the server's only thread for a while.
 */
export async function requireSearchAllowance(clientAddress: string): Promise<void> {
  const limit = await hitRateLimit(`search:address:${clientAddress}`, RATE_LIMITS.searchPerAddress);
  if (limit.allowed) return;
  throw new Response(t("search.rateLimited", { minutes: Math.ceil(limit.retryAfterSeconds / 60) }), {
    status: 429,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(limit.retryAfterSeconds),
      "Cache-Control": "no-store",
    },
  });
}

/** A result opened from a logged search (never throws; an unknown query id is ignored). */
export function recordSearchClick(click: SearchClick): Promise<void> {
  return logSearchClick(click);
}
