/**
 * What the embedded engine does beyond the conformance suite to be fast, checked against the
 * slow way: matching from posting lists against MiniSearch's own search, cached scores against
 * fresh ones, the page picked by a heap against a full sort.
 */
import { describe, expect, it } from "vitest";
import { generateBenchmarkDocuments } from "../bench";
import type { SearchRequest } from "../engine";
import { analyzeQuery } from "../text-analysis";
import { bitIndexes, countBits, withBit, type Bitset } from "./bitset";
import { createEmbeddedSearchEngine } from "./embedded-engine";
import {
  matchedTermsOf,
  matchingDocuments,
  queryPlanOf,
  resolveQueryPlan,
  toMiniSearchQuery,
} from "./query-plan";
import { firstInOrder } from "./ranking";
import { scoreHits } from "./scoring";
import { SearchIndex } from "./search-index";

/** Typos, prefixes, synonyms (also mistyped), numbers, compounds, plurals, other spellings. */
const QUERIES = [
  "data sharing agreement",
  "anonymisaton",
  "pseudonym",
  "DPIA template",
  "mobile network operators covid",
  "2016/679",
  "licence",
  "case studies health",
  "B2G",
  "de-identification risk",
  "data",
  "mobilty indicators",
  "trusted reserch environment",
  "d",
  "privacy i",
  "organis",
  "k-anonymity",
  "covid-19",
  "zzzqqq",
];

/** A bare SearchIndex of the documents, as the engine fills it. */
function indexOf(documents: ReturnType<typeof generateBenchmarkDocuments>): SearchIndex {
  const index = new SearchIndex();
  for (const document of documents) addTo(index, document);
  return index;
}

function addTo(
  index: SearchIndex,
  document: ReturnType<typeof generateBenchmarkDocuments>[number],
): void {
  index.addDocument({
    id: document.id,
    title: document.title,
    summary: document.summary ?? "",
    body: document.body ?? "",
    publisher: document.publisher,
    year: document.year,
  });
}

/** A bit set over the index's short ids with these ids set. */
function bitsOf(index: SearchIndex, shortIds: readonly number[]): Bitset {
  return shortIds.reduce<Bitset>(
    (bits, shortId) => withBit(bits, shortId),
    new Uint32Array(Math.ceil(index.shortIdLimit / 32)),
  );
}

/** Our scores for a query's candidates, with the plan they came from. */
function scoresOfQuery(index: SearchIndex, query: string, candidates: Bitset) {
  const plan = queryPlanOf(analyzeQuery(query));
  if (!plan) throw new Error(`no plan for ${query}`);
  const resolved = resolveQueryPlan(plan, index);
  const scores = scoreHits(resolved, index, candidates);
  if (!scores) throw new Error(`no scores for ${query}`);
  return { plan, resolved, scores };
}

describe("matching from MiniSearch's posting lists", () => {
  it("finds exactly the documents, and the terms, MiniSearch's search finds", () => {
    const documents = generateBenchmarkDocuments(400, 3);
    const index = indexOf(documents);
    // Removed documents stay in the posting lists until MiniSearch cleans them up.
    const removed = new Set(documents.slice(0, 40).map((document) => document.id));
    for (const id of removed) index.discard(id);
    let live: Bitset = new Uint32Array(Math.ceil(index.shortIdLimit / 32));
    for (const document of documents.slice(40)) {
      const shortId = index.shortIdOf(document.id);
      if (shortId !== undefined) live = withBit(live, shortId);
    }

    for (const query of QUERIES) {
      const plan = queryPlanOf(analyzeQuery(query));
      if (!plan) throw new Error(`no plan for ${query}`);
      const resolved = resolveQueryPlan(plan, index);
      const bits = matchingDocuments(resolved, live.length).map(
        (word, at) => word & (live[at] ?? 0),
      );
      const expected = index.search(toMiniSearchQuery(plan));

      const found = bitIndexes(bits).map((shortId) => documents[shortId]?.id);
      expect(found.sort(), query).toEqual(expected.map((result) => result.id).sort());
      for (const result of expected) {
        const shortId = index.shortIdOf(String(result.id));
        if (shortId === undefined) throw new Error(`no short id for ${String(result.id)}`);
        const terms = new Set(matchedTermsOf(resolved, shortId));
        expect([...terms].sort(), `${query}: ${String(result.id)}`).toEqual(
          [...result.terms].sort(),
        );
      }
    }
  });
});

describe("scores computed over typed arrays", () => {
  it("equal MiniSearch's own scores to the last bit, also with documents removed", async () => {
    const documents = generateBenchmarkDocuments(400, 5);
    const index = indexOf(documents);
    const removed = documents.slice(0, 40).map((document) => document.id);
    for (const id of removed) index.discard(id);
    const live = bitsOf(
      index,
      documents.slice(40).flatMap((document) => index.shortIdOf(document.id) ?? []),
    );
    const scoresOf = (query: string) => scoresOfQuery(index, query, live);
    // Ours while the removed documents' postings are still there...
    const beforeCleanUp = new Map(QUERIES.map((query) => [query, scoresOf(query).scores]));
    // ...and after MiniSearch has cleaned them up (before that its own search counts, in document
    // frequencies, the postings of removed documents it has not met yet).
    await index.vacuum();
    let compared = 0;
    for (const query of QUERIES) {
      const { plan, scores } = scoresOf(query);
      for (const result of index.search(toMiniSearchQuery(plan))) {
        const shortId = index.shortIdOf(String(result.id));
        if (shortId === undefined) throw new Error(`no short id for ${String(result.id)}`);
        const label = `${query}: ${String(result.id)}`;
        expect(scores[shortId], label).toBe(result.score);
        // Cleaning up may reorder a prefix's completions, so sums may round differently.
        const early = beforeCleanUp.get(query)?.[shortId] ?? 0;
        expect(Math.abs(early - result.score), label).toBeLessThan(1e-9 * result.score);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });
});

describe("scores computed over typed arrays, the ways they are reached", () => {
  const allOf = (index: SearchIndex) =>
    bitsOf(
      index,
      Array.from({ length: index.shortIdLimit }, (_, shortId) => shortId),
    );

  it("are the same for a few candidates, looked up in the postings, as for all documents", () => {
    const index = indexOf(generateBenchmarkDocuments(2_000, 11));
    const everyone = allOf(index);
    const fewIds = Array.from({ length: 40 }, (_, position) => position * 50 + 3);
    const few = bitsOf(index, fewIds);
    let lookedUp = 0;
    for (const query of QUERIES) {
      const { resolved, scores: fewScores } = scoresOfQuery(index, query, few);
      const { scores: allScores } = scoresOfQuery(index, query, everyone);
      for (const shortId of fewIds)
        expect(fewScores[shortId], `${query}: ${shortId}`).toBe(allScores[shortId]);
      // The other way round, documents that were not candidates get nothing.
      expect(fewScores[4], query).toBe(0);
      lookedUp += largestPostingsOf(resolved) > fewIds.length * 4 ? 1 : 0;
    }
    // Some queries reach postings long enough that the candidates are looked up in them.
    expect(lookedUp).toBeGreaterThan(3);
  });

  it("follow documents added and removed after a search (the average lengths change)", () => {
    const documents = generateBenchmarkDocuments(600, 13);
    const index = indexOf(documents.slice(0, 200));
    const compare = (label: string) => {
      for (const query of QUERIES) {
        const { plan, scores } = scoresOfQuery(index, query, allOf(index));
        for (const result of index.search(toMiniSearchQuery(plan))) {
          const shortId = index.shortIdOf(String(result.id)) ?? -1;
          expect(scores[shortId], `${label}, ${query}: ${String(result.id)}`).toBe(result.score);
        }
      }
    };
    compare("first 200");
    for (const document of documents.slice(200)) addTo(index, document);
    compare("600 added");
    index.removeAll();
    for (const document of documents.slice(400)) addTo(index, document);
    compare("emptied, then 200 others");
  });
});

/** The most postings any field of any index term reached by the plan has. */
function largestPostingsOf(plan: ReturnType<typeof resolveQueryPlan>): number {
  if (plan.kind !== "term") return Math.max(0, ...plan.children.map(largestPostingsOf));
  return Math.max(
    0,
    ...plan.reached.flatMap((reached) =>
      [...reached.postingsByField.values()].map((postings) => postings.size),
    ),
  );
}

describe("cached relevance scores", () => {
  // A filtered search first (scores for its hits only), then wider ones that must add the rest.
  const requests: SearchRequest[] = QUERIES.flatMap((query) => [
    { query, filters: { type: ["guide", "template"] }, facets: ["type", "regions"] },
    { query, filters: { regions: ["europe"] }, kinds: ["toolkit"], facets: ["kind", "type"] },
    { query, page: 2, pageSize: 7 },
    { query, pageSize: 100 },
  ]);

  it("give the same responses as scoring every search afresh, also after writes", async () => {
    const documents = generateBenchmarkDocuments(300, 11);
    const cached = createEmbeddedSearchEngine();
    const uncached = createEmbeddedSearchEngine({ relevanceCacheBytes: 0 });
    for (const engine of [cached, uncached]) await engine.index(documents);

    const responses = async () => ({
      cached: await Promise.all(requests.map((request) => cached.search(request))),
      uncached: await Promise.all(requests.map((request) => uncached.search(request))),
    });
    const before = await responses();
    expect(before.cached).toEqual(before.uncached);

    // A write changes every score (document count, lengths): nothing cached may survive it.
    const changed = documents.slice(0, 30).map((document) => ({
      ...document,
      title: `${document.title} data sharing agreement wombat`,
    }));
    for (const engine of [cached, uncached]) {
      await engine.index(changed);
      await engine.remove(documents.slice(30, 60).map((document) => document.id));
    }
    const after = await responses();
    expect(after.cached).toEqual(after.uncached);
    expect(after.cached).not.toEqual(before.cached);
    const wombats = await cached.search({ query: "wombat", pageSize: 100 });
    expect(wombats.total).toBe(30);
  });
});

describe("picking a page of hits", () => {
  it("gives the same page as sorting every hit", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const hits = Array.from({ length: 1_000 }, (_, position) => position);
    const keys = hits.map(() => Math.floor(random() * 50));
    const order = (left: number, right: number) =>
      (keys[left] ?? 0) - (keys[right] ?? 0) || left - right;
    const sorted = [...hits].sort(order);
    for (const count of [0, 1, 20, 100, 249, 250, 999, 1_000, 5_000]) {
      expect(firstInOrder(hits, count, order), `first ${count}`).toEqual(sorted.slice(0, count));
    }
  });

  it("reads every bit, the 32nd of a word too", () => {
    let bits: Bitset = new Uint32Array(0);
    for (const index of [0, 31, 32, 63, 64, 1_000]) bits = withBit(bits, index);
    expect(bitIndexes(bits)).toEqual([0, 31, 32, 63, 64, 1_000]);
    expect(countBits(bits)).toBe(6);
  });
});
