/**
 * The default engine: an in-memory MiniSearch index inside the server process.
 *
 * MiniSearch does the tokenising (with our tokenizer), the inverted index, fuzzy and prefix
 * lookup, and BM25 scoring with field boosts over the AND/OR query tree. Around it, this folder:
 * - turns the shared query plan (text-analysis.ts) into that tree (query-plan.ts), which is how
 *   each word gets its own typo budget and prefix rule, and how synonyms become OR branches;
 * - finds the matching documents from MiniSearch's posting lists as bits, so filters, the kind
 *   scope and disjunctive facet counts are set operations (bitset.ts, document-table.ts);
 * - computes MiniSearch's BM25 scores only when results are ranked by relevance, and only for
 *   the hits, over typed arrays (scoring.ts explains why that is most of the speed);
 * - sorts with deterministic tie-breaks, picks the page without sorting every hit (ranking.ts)
 *   and highlights the hits shown.
 *
 * Nothing is persisted: the app rebuilds the index from the database and content at start.
 */
import { facetValuesOf, newestTimestampOf, titleSortKeyOf } from "../document-values";
import {
  normalizeSearchRequest,
  parseSearchDocuments,
  type FacetName,
  type NormalizedSearchRequest,
  type ParsedSearchDocument,
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
} from "../engine";
import { highlightMatchedTerms } from "../highlight";
import { analyzeQuery } from "../text-analysis";
import { bitIndexes, countBits, hasBit, intersectInto, intersection, type Bitset } from "./bitset";
import { DocumentTable, type StoredDocument } from "./document-table";
import {
  matchedTermsOf,
  matchingDocuments,
  queryPlanOf,
  resolveQueryPlan,
  toMiniSearchQuery,
  type QueryPlan,
  type ResolvedPlan,
} from "./query-plan";
import { firstInOrder, hitOrderFor } from "./ranking";
import { RelevanceCache } from "./relevance-cache";
import { scoreHits } from "./scoring";
import { SearchIndex } from "./search-index";

/** Documents added per step; between steps the event loop runs, so a rebuild never stalls requests. */
const INDEX_BATCH_SIZE = 500;

/** One number per short id and query: 16 MiB keeps ~200 queries at 10 000 documents. */
const DEFAULT_RELEVANCE_CACHE_BYTES = 16 * 2 ** 20;

export interface EmbeddedSearchEngineOptions {
  /** Memory for the scores of recent queries (relevance-cache.ts); 0 turns the cache off. */
  relevanceCacheBytes?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface EmbeddedSearchEngine extends SearchEngine {
  readonly name: "embedded";
  /** Forgets cached scores, so the next searches cost what a query never seen before costs. */
  forgetCachedScores(): void;
}

function storedDocumentOf(document: ParsedSearchDocument): StoredDocument {
  return {
    id: document.id,
    kind: document.kind,
    title: document.title,
    summary: document.summary,
    url: document.url,
    facets: facetValuesOf(document),
    newestTimestamp: newestTimestampOf(document),
    usefulCount: document.usefulCount,
    titleSortKey: titleSortKeyOf(document.title),
  };
}

/**
 * Facet counts are disjunctive: each facet is counted over the matches that pass every filter
 * but its own, so the count next to a value is the total after choosing it too, and people can
 * widen a selection within a facet. A facet without a filter is counted over the hits.
 */
function countFacets(
  table: DocumentTable,
  request: NormalizedSearchRequest,
  matches: Bitset,
  passing: ReadonlyMap<FacetName, Bitset>,
  hits: Bitset,
): SearchResponse["facets"] {
  const facets: SearchResponse["facets"] = {};
  for (const facet of request.facets) {
    const counted = passing.has(facet)
      ? intersection(matches.length, [
          matches,
          ...[...passing].filter(([filtered]) => filtered !== facet).map(([, bits]) => bits),
        ])
      : hits;
    facets[facet] = table.countValues(facet, counted);
  }
  return facets;
}

export function createEmbeddedSearchEngine(
  options: EmbeddedSearchEngineOptions = {},
): EmbeddedSearchEngine {
  let index = new SearchIndex();
  let table = new DocumentTable();
  const relevanceCache = new RelevanceCache(
    options.relevanceCacheBytes ?? DEFAULT_RELEVANCE_CACHE_BYTES,
  );

  function upsert(document: ParsedSearchDocument) {
    const previous = index.shortIdOf(document.id);
    if (previous !== undefined) {
      index.discard(document.id);
      table.remove(previous);
    }
    const shortId = index.addDocument({
      id: document.id,
      title: document.title,
      summary: document.summary,
      body: document.body,
      publisher: document.publisher,
      year: document.year,
    });
    table.add(shortId, storedDocumentOf(document));
  }

  /** MiniSearch's own search, scoring only the hits; for queries scoring.ts cannot take. */
  function scoresFromMiniSearch(plan: QueryPlan, hits: Bitset): Float64Array {
    const results = index.search(toMiniSearchQuery(plan), {
      // 0 skips a document before MiniSearch builds a result for it.
      boostDocument: (_id, _term, stored) =>
        typeof stored?.shortId === "number" && hasBit(hits, stored.shortId) ? 1 : 0,
    });
    const scores = new Float64Array(index.shortIdLimit);
    for (const result of results) {
      const shortId: unknown = result.shortId;
      if (typeof shortId === "number") scores[shortId] = result.score;
    }
    return scores;
  }

  /** BM25 scores by short id for (at least) the hits, from the cache or computed for the hits. */
  function relevanceScores(
    plan: QueryPlan,
    resolved: ResolvedPlan,
    hits: Bitset,
    hitCount: number,
  ): Float64Array {
    const key = JSON.stringify(plan);
    const cached = relevanceCache.get(key, hits, hitCount);
    if (cached) return cached;
    const scores = scoreHits(resolved, index, hits) ?? scoresFromMiniSearch(plan, hits);
    return relevanceCache.add(key, hits, scores);
  }

  function toSearchHit(
    shortId: number,
    resolved: ResolvedPlan | undefined,
    scores: Float64Array | undefined,
  ): SearchHit {
    const document = table.get(shortId);
    if (!document) throw new Error(`no stored document for short id ${shortId}`);
    const matchedTerms = new Set(resolved ? (matchedTermsOf(resolved, shortId) ?? []) : []);
    return {
      id: document.id,
      kind: document.kind,
      title: document.title,
      url: document.url,
      summary: document.summary,
      highlights: {
        title: highlightMatchedTerms(document.title, matchedTerms),
        summary: highlightMatchedTerms(document.summary, matchedTerms),
      },
      ...(scores === undefined ? {} : { score: scores[shortId] ?? 0 }),
    };
  }

  return {
    name: "embedded",

    async index(documents: readonly SearchDocument[]): Promise<void> {
      const parsed = parseSearchDocuments(documents);
      for (let start = 0; start < parsed.length; start += INDEX_BATCH_SIZE) {
        if (start > 0) await yieldToEventLoop();
        for (const document of parsed.slice(start, start + INDEX_BATCH_SIZE)) upsert(document);
        // Searches run between batches; scores they cache must not outlive the next batch.
        relevanceCache.clear();
      }
    },

    async remove(ids: readonly string[]): Promise<void> {
      relevanceCache.clear();
      for (const id of ids) {
        const shortId = index.shortIdOf(id);
        if (shortId === undefined) continue;
        index.discard(id);
        table.remove(shortId);
      }
    },

    async search(request: SearchRequest): Promise<SearchResponse> {
      const normalized = normalizeSearchRequest(request);
      const plan = queryPlanOf(analyzeQuery(normalized.query));
      const words = table.words;

      // What the query matches (everything for an empty one), then within the kinds in scope.
      const resolved = plan && resolveQueryPlan(plan, index);
      const queryMatches = table.liveDocuments(words);
      if (resolved) intersectInto(queryMatches, matchingDocuments(resolved, words));
      const matches =
        normalized.kinds.length > 0
          ? intersection(words, [queryMatches, table.documentsOfKinds(normalized.kinds, words)])
          : queryMatches;

      const passing = new Map<FacetName, Bitset>();
      for (const [facet, values] of normalized.filters)
        passing.set(facet, table.documentsWithAnyValue(facet, values, words));
      const hits = intersection(words, [matches, ...passing.values()]);
      const total = countBits(hits);

      const start = (normalized.page - 1) * normalized.pageSize;
      let shown: number[] = [];
      let scores: Float64Array | undefined;
      if (start < total) {
        scores =
          plan && resolved && normalized.sort === "relevance"
            ? relevanceScores(plan, resolved, hits, total)
            : undefined;
        const order = hitOrderFor(
          normalized.sort,
          (shortId) => table.get(shortId),
          table.titlePositions(),
          scores,
        );
        shown = firstInOrder(bitIndexes(hits), start + normalized.pageSize, order).slice(start);
      }

      return {
        hits: shown.map((shortId) => toSearchHit(shortId, resolved, scores)),
        total,
        page: normalized.page,
        pageSize: normalized.pageSize,
        facets: countFacets(table, normalized, matches, passing, hits),
      };
    },

    async health(): Promise<SearchHealth> {
      return {
        ok: true,
        engine: "embedded",
        detail: `${table.size} documents in memory`,
      };
    },

    async clear(): Promise<void> {
      // A fresh index rather than removeAll(): it also drops any pending vacuum of discarded ids.
      index = new SearchIndex();
      table = new DocumentTable();
      relevanceCache.clear();
    },

    async count(): Promise<number> {
      return table.size;
    },

    forgetCachedScores(): void {
      relevanceCache.clear();
    },
  };
}
