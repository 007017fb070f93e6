/**
 * The MiniSearch index of the embedded engine: its fields, boosts and tokenizer, and read access
 * to its posting lists.
 *
 * MiniSearch answers a query by scoring every posting of every matched term (BM25, one result
 * object per document and term), then intersecting. On 10 000 documents a word like "data" has
 * ~24 000 postings, and most of a search's time went into result objects for documents that a
 * filter, the kind scope or another word of the query then threw away. So the engine works out
 * *which* documents match from the same posting lists (bits, see query-plan.ts), and computes
 * MiniSearch's scores only for those, into typed arrays (`addTermScores`, scoring.ts).
 * Which index terms a query term reaches (itself, prefix completions, typos) is decided by
 * MiniSearch's own radix tree lookups (`atPrefix`, `fuzzyGet`), exactly as `search` does.
 *
 * The posting lists are MiniSearch's protected `_index` (a subclass may read it); a test checks
 * that documents matched this way are exactly those `search` returns, should a MiniSearch release
 * change how it stores them.
 */
import MiniSearch from "minisearch";
import { indexTermsOf, indexTokensOf } from "../text-analysis";
import { hasBit, type Bitset } from "./bitset";

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

/**
 * MiniSearch's default weights for an index term reached by completing a prefix or by a typo
 * (`defaultSearchOptions.weights`); the engine does not change them.
 */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** MiniSearch's default BM25+ parameters (`defaultBM25params`). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** An index term a query term reached (itself, a completion or a typo) and its postings per field. */
export interface ReachedIndexTerm {
  term: string;
  /** The weight MiniSearch gives this index term: 1 for the term itself, less for completions and typos. */
  weight: number;
  /** By MiniSearch field id. */
  postingsByField: ReadonlyMap<number, Postings>;
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
    // Same order and weights as MiniSearch: the term, then completions (a completion also within
    // the typo budget counts as a completion), then typos. The expressions are MiniSearch's own,
    // so that scores computed from them are equal to its scores to the last bit.
    const reached = new Map<string, ReachedIndexTerm>();
    const add = (indexTerm: string, weight: number, byField: ReadonlyMap<number, Postings>) => {
      if (reached.has(indexTerm)) return;
      reached.set(indexTerm, {
        term: indexTerm,
        weight,
        postingsByField: byField,
      });
    };
    const exact = this._index.get(term);
    if (exact) add(term, 1, exact);
    if (prefix) {
      for (const [completion, byField] of this._index.atPrefix(term)) {
        const distance = completion.length - term.length;
        if (distance === 0) continue;
        add(
          completion,
          (PREFIX_WEIGHT * completion.length) / (completion.length + 0.3 * distance),
          byField,
        );
      }
    }
    if (maxTypos > 0) {
      for (const [neighbour, [byField, distance]] of this._index.fuzzyGet(term, maxTypos)) {
        if (distance === 0) continue;
        add(neighbour, (FUZZY_WEIGHT * neighbour.length) / (neighbour.length + distance), byField);
      }
    }
    return [...reached.values()];
  }

  /**
   * Adds one reached index term's BM25 contribution for every candidate document it occurs in to
   * `scores`, and sets `termBit` in `termMasks` for those documents: MiniSearch's `termResults`,
   * into typed arrays instead of a result object per posting (see scoring.ts).
   *
   * `candidateIds` are the short ids set in `candidates`. When they are much fewer than a field's
   * postings (a filtered search, or one word of a query that another word narrows), the candidates
   * are looked up in the postings instead of walking every posting. Either way each document gets
   * at most one addition per term and field, in the same order, so the sums are the same.
   *
   * Postings of documents discarded since are skipped. While any exist (until MiniSearch's
   * vacuum), a field's document frequency is its live postings: what MiniSearch's own search
   * converges to once it has cleaned them up.
   */
  addTermScores(
    reached: ReachedIndexTerm,
    candidates: Bitset,
    candidateIds: readonly number[],
    scores: Float64Array,
    termMasks: Uint32Array,
    termBit: number,
  ): void {
    const { k, d } = BM25;
    const hasDiscarded = this._dirtCount > 0;
    const lengthTerms = this.lengthTermsByField();
    for (const field of SEARCHABLE_FIELDS) {
      const fieldId = this._fieldIds[field];
      if (fieldId === undefined) continue;
      const postings = reached.postingsByField.get(fieldId);
      const fieldLengthTerms = lengthTerms[fieldId];
      if (postings === undefined || fieldLengthTerms === undefined) continue;
      let matchingCount = postings.size;
      if (hasDiscarded) {
        for (const shortId of postings.keys())
          if (!this._documentIds.has(shortId)) matchingCount -= 1;
      }
      const inverseDocumentFrequency = Math.log(
        1 + (this._documentCount - matchingCount + 0.5) / (matchingCount + 0.5),
      );
      // MiniSearch multiplies weight, boost and score left to right; the product of the first two
      // is the same for every posting.
      const termWeight = reached.weight * FIELD_BOOSTS[field];
      const add = (shortId: number, termFrequency: number) => {
        const lengthTerm = fieldLengthTerms[shortId] ?? Number.NaN;
        if (Number.isNaN(lengthTerm)) return; // discarded since
        const rawScore =
          inverseDocumentFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + lengthTerm));
        scores[shortId] = (scores[shortId] ?? 0) + termWeight * rawScore;
        termMasks[shortId] = (termMasks[shortId] ?? 0) | termBit;
      };
      // A Map lookup costs a few times a step of its iteration.
      if (candidateIds.length * 4 < postings.size) {
        for (const shortId of candidateIds) {
          const termFrequency = postings.get(shortId);
          if (termFrequency !== undefined) add(shortId, termFrequency);
        }
      } else {
        for (const [shortId, termFrequency] of postings)
          if (hasBit(candidates, shortId)) add(shortId, termFrequency);
      }
    }
  }

  /**
   * BM25's length term, k · (1 − b + b · length / average length), per field by short id; NaN
   * where a document has no length (discarded, or the field was empty). It is the same for every
   * term a search scores, and looking lengths up in MiniSearch's Map for each posting was most of a
   * broad search's time. Worked out again after any document is added or removed, on the next
   * search: the average length changes with every document.
   */
  private lengthTermsByField(): Float64Array[] {
    if (this.lengthTerms?.revision === this.revision) return this.lengthTerms.byField;
    const { k, b } = BM25;
    const byField: Float64Array[] = [];
    for (const field of SEARCHABLE_FIELDS) {
      const fieldId = this._fieldIds[field];
      if (fieldId === undefined) continue;
      const averageLength = this._avgFieldLength[fieldId] ?? 0;
      const terms = new Float64Array(this._nextId).fill(Number.NaN);
      for (const [shortId, lengths] of this._fieldLength) {
        const fieldLength = lengths[fieldId];
        // The same expression as MiniSearch's, so the result is equal to the last bit.
        if (fieldLength !== undefined)
          terms[shortId] = k * (1 - b + (b * fieldLength) / averageLength);
      }
      byField[fieldId] = terms;
    }
    this.lengthTerms = { revision: this.revision, byField };
    return byField;
  }

  /** Counts changes to the documents, so `lengthTermsByField` knows when it is out of date. */
  private revision = 0;
  private lengthTerms: { revision: number; byField: Float64Array[] } | undefined;

  // Every way MiniSearch adds or removes documents (its replace, addAll and discardAll call these).
  override add(document: IndexedFields): void {
    super.add(document);
    this.revision += 1;
  }

  override discard(id: string): void {
    super.discard(id);
    this.revision += 1;
  }

  override remove(document: IndexedFields): void {
    super.remove(document);
    this.revision += 1;
  }

  override removeAll(...documents: Parameters<MiniSearch<IndexedFields>["removeAll"]>): void {
    // Passed on as given: MiniSearch tells "no argument" from "undefined".
    super.removeAll(...documents);
    this.revision += 1;
  }
}
