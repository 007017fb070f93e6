/**
 * The default engine: an in-memory MiniSearch index inside the server process.
 *
 * MiniSearch does the tokenising (with our tokenizer), the inverted index, fuzzy and prefix
 * lookup, BM25 scoring with field boosts and the AND/OR query tree. Around it, this file:
 * - turns the shared query plan (text-analysis.ts) into a MiniSearch query tree, which is how
 *   each word gets its own typo budget and prefix rule, and how synonyms become OR branches;
 * - filters and counts facets in one pass over the matches (disjunctive counts, see below);
 * - sorts with deterministic tie-breaks, paginates and highlights.
 *
 * Nothing is persisted: the app rebuilds the index from the database and content at start.
 */
import MiniSearch, { type Query, type SearchResult } from "minisearch";
import {
  compareStrings,
  facetValuesOf,
  newestTimestampOf,
  titleSortKeyOf,
  type FacetValues,
} from "../document-values";
import {
  normalizeSearchRequest,
  parseSearchDocuments,
  type FacetName,
  type NormalizedSearchRequest,
  type ParsedSearchDocument,
  type SearchDocument,
  type SearchDocumentKind,
  type SearchEngine,
  type SearchHealth,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
  type SortOrder,
} from "../engine";
import { highlightMatchedTerms } from "../highlight";
import {
  analyzeQuery,
  indexTermsOf,
  indexTokensOf,
  needsWrittenForm,
  type AnalyzedQuery,
  type QueryClause,
  type QueryWord,
} from "../text-analysis";

/** What MiniSearch indexes; only `id` and the searchable fields are read from it. */
interface IndexedFields {
  id: string;
  title: string;
  summary: string;
  body: string;
  publisher: string | undefined;
  year: number | undefined;
}

/** What we keep per document to filter, count, sort and display (the body is not kept). */
interface StoredDocument {
  id: string;
  kind: SearchDocumentKind;
  title: string;
  summary: string;
  url: string;
  facets: FacetValues;
  newestTimestamp: number;
  usefulCount: number;
  titleSortKey: string;
}

/** A document that matched the query, before filters. */
interface Candidate {
  document: StoredDocument;
  score: number | undefined;
  /** Index terms that matched (MiniSearch's `terms`); made into a set only for shown hits. */
  matchedTerms: readonly string[];
}

const SEARCHABLE_FIELDS = ["title", "summary", "body", "publisher", "year"] as const;
/**
 * Title over summary over body. Publisher and year are searchable ("ICO", "2020") but weigh
 * less than body text: BM25 scores short fields highly, so they need the lower boost.
 */
const FIELD_BOOSTS: Record<(typeof SEARCHABLE_FIELDS)[number], number> = {
  title: 4,
  summary: 2,
  body: 1,
  publisher: 0.5,
  year: 0.5,
};
/** Documents added per step; between steps the event loop runs, so a rebuild never stalls requests. */
const INDEX_BATCH_SIZE = 500;

const NO_MATCHED_TERMS: readonly string[] = [];

function createMiniSearch(): MiniSearch<IndexedFields> {
  return new MiniSearch<IndexedFields>({
    idField: "id",
    fields: [...SEARCHABLE_FIELDS],
    tokenize: (text) => indexTokensOf(text),
    processTerm: (token) => indexTermsOf(token),
    searchOptions: {
      // Queries arrive as a tree of single, already normalised terms (see `toMiniSearchQuery`).
      tokenize: (term) => [term],
      processTerm: (term) => term,
      boost: FIELD_BOOSTS,
    },
  });
}

/**
 * One typed word: its normal form, or its written form when the index may hold that separately
 * (see `needsWrittenForm`), each with the word's typo budget and prefix rule.
 */
function wordQuery(word: QueryWord): Query {
  const forms = needsWrittenForm(word.folded, word.term) ? [word.term, word.folded] : [word.term];
  return {
    combineWith: "OR",
    queries: forms.map((form) => ({
      queries: [form],
      fuzzy: word.maxTypos > 0 ? word.maxTypos : false,
      prefix: word.isPrefix,
    })),
  };
}

/** The typed words (all required) OR any alternative (synonym, split compound), matched exactly. */
function clauseQuery(clause: QueryClause): Query {
  const typedWords: Query = { combineWith: "AND", queries: clause.words.map(wordQuery) };
  // The typed words already cover an alternative spelled the same way (with typos and prefix on
  // top); searching it again would only double the work on the most common words.
  const typedTerms = clause.words.map((word) => word.term).join(" ");
  const otherAlternatives = clause.alternatives.filter((terms) => terms.join(" ") !== typedTerms);
  const alternatives: Query[] = otherAlternatives.map((terms) => ({
    combineWith: "AND",
    queries: terms.map((term) => ({ queries: [term], fuzzy: false, prefix: false })),
  }));
  return { combineWith: "OR", queries: [typedWords, ...alternatives] };
}

function toMiniSearchQuery(analysis: AnalyzedQuery): Query {
  return { combineWith: "AND", queries: analysis.clauses.map(clauseQuery) };
}

type Comparator = (left: Candidate, right: Candidate) => number;

const byTitleThenId: Comparator = (left, right) =>
  compareStrings(left.document.titleSortKey, right.document.titleSortKey) ||
  compareStrings(left.document.id, right.document.id);

function comparatorFor(sort: SortOrder, hasQuery: boolean): Comparator {
  switch (sort) {
    case "newest":
      return (left, right) =>
        right.document.newestTimestamp - left.document.newestTimestamp ||
        byTitleThenId(left, right);
    case "most-useful":
      return (left, right) =>
        right.document.usefulCount - left.document.usefulCount || byTitleThenId(left, right);
    case "relevance":
      return hasQuery
        ? (left, right) => (right.score ?? 0) - (left.score ?? 0) || byTitleThenId(left, right)
        : byTitleThenId;
  }
}

/** Filter values compared case-insensitively, as Meilisearch compares filter strings. */
function lowerCaseFilters(request: NormalizedSearchRequest): Map<FacetName, Set<string>> {
  const filters = new Map<FacetName, Set<string>>();
  for (const [facet, values] of request.filters) {
    filters.set(facet, new Set(values.map((value) => value.toLowerCase())));
  }
  return filters;
}

/**
 * Splits candidates into hits and facet counts in one pass. A candidate that passes every filter
 * is a hit and counts for every requested facet. One that fails exactly one facet's filter still
 * counts for that facet: those are the counts of "this query with all other filters", which is
 * what lets people widen a selection (disjunctive within a facet, conjunctive across facets).
 * This gives the same numbers as running one extra search per filtered facet, without the searches.
 */
function filterAndCountFacets(
  candidates: readonly Candidate[],
  request: NormalizedSearchRequest,
): { hits: Candidate[]; facets: SearchResponse["facets"] } {
  const filters = lowerCaseFilters(request);
  const counts = new Map<FacetName, Map<string, number>>(
    request.facets.map((facet) => [facet, new Map<string, number>()]),
  );
  const addCounts = (facet: FacetName, document: StoredDocument) => {
    const facetCounts = counts.get(facet);
    if (!facetCounts) return;
    for (const value of document.facets[facet])
      facetCounts.set(value, (facetCounts.get(value) ?? 0) + 1);
  };

  const hits: Candidate[] = [];
  for (const candidate of candidates) {
    let failedFacet: FacetName | undefined;
    let failedCount = 0;
    for (const [facet, accepted] of filters) {
      const passes = candidate.document.facets[facet].some((value) =>
        accepted.has(value.toLowerCase()),
      );
      if (passes) continue;
      failedFacet = facet;
      failedCount += 1;
      if (failedCount > 1) break;
    }
    if (failedCount === 0) {
      hits.push(candidate);
      for (const facet of request.facets) addCounts(facet, candidate.document);
    } else if (failedCount === 1 && failedFacet !== undefined) {
      addCounts(failedFacet, candidate.document);
    }
  }

  const facets: SearchResponse["facets"] = {};
  for (const [facet, facetCounts] of counts) facets[facet] = Object.fromEntries(facetCounts);
  return { hits, facets };
}

function toSearchHit(candidate: Candidate): SearchHit {
  const { document, score } = candidate;
  const matchedTerms = new Set(candidate.matchedTerms);
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
    ...(score === undefined ? {} : { score }),
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface EmbeddedSearchEngine extends SearchEngine {
  readonly name: "embedded";
}

export function createEmbeddedSearchEngine(): EmbeddedSearchEngine {
  let miniSearch = createMiniSearch();
  const storedDocuments = new Map<string, StoredDocument>();

  function upsert(document: ParsedSearchDocument) {
    if (storedDocuments.has(document.id)) miniSearch.discard(document.id);
    miniSearch.add({
      id: document.id,
      title: document.title,
      summary: document.summary,
      body: document.body,
      publisher: document.publisher,
      year: document.year,
    });
    storedDocuments.set(document.id, {
      id: document.id,
      kind: document.kind,
      title: document.title,
      summary: document.summary,
      url: document.url,
      facets: facetValuesOf(document),
      newestTimestamp: newestTimestampOf(document),
      usefulCount: document.usefulCount,
      titleSortKey: titleSortKeyOf(document.title),
    });
  }

  function findCandidates(analysis: AnalyzedQuery, kinds: ReadonlySet<string>): Candidate[] {
    const isInScope = (document: StoredDocument) => kinds.size === 0 || kinds.has(document.kind);
    if (analysis.clauses.length === 0) {
      // No searchable words: everything in scope matches, ordered later by the sort.
      return [...storedDocuments.values()]
        .filter(isInScope)
        .map((document) => ({ document, score: undefined, matchedTerms: NO_MATCHED_TERMS }));
    }
    const candidates: Candidate[] = [];
    const results: SearchResult[] = miniSearch.search(toMiniSearchQuery(analysis));
    for (const result of results) {
      const document = storedDocuments.get(String(result.id));
      if (!document || !isInScope(document)) continue;
      candidates.push({ document, score: result.score, matchedTerms: result.terms });
    }
    return candidates;
  }

  return {
    name: "embedded",

    async index(documents: readonly SearchDocument[]): Promise<void> {
      const parsed = parseSearchDocuments(documents);
      for (let start = 0; start < parsed.length; start += INDEX_BATCH_SIZE) {
        if (start > 0) await yieldToEventLoop();
        for (const document of parsed.slice(start, start + INDEX_BATCH_SIZE)) upsert(document);
      }
    },

    async remove(ids: readonly string[]): Promise<void> {
      for (const id of ids) {
        if (!storedDocuments.has(id)) continue;
        miniSearch.discard(id);
        storedDocuments.delete(id);
      }
    },

    async search(request: SearchRequest): Promise<SearchResponse> {
      const normalized = normalizeSearchRequest(request);
      const analysis = analyzeQuery(normalized.query);
      const candidates = findCandidates(analysis, new Set(normalized.kinds));
      const { hits, facets } = filterAndCountFacets(candidates, normalized);
      hits.sort(comparatorFor(normalized.sort, analysis.clauses.length > 0));
      const start = (normalized.page - 1) * normalized.pageSize;
      return {
        hits: hits.slice(start, start + normalized.pageSize).map(toSearchHit),
        total: hits.length,
        page: normalized.page,
        pageSize: normalized.pageSize,
        facets,
      };
    },

    async health(): Promise<SearchHealth> {
      return {
        ok: true,
        engine: "embedded",
        detail: `${storedDocuments.size} documents in memory`,
      };
    },

    async clear(): Promise<void> {
      // A fresh index rather than removeAll(): it also drops any pending vacuum of discarded ids.
      miniSearch = createMiniSearch();
      storedDocuments.clear();
    },

    async count(): Promise<number> {
      return storedDocuments.size;
    },
  };
}
