/**
 * The search pages' state lives in the URL, so a search can be shared, bookmarked and run
 * without JavaScript. This module reads that state from query parameters (never throwing:
 * anything a person or a crawler can type must give a page, not a 500) and writes it back
 * into links.
 *
 *   /toolkit?q=…&type=…&topic=…&audience=…&region=…&language=…&licence=…&sort=…&page=…
 *   /search?q=…&kind=…&page=…
 *
 * What happens to bad input, decided once here and tested in search-params.test.ts:
 * - a query longer than the engine reads is cut (the page says so); control characters
 *   become spaces;
 * - an unknown filter value or sort order is ignored, and the page says which;
 * - unknown parameter names (utm_source, …) are ignored silently;
 * - a page that is not a whole number from 1 to MAX_PAGE is meaningless: 400 with a message;
 *   a page past the last one is valid (the page says there is nothing there).
 *
 * Pure and client-safe on purpose (types only from search/): limits that belong to the
 * engine or to server-side reference data are passed in by the loaders.
 */
import type { FacetName, SearchDocumentKind, SortOrder } from "../../../search/engine";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "../content/vocabulary";

/** URL parameter ↔ engine facet, in the order filters appear on the page and in URLs. */
export const TOOLKIT_FILTERS = [
  { param: "type", facet: "type" },
  { param: "topic", facet: "topics" },
  { param: "audience", facet: "audiences" },
  { param: "region", facet: "regions" },
  { param: "language", facet: "languages" },
  { param: "licence", facet: "licence" },
] as const satisfies readonly { param: string; facet: FacetName }[];

export type ToolkitFilterParam = (typeof TOOLKIT_FILTERS)[number]["param"];
export type ToolkitFilters = Record<ToolkitFilterParam, string[]>;

export const SEARCH_SORTS = [
  "relevance",
  "newest",
  "most-useful",
] as const satisfies readonly SortOrder[];
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The kinds the site-wide page groups results by, in the order it shows them. */
export const SITE_SEARCH_KINDS = [
  "toolkit",
  "course",
  "lesson",
] as const satisfies readonly SearchDocumentKind[];
export type SiteSearchKind = (typeof SITE_SEARCH_KINDS)[number];

/** Past this, a page number is not a page anyone reached by following links. */
export const MAX_PAGE = 10_000;

/** Notices list at most this many ignored values; a URL can repeat a parameter thousands of times. */
const MAX_IGNORED_LISTED = 10;

export interface SearchParamsLimits {
  /** The engine's MAX_QUERY_CHARACTERS. */
  maxQueryCharacters: number;
  /** ISO 639-1 check (app/modules/people/reference-data.ts), kept out of the client bundle. */
  isLanguageCode: (code: string) => boolean;
}

export interface IgnoredValue {
  param: string;
  value: string;
}

/** What the page tells the person about their input, besides the results. */
export interface SearchInputNotices {
  /** Set when the query was longer than the engine reads: the length it was cut to. */
  queryCutTo: number | null;
  /** Filter values and sort orders that were not understood (at most MAX_IGNORED_LISTED). */
  ignored: IgnoredValue[];
  /** How many were ignored in all, listed or not. */
  ignoredCount: number;
}

export interface ToolkitSearchState {
  query: string;
  filters: ToolkitFilters;
  sort: SearchSort;
  page: number;
}

export interface SiteSearchState {
  query: string;
  /** null: every kind, grouped; otherwise one kind, paginated. */
  kind: SiteSearchKind | null;
  page: number;
}

export type ParsedSearchParams<State> =
  | { ok: true; state: State; notices: SearchInputNotices }
  | { ok: false; problem: "bad-page"; state: State; notices: SearchInputNotices };

const includes = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** SPDX ids (CC-BY-4.0, MIT, OGL-UK-3.0) or "proprietary", the shape content/README.md allows. */
const LICENCE_PATTERN = /^(?:[A-Za-z0-9.+-]{1,64}|proprietary)$/;

type ValueCheck = (value: string, limits: SearchParamsLimits) => string | null;

const lowerCaseIn =
  (list: readonly string[]): ValueCheck =>
  (value) => {
    const lower = value.toLowerCase();
    return list.includes(lower) ? lower : null;
  };

/** Each filter's known values; returns the canonical spelling, or null when unknown. */
const FILTER_CHECKS: Record<ToolkitFilterParam, ValueCheck> = {
  type: lowerCaseIn(TOOLKIT_TYPES),
  topic: lowerCaseIn(TOPICS),
  audience: lowerCaseIn(AUDIENCES),
  region: lowerCaseIn(REGIONS),
  language: (value, limits) => {
    const lower = value.toLowerCase();
    return /^[a-z]{2}$/.test(lower) && limits.isLanguageCode(lower) ? lower : null;
  },
  // Matched case-insensitively by the engines; kept as written so labels show "CC-BY-4.0".
  licence: (value) => (LICENCE_PATTERN.test(value) ? value : null),
};

/** Trimmed, control characters as spaces, cut to what the engine reads. */
function readQuery(
  params: URLSearchParams,
  limits: SearchParamsLimits,
): { query: string; cutTo: number | null } {
  // eslint-disable-next-line no-control-regex -- removing them is the point
  const cleaned = (params.get("q") ?? "").replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").trim();
  // Count code points, not UTF-16 units, so a cut never splits an emoji or a CJK surrogate pair.
  const characters = Array.from(cleaned);
  if (characters.length <= limits.maxQueryCharacters) return { query: cleaned, cutTo: null };
  return {
    query: characters.slice(0, limits.maxQueryCharacters).join("").trim(),
    cutTo: limits.maxQueryCharacters,
  };
}

/** 1 when absent or empty; null when it is not a whole number from 1 to MAX_PAGE. */
function readPage(params: URLSearchParams): number | null {
  const raw = (params.get("page") ?? "").trim();
  if (raw === "") return 1;
  if (!/^\d{1,7}$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 && page <= MAX_PAGE ? page : null;
}

function emptyFilters(): ToolkitFilters {
  return { type: [], topic: [], audience: [], region: [], language: [], licence: [] };
}

class IgnoredList {
  readonly listed: IgnoredValue[] = [];
  count = 0;
  add(param: string, value: string) {
    this.count += 1;
    if (this.listed.length < MAX_IGNORED_LISTED)
      this.listed.push({ param, value: value.slice(0, 80) });
  }

  /** What the page tells the searcher about their input. */
  notices(cutTo: number | null): SearchInputNotices {
    return { queryCutTo: cutTo, ignored: this.listed, ignoredCount: this.count };
  }
}

/** A parameter that must be one of `choices`, or null; anything else given is ignored, and listed. */
function readChoice<T extends string>(
  params: URLSearchParams,
  name: string,
  choices: readonly T[],
  ignored: IgnoredList,
  normalize: (value: string) => string = (value) => value,
): T | null {
  const raw = normalize((params.get(name) ?? "").trim());
  if (includes(choices, raw)) return raw;
  if (raw !== "") ignored.add(name, raw);
  return null;
}

export function parseToolkitSearchParams(
  params: URLSearchParams,
  limits: SearchParamsLimits,
): ParsedSearchParams<ToolkitSearchState> {
  const ignored = new IgnoredList();
  const { query, cutTo } = readQuery(params, limits);

  const filters = emptyFilters();
  for (const { param } of TOOLKIT_FILTERS) {
    for (const raw of params.getAll(param)) {
      const value = raw.trim();
      // An empty value is what an untouched form field sends: not a choice, not an error.
      if (value === "") continue;
      const known = FILTER_CHECKS[param](value, limits);
      if (known === null) ignored.add(param, value);
      else if (!filters[param].some((chosen) => chosen.toLowerCase() === known.toLowerCase()))
        filters[param].push(known);
    }
  }

  const sort: SearchSort = readChoice(params, "sort", SEARCH_SORTS, ignored) ?? "relevance";

  const page = readPage(params);
  const notices = ignored.notices(cutTo);
  if (page === null)
    return { ok: false, problem: "bad-page", state: { query, filters, sort, page: 1 }, notices };
  return { ok: true, state: { query, filters, sort, page }, notices };
}

export function parseSiteSearchParams(
  params: URLSearchParams,
  limits: SearchParamsLimits,
): ParsedSearchParams<SiteSearchState> {
  const ignored = new IgnoredList();
  const { query, cutTo } = readQuery(params, limits);
  const kind: SiteSearchKind | null = readChoice(
    params,
    "kind",
    SITE_SEARCH_KINDS,
    ignored,
    (value) => value.toLowerCase(),
  );
  const page = readPage(params);
  const notices = ignored.notices(cutTo);
  if (page === null)
    return { ok: false, problem: "bad-page", state: { query, kind, page: 1 }, notices };
  return { ok: true, state: { query, kind, page }, notices };
}

export function hasToolkitFilters(filters: ToolkitFilters): boolean {
  return TOOLKIT_FILTERS.some(({ param }) => filters[param].length > 0);
}

/**
 * Browsing, not searching: no words, no filters, the first page in the default order. These
 * visits are not logged (they say nothing about what people look for, and every visit to
 * /toolkit would count as a search with results).
 */
export function isToolkitBrowse(state: ToolkitSearchState): boolean {
  return (
    state.query === "" &&
    !hasToolkitFilters(state.filters) &&
    state.page === 1 &&
    state.sort === "relevance"
  );
}

/** The engine's filters for a state: facet name → values (empty facets left out). */
export function toEngineFilters(filters: ToolkitFilters): Partial<Record<FacetName, string[]>> {
  const engineFilters: Partial<Record<FacetName, string[]>> = {};
  for (const { param, facet } of TOOLKIT_FILTERS) {
    if (filters[param].length > 0) engineFilters[facet] = [...filters[param]];
  }
  return engineFilters;
}

/** The filters as logged: URL parameter → values, only those in use. */
export function toLoggedFilters(filters: ToolkitFilters): Record<string, string[]> {
  const logged: Record<string, string[]> = {};
  for (const { param } of TOOLKIT_FILTERS) {
    if (filters[param].length > 0) logged[param] = [...filters[param]];
  }
  return logged;
}

/**
 * The address of a toolkit search. Defaults are left out (no `sort=relevance`, no `page=1`)
 * so that equal searches have equal, short URLs.
 */
export function toolkitSearchHref(state: ToolkitSearchState): string {
  const params = new URLSearchParams();
  if (state.query !== "") params.set("q", state.query);
  for (const { param } of TOOLKIT_FILTERS)
    for (const value of state.filters[param]) params.append(param, value);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  const search = params.toString();
  return search ? `/toolkit?${search}` : "/toolkit";
}

/** A toolkit search for these words alone (where "see all toolkit results" leads). */
export function toolkitQueryHref(query: string): string {
  return toolkitSearchHref({ query, filters: emptyFilters(), sort: "relevance", page: 1 });
}

/** The same search without one filter value, back on the first page. */
export function withoutToolkitFilter(
  state: ToolkitSearchState,
  param: ToolkitFilterParam,
  value: string,
): ToolkitSearchState {
  return {
    ...state,
    filters: {
      ...state.filters,
      [param]: state.filters[param].filter((chosen) => chosen !== value),
    },
    page: 1,
  };
}

/** The same words and order with no filters, first page. */
export function withoutToolkitFilters(state: ToolkitSearchState): ToolkitSearchState {
  return { ...state, filters: emptyFilters(), page: 1 };
}

export function siteSearchHref(state: SiteSearchState): string {
  const params = new URLSearchParams();
  if (state.query !== "") params.set("q", state.query);
  if (state.kind) params.set("kind", state.kind);
  if (state.page > 1) params.set("page", String(state.page));
  const search = params.toString();
  return search ? `/search?${search}` : "/search";
}

/** A result link that records the click (/search/go logs it, then redirects). */
export function searchClickHref(click: {
  queryId: string;
  documentId: string;
  position: number;
}): string {
  const params = new URLSearchParams({
    qid: click.queryId,
    doc: click.documentId,
    pos: String(click.position),
  });
  return `/search/go?${params}`;
}

/**
 * The click-through parameters, read strictly. `documentId` is null when missing; `click` is
 * null when the query id or position is not a sane number (then the redirect still happens,
 * without logging).
 */
export function parseSearchClickParams(params: URLSearchParams): {
  documentId: string | null;
  click: { queryId: string; position: number } | null;
} {
  const documentId = params.get("doc");
  const qid = params.get("qid") ?? "";
  const pos = params.get("pos") ?? "";
  const isQueryId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(qid);
  const position = /^\d{1,6}$/.test(pos) ? Number(pos) : 0;
  return {
    documentId: documentId && documentId.length <= 300 ? documentId : null,
    click: isQueryId && position >= 1 ? { queryId: qid.toLowerCase(), position } : null,
  };
}
