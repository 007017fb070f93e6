/**
 * The one search contract the app talks to (docs/decisions/003-search-engine-interface.md).
 *
 * Two engines implement it: `embedded/` (in-process, the default) and `meilisearch/`
 * (chosen when MEILI_HOST is set). What both must do beyond their defaults is pinned by
 * `conformance/conformance.ts`; search/README.md explains the semantics.
 */
import { z } from "zod";

/** What a document is. `cohort` and `thread` are indexed once those features exist. */
export const SEARCH_DOCUMENT_KINDS = ["toolkit", "course", "lesson", "cohort", "thread"] as const;
export type SearchDocumentKind = (typeof SEARCH_DOCUMENT_KINDS)[number];

/**
 * Fields people can filter and count by. All are lists of strings on the document
 * (`licence`, `publisher` and `kind` are single values stored as one-item lists).
 */
export const FACET_NAMES = [
  "kind",
  "type",
  "topics",
  "audiences",
  "regions",
  "languages",
  "licence",
  "publisher",
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const SORT_ORDERS = ["relevance", "newest", "most-useful"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** ISO 8601 date or time, or milliseconds since the epoch. */
const dateValueSchema = z.union([z.string().min(1), z.number().finite()]);

export const SearchDocumentSchema = z.object({
  /** Unique across kinds, e.g. "toolkit:gdpr" or "lesson:foundations/what-is-a-data-collaborative". */
  id: z.string().min(1).max(300),
  kind: z.enum(SEARCH_DOCUMENT_KINDS),
  title: z.string(),
  summary: z.string().default(""),
  /** Plain text (MDX already stripped by the caller). */
  body: z.string().default(""),
  /** Path of the page, e.g. "/toolkit/gdpr". */
  url: z.string().min(1),
  type: z.array(z.string()).default([]),
  topics: z.array(z.string()).default([]),
  audiences: z.array(z.string()).default([]),
  regions: z.array(z.string()).default([]),
  languages: z.array(z.string()).default([]),
  /** An SPDX identifier or "proprietary"; a list when a resource has several. */
  licence: z.union([z.string(), z.array(z.string())]).optional(),
  year: z.number().int().optional(),
  publisher: z.string().optional(),
  publishedAt: dateValueSchema.optional(),
  updatedAt: dateValueSchema.optional(),
  usefulCount: z.number().finite().default(0),
});

/** What callers pass to `index()`; defaults are filled in by `parseSearchDocument`. */
export type SearchDocument = z.input<typeof SearchDocumentSchema>;
/** A document after validation, as the engines see it. */
export type ParsedSearchDocument = z.output<typeof SearchDocumentSchema>;

export type SearchFilters = Partial<Record<FacetName, readonly string[]>>;

export interface SearchRequest {
  /** What the person typed; empty means "everything that matches the filters". */
  query?: string;
  /** Values within one facet are OR-ed; facets are AND-ed. Unknown values simply match nothing. */
  filters?: SearchFilters;
  /** Facets to count. Counts are disjunctive: see `SearchResponse.facets`. */
  facets?: readonly FacetName[];
  sort?: SortOrder;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** Restrict to these kinds (a hard scope, e.g. the toolkit page), before any facet counting. */
  kinds?: readonly SearchDocumentKind[];
}

export interface SearchHit {
  id: string;
  kind: SearchDocumentKind;
  title: string;
  url: string;
  /** Raw text: escape it before rendering, or render `highlights` instead. */
  summary: string;
  /**
   * HTML-safe: matched terms are wrapped in <mark>…</mark> and everything else is escaped,
   * so these can be rendered as HTML. Always present, even when nothing matched.
   */
  highlights: { title: string; summary: string };
  /** Engine-specific relevance score; only comparable within one response. */
  score?: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Number of documents matching the query and all filters (not just this page). */
  total: number;
  page: number;
  pageSize: number;
  /**
   * For each requested facet: value → number of documents. A facet's own filter is left
   * out when counting it (so people can widen a selection), while every other filter
   * applies; hence a count equals the `total` you get after adding that value.
   */
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

export interface SearchHealth {
  ok: boolean;
  engine: string;
  detail?: string;
}

export interface SearchEngine {
  /** "embedded" or "meilisearch". */
  readonly name: string;
  /** Adds or replaces documents by id; large lists are sent in batches. */
  index(documents: readonly SearchDocument[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /**
   * Never throws: an unreachable engine is reported as `ok: false`, and so is one whose index
   * cannot be read (a missing index, a wrong key).
   */
  health(): Promise<SearchHealth>;
  /**
   * For an engine whose index lives outside the process (Meilisearch): creates the index and
   * brings its settings up to date, at start. Writes do it too when needed; searches never do.
   * Throws SearchUnavailableError.
   */
  prepare?(): Promise<void>;
  /** Removes every document (tests, full rebuilds). */
  clear(): Promise<void>;
  count(): Promise<number>;
}

const SEARCH_UNAVAILABLE_BRAND = Symbol.for("practica.search-unavailable");

/**
 * The one error callers handle: the engine could not be reached or refused the request.
 * The app shows "search is unavailable" and logs `cause`.
 */
export class SearchUnavailableError extends Error {
  override readonly name = "SearchUnavailableError";
  readonly engine: string;
  /** See isSearchUnavailableError. */
  readonly [SEARCH_UNAVAILABLE_BRAND] = true;

  constructor(engine: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.engine = engine;
  }
}

/**
 * Use this, not `instanceof`: the Remix build bundles its own copy of this module while the
 * server (which creates the engine) loads the original, so the engine's errors are instances
 * of a different class than the one a route module imports.
 */
export function isSearchUnavailableError(error: unknown): error is SearchUnavailableError {
  return typeof error === "object" && error !== null && SEARCH_UNAVAILABLE_BRAND in error;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longer input is cut before analysis; only the first words are searched anyway. */
export const MAX_QUERY_CHARACTERS = 512;

/** A request with every default applied and every value checked. */
export interface NormalizedSearchRequest {
  query: string;
  /** Only facets with at least one value; values de-duplicated. */
  filters: Map<FacetName, string[]>;
  facets: FacetName[];
  sort: SortOrder;
  page: number;
  pageSize: number;
  kinds: SearchDocumentKind[];
}

const isFacetName = (value: string): value is FacetName =>
  (FACET_NAMES as readonly string[]).includes(value);
const isKind = (value: string): value is SearchDocumentKind =>
  (SEARCH_DOCUMENT_KINDS as readonly string[]).includes(value);
const isSortOrder = (value: string): value is SortOrder =>
  (SORT_ORDERS as readonly string[]).includes(value);

function toPositiveInteger(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(1, Math.floor(value));
}

/**
 * Applies defaults and drops what an engine cannot use (unknown facet names, empty values),
 * so both engines start from the same request. Requests may come from URL parameters, so
 * nothing here throws.
 */
export function normalizeSearchRequest(request: SearchRequest): NormalizedSearchRequest {
  const filters = new Map<FacetName, string[]>();
  for (const [facet, values] of Object.entries(request.filters ?? {})) {
    if (!isFacetName(facet) || !Array.isArray(values)) continue;
    const cleanValues = [
      ...new Set(
        values.filter((value): value is string => typeof value === "string" && value !== ""),
      ),
    ];
    if (cleanValues.length > 0) filters.set(facet, cleanValues);
  }
  return {
    query: typeof request.query === "string" ? request.query.slice(0, MAX_QUERY_CHARACTERS) : "",
    filters,
    facets: [...new Set((request.facets ?? []).filter(isFacetName))],
    sort: request.sort !== undefined && isSortOrder(request.sort) ? request.sort : "relevance",
    page: toPositiveInteger(request.page, 1),
    pageSize: Math.min(MAX_PAGE_SIZE, toPositiveInteger(request.pageSize, DEFAULT_PAGE_SIZE)),
    kinds: [...new Set((request.kinds ?? []).filter(isKind))],
  };
}

/** Validates documents at the engine boundary so a bad caller fails loudly, with the field. */
export function parseSearchDocuments(documents: readonly SearchDocument[]): ParsedSearchDocument[] {
  return documents.map((document, position) => {
    const result = SearchDocumentSchema.safeParse(document);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.join(".") || "(document)";
      throw new TypeError(
        `Search document #${position} (${String(document.id)}) is invalid at ${field}: ${issue?.message ?? "unknown error"}`,
      );
    }
    return result.data;
  });
}
