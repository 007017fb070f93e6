/**
 * Turns a normalised search request into Meilisearch multi-search queries, and Meilisearch's
 * answers back into a `SearchResponse`. Pure functions, tested without a server.
 */
import type { Filter, MultiSearchQuery, MultiSearchResponse } from "meilisearch";
import { z } from "zod";
import {
  SEARCH_DOCUMENT_KINDS,
  SearchUnavailableError,
  type FacetName,
  type NormalizedSearchRequest,
  type SearchHit,
  type SearchResponse,
} from "../engine";
import {
  HIGHLIGHT_END_SENTINEL,
  HIGHLIGHT_START_SENTINEL,
  escapeHtml,
  sentinelMarkedTextToHtml,
} from "../highlight";
import type { AnalyzedQuery, QueryClause } from "../text-analysis";
import { HIGHLIGHTED_ATTRIBUTES, RETRIEVED_ATTRIBUTES } from "./index-settings";

/**
 * The query text Meilisearch receives, built from the shared query plan:
 * - words in their normal form, matching the normalised "…Terms" fields exactly;
 * - a recognised synonym (possibly typed with a typo) as its correct spelling, which
 *   Meilisearch's synonym map then expands (a member longer than three words as its group's
 *   shortest member: see `synonymToSend`);
 * - tokens with digits in double quotes: a phrase, which Meilisearch matches with no typo and
 *   no prefix ("108" must not find "1080"), even on servers without `disableOnNumbers`.
 * Punctuation and quotes the person typed never reach Meilisearch: the plan has only words.
 */
export function buildQueryText(analysis: AnalyzedQuery): string {
  return analysis.clauses
    .map((clause) => {
      if (clause.recognizedSynonym) return synonymToSend(clause).join(" ");
      return clause.words.map((word) => (word.isExact ? `"${word.term}"` : word.term)).join(" ");
    })
    .join(" ");
}

/** Meilisearch looks up synonyms only for terms of one to three words. */
export const MAX_SYNONYM_TERM_WORDS = 3;

/**
 * The member of a recognised synonym group to send. Meilisearch never expands a longer member
 * ("general data protection regulation" would not find "GDPR"), but it does expand a short
 * member into the long ones, so a longer member is sent as the group's shortest ("gdpr"), which
 * finds both.
 */
function synonymToSend(clause: QueryClause): readonly string[] {
  const recognized = clause.recognizedSynonym ?? [];
  if (recognized.length <= MAX_SYNONYM_TERM_WORDS) return recognized;
  let shortest: readonly string[] = recognized;
  for (const alternative of clause.alternatives) {
    if (alternative.length < shortest.length) shortest = alternative;
  }
  return shortest;
}

/** A filter string literal; Meilisearch accepts backslash escapes inside double quotes. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * Meilisearch's array filter form: inner arrays are OR-ed, the outer array AND-ed — exactly
 * "OR within a facet, AND across facets". `omitFacet` leaves one facet's filter out, for its
 * disjunctive counts.
 */
export function buildFilter(
  request: NormalizedSearchRequest,
  omitFacet?: FacetName,
): Filter | undefined {
  const groups: string[][] = [];
  if (request.kinds.length > 0) {
    groups.push(request.kinds.map((kind) => `kind = ${quoteFilterValue(kind)}`));
  }
  for (const [facet, values] of request.filters) {
    if (facet === omitFacet) continue;
    groups.push(values.map((value) => `${facet} = ${quoteFilterValue(value)}`));
  }
  // No filter at all rather than an empty one.
  return groups.length > 0 ? groups : undefined;
}

export function buildSort(
  request: NormalizedSearchRequest,
  hasQuery: boolean,
): string[] | undefined {
  const byTitleThenId = ["titleSort:asc", "id:asc"];
  switch (request.sort) {
    case "newest":
      return ["newestTimestamp:desc", ...byTitleThenId];
    case "most-useful":
      return ["usefulCount:desc", ...byTitleThenId];
    case "relevance":
      // With a query the ranking rules decide (and end with title, id); without, by title.
      return hasQuery ? undefined : byTitleThenId;
  }
}

/**
 * One query for the hits (and the counts of unfiltered facets, which are right as they are),
 * plus one per requested facet that has a filter: the same search without that facet's filter,
 * for its disjunctive counts. Sent together as one multi-search request.
 */
export function buildMultiSearchQueries(
  indexUid: string,
  request: NormalizedSearchRequest,
  analysis: AnalyzedQuery,
): { queries: MultiSearchQuery[]; facetQueryOrder: FacetName[] } {
  const q = buildQueryText(analysis);
  const filteredFacets = request.facets.filter((facet) => request.filters.has(facet));
  const unfilteredFacets = request.facets.filter((facet) => !request.filters.has(facet));
  const sort = buildSort(request, q !== "");
  const filter = buildFilter(request);
  const hitsQuery: MultiSearchQuery = {
    indexUid,
    q,
    ...(filter ? { filter } : {}),
    ...(sort ? { sort } : {}),
    page: request.page,
    hitsPerPage: request.pageSize,
    ...(unfilteredFacets.length > 0 ? { facets: unfilteredFacets } : {}),
    matchingStrategy: "all",
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    attributesToHighlight: [...HIGHLIGHTED_ATTRIBUTES],
    highlightPreTag: HIGHLIGHT_START_SENTINEL,
    highlightPostTag: HIGHLIGHT_END_SENTINEL,
    showRankingScore: true,
  };
  const facetQueries: MultiSearchQuery[] = filteredFacets.map((facet) => {
    const filterWithoutFacet = buildFilter(request, facet);
    return {
      indexUid,
      q,
      ...(filterWithoutFacet ? { filter: filterWithoutFacet } : {}),
      facets: [facet],
      limit: 0,
      matchingStrategy: "all",
    };
  });
  return { queries: [hitsQuery, ...facetQueries], facetQueryOrder: filteredFacets };
}

const HitSchema = z.object({
  id: z.string(),
  kind: z.enum(SEARCH_DOCUMENT_KINDS),
  title: z.string(),
  summary: z.string(),
  url: z.string(),
  _formatted: z.object({ title: z.string().optional(), summary: z.string().optional() }).optional(),
  _rankingScore: z.number().optional(),
});

const FacetDistributionSchema = z.record(z.string(), z.record(z.string(), z.number()));

const SearchResultSchema = z.object({
  hits: z.array(z.unknown()),
  totalHits: z.number().optional(),
  estimatedTotalHits: z.number().optional(),
  facetDistribution: FacetDistributionSchema.optional(),
});

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new SearchUnavailableError(
      "meilisearch",
      `Meilisearch returned an unexpected ${what}: ${result.error.issues[0]?.message ?? "invalid"}`,
      { cause: result.error },
    );
  }
  return result.data;
}

function toSearchHit(value: unknown): SearchHit {
  const hit = parseOrFail(HitSchema, value, "hit");
  const formatted = hit._formatted ?? {};
  return {
    id: hit.id,
    kind: hit.kind,
    title: hit.title,
    url: hit.url,
    summary: hit.summary,
    highlights: {
      title:
        formatted.title === undefined
          ? escapeHtml(hit.title)
          : sentinelMarkedTextToHtml(formatted.title),
      summary:
        formatted.summary === undefined
          ? escapeHtml(hit.summary)
          : sentinelMarkedTextToHtml(formatted.summary),
    },
    ...(hit._rankingScore === undefined ? {} : { score: hit._rankingScore }),
  };
}

export function toSearchResponse(
  request: NormalizedSearchRequest,
  facetQueryOrder: readonly FacetName[],
  response: MultiSearchResponse,
): SearchResponse {
  const [hitsResult, ...facetResults] = response.results.map((result) =>
    parseOrFail(SearchResultSchema, result, "search result"),
  );
  if (!hitsResult || facetResults.length !== facetQueryOrder.length) {
    throw new SearchUnavailableError(
      "meilisearch",
      "Meilisearch returned fewer results than queries sent",
    );
  }

  const distributions = new Map<FacetName, Record<string, number>>();
  for (const facet of request.facets) {
    const distribution = hitsResult.facetDistribution?.[facet];
    if (distribution) distributions.set(facet, distribution);
  }
  facetQueryOrder.forEach((facet, position) => {
    const distribution = facetResults[position]?.facetDistribution?.[facet];
    if (distribution) distributions.set(facet, distribution);
  });
  const facets: SearchResponse["facets"] = {};
  // Every requested facet is present, empty when nothing matched.
  for (const facet of request.facets) facets[facet] = { ...distributions.get(facet) };

  return {
    hits: hitsResult.hits.map(toSearchHit),
    total: hitsResult.totalHits ?? hitsResult.estimatedTotalHits ?? hitsResult.hits.length,
    page: request.page,
    pageSize: request.pageSize,
    facets,
  };
}
