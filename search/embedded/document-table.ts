/**
 * What the embedded engine keeps per document to filter, count, sort and display (the body is
 * not kept), by MiniSearch short id, and the sets built from it at index time:
 *
 * - the live documents (short ids of replaced or removed documents are never reused);
 * - for every facet value, the documents that have it, so a filter is the union of a few sets
 *   and a facet count is the size of an intersection;
 * - the position of every document in "by title, then id" order, computed once after each change,
 *   so sorting compares numbers, not strings.
 */
import { compareStrings, type FacetValues } from "../document-values";
import { FACET_NAMES, type FacetName, type SearchDocumentKind } from "../engine";
import { clearBit, countCommonBits, uniteInto, withBit, wordsFor, type Bitset } from "./bitset";

export interface StoredDocument {
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

/** The documents of each value of one facet. */
interface FacetIndex {
  documentsByValue: Map<string, Bitset>;
  /** Filters compare case-insensitively, as Meilisearch compares filter strings. */
  valuesByLowerCase: Map<string, Set<string>>;
}

export class DocumentTable {
  /** Indexed by short id; undefined where a document was replaced or removed. */
  private documents: (StoredDocument | undefined)[] = [];
  private live: Bitset = new Uint32Array(0);
  private liveCount = 0;
  private readonly facets = new Map<FacetName, FacetIndex>(
    FACET_NAMES.map((facet) => [
      facet,
      { documentsByValue: new Map(), valuesByLowerCase: new Map() },
    ]),
  );
  /** Position in title order by short id, or undefined until the next search after a change. */
  private titleOrder: Int32Array | undefined;

  get size(): number {
    return this.liveCount;
  }

  /** Words in a set covering every short id given so far. */
  get words(): number {
    return wordsFor(this.documents.length);
  }

  get(shortId: number): StoredDocument | undefined {
    return this.documents[shortId];
  }

  add(shortId: number, document: StoredDocument): void {
    if (this.documents[shortId]) throw new Error(`short id ${shortId} is already taken`);
    this.documents[shortId] = document;
    this.live = withBit(this.live, shortId);
    this.liveCount += 1;
    for (const facet of FACET_NAMES) {
      const index = this.facetIndex(facet);
      for (const value of document.facets[facet]) {
        index.documentsByValue.set(
          value,
          withBit(index.documentsByValue.get(value) ?? new Uint32Array(0), shortId),
        );
        const lowerCase = value.toLowerCase();
        const spellings = index.valuesByLowerCase.get(lowerCase) ?? new Set<string>();
        index.valuesByLowerCase.set(lowerCase, spellings.add(value));
      }
    }
    this.titleOrder = undefined;
  }

  remove(shortId: number): void {
    const document = this.documents[shortId];
    if (!document) return;
    this.documents[shortId] = undefined;
    clearBit(this.live, shortId);
    this.liveCount -= 1;
    for (const facet of FACET_NAMES) {
      const index = this.facetIndex(facet);
      for (const value of document.facets[facet]) {
        const documents = index.documentsByValue.get(value);
        if (documents) clearBit(documents, shortId);
      }
    }
    this.titleOrder = undefined;
  }

  /** A copy of the set of live documents, `words` long. */
  liveDocuments(words = this.words): Bitset {
    const bits = new Uint32Array(words);
    bits.set(this.live.subarray(0, words));
    return bits;
  }

  /** Documents with any of `values` in `facet`, compared case-insensitively. */
  documentsWithAnyValue(facet: FacetName, values: readonly string[], words = this.words): Bitset {
    const index = this.facetIndex(facet);
    const bits = new Uint32Array(words);
    for (const value of values) {
      for (const spelling of index.valuesByLowerCase.get(value.toLowerCase()) ?? []) {
        const documents = index.documentsByValue.get(spelling);
        if (documents) uniteInto(bits, documents);
      }
    }
    return bits;
  }

  /** Documents of one of `kinds` (exact values: kinds are checked by the request schema). */
  documentsOfKinds(kinds: readonly SearchDocumentKind[], words = this.words): Bitset {
    const documentsByKind = this.facetIndex("kind").documentsByValue;
    const bits = new Uint32Array(words);
    for (const kind of kinds) {
      const documents = documentsByKind.get(kind);
      if (documents) uniteInto(bits, documents);
    }
    return bits;
  }

  /** How many of `documents` have each value of `facet`; values no document has are left out. */
  countValues(facet: FacetName, documents: Bitset): Record<string, number> {
    const counts: Record<string, number> = {};
    const values = [...this.facetIndex(facet).documentsByValue].sort(([left], [right]) =>
      compareStrings(left, right),
    );
    for (const [value, withValue] of values) {
      const count = countCommonBits(documents, withValue);
      if (count > 0) counts[value] = count;
    }
    return counts;
  }

  /** Every document's position in "by title, then id" order, by short id. */
  titlePositions(): Int32Array {
    if (this.titleOrder) return this.titleOrder;
    const shortIds: number[] = [];
    this.documents.forEach((document, shortId) => {
      if (document) shortIds.push(shortId);
    });
    const byTitleThenId = (left: number, right: number) => {
      const leftDocument = this.documents[left];
      const rightDocument = this.documents[right];
      if (!leftDocument || !rightDocument) return 0;
      return (
        compareStrings(leftDocument.titleSortKey, rightDocument.titleSortKey) ||
        compareStrings(leftDocument.id, rightDocument.id)
      );
    };
    shortIds.sort(byTitleThenId);
    const positions = new Int32Array(this.documents.length);
    shortIds.forEach((shortId, position) => {
      positions[shortId] = position;
    });
    this.titleOrder = positions;
    return positions;
  }

  private facetIndex(facet: FacetName): FacetIndex {
    const index = this.facets.get(facet);
    if (!index) throw new Error(`unknown facet ${facet}`);
    return index;
  }
}
