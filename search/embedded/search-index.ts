/**
 * The MiniSearch index of the embedded engine: its fields, boosts and tokenizer, and read access
 * to its posting lists.
 *
 * MiniSearch answers a query by scoring every posting of every matched term (BM25, one result
 * object per document and term), then intersecting. On 10 000 documents a word like "data" has
 * ~24 000 postings, and most of a search's time went into scoring documents that a filter, the
 * kind scope or another word of the query then threw away. So the engine first works out *which*
 * documents match from the same posting lists (bits, see query-plan.ts), and asks MiniSearch to
 * score only those when they are a small share of the index (`boostDocument` returning 0 skips a
 * document before any result is built).
 * Which index terms a query term reaches (itself, prefix completions, typos) is decided by
 * MiniSearch's own radix tree lookups (`atPrefix`, `fuzzyGet`), exactly as `search` does.
 *
 * The posting lists are MiniSearch's protected `_index` (a subclass may read it); a test checks
 * that documents matched this way are exactly those `search` returns, should a MiniSearch release
 * change how it stores them.
 */
import MiniSearch from "minisearch";
import { indexTermsOf, indexTokensOf } from "../text-analysis";

/** What MiniSearch indexes: `id`, the searchable fields, and `shortId`, stored (see `add`). */
export interface IndexedFields {
  id: string;
  /** The short id MiniSearch gives the document; stored so `boostDocument` can test it cheaply. */
  shortId: number;
  title: string;
  summary: string;
  body: string;
  publisher: string | undefined;
  year: number | undefined;
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

/** One term's postings in one field: short document id → number of occurrences. */
export type Postings = ReadonlyMap<number, number>;

/** An index term a query term reached (itself, a completion or a typo) and its postings per field. */
export interface ReachedIndexTerm {
  term: string;
  postings: Postings[];
}

export class SearchIndex extends MiniSearch<IndexedFields> {
  constructor() {
    super({
      idField: "id",
      fields: [...SEARCHABLE_FIELDS],
      tokenize: (text) => indexTokensOf(text),
      processTerm: (token) => indexTermsOf(token),
      storeFields: ["shortId"],
      searchOptions: {
        // Queries arrive as a tree of single, already normalised terms (query-plan.ts).
        tokenize: (term) => [term],
        processTerm: (term) => term,
        boost: FIELD_BOOSTS,
      },
    });
  }

  /**
   * Adds a document and returns its short id. MiniSearch numbers documents in the order they are
   * added; the number is also stored with the document, so that a `boostDocument` callback (which
   * gets stored fields, not short ids) can find it without a lookup by id on every posting.
   */
  addDocument(document: Omit<IndexedFields, "shortId">): number {
    const shortId = this._nextId;
    this.add({ ...document, shortId });
    if (this._idToShortId.get(document.id) !== shortId)
      throw new Error(`MiniSearch gave ${document.id} an unexpected short id`);
    return shortId;
  }

  /** MiniSearch's internal number for a document: the key of its postings. */
  shortIdOf(id: string): number | undefined {
    return this._idToShortId.get(id);
  }

  /** One more than the largest short id given so far (ids are never reused). */
  get shortIdLimit(): number {
    return this._nextId;
  }

  /**
   * The index terms a query term reaches under MiniSearch's own rules (`executeQuerySpec`): the
   * term itself, its completions when `prefix`, and terms within `maxTypos` edits.
   */
  indexTermsReachedBy(term: string, maxTypos: number, prefix: boolean): ReachedIndexTerm[] {
    const reached = new Map<string, Postings[]>();
    const exact = this._index.get(term);
    if (exact) reached.set(term, [...exact.values()]);
    if (prefix) {
      for (const [completion, postings] of this._index.atPrefix(term))
        reached.set(completion, [...postings.values()]);
    }
    if (maxTypos > 0) {
      for (const [neighbour, [postings]] of this._index.fuzzyGet(term, maxTypos))
        reached.set(neighbour, [...postings.values()]);
    }
    return [...reached].map(([indexTerm, postings]) => ({ term: indexTerm, postings }));
  }
}
