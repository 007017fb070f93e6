/**
 * Values both engines derive from a document the same way, so that filters, facet counts and
 * sort orders agree between them.
 */
import { FACET_NAMES, type FacetName, type ParsedSearchDocument } from "./engine";

export type FacetValues = Record<FacetName, string[]>;

export function facetValuesOf(document: ParsedSearchDocument): FacetValues {
  const licence = document.licence === undefined ? [] : [document.licence].flat();
  const values: FacetValues = {
    kind: [document.kind],
    type: document.type,
    topics: document.topics,
    audiences: document.audiences,
    regions: document.regions,
    languages: document.languages,
    licence,
    publisher: document.publisher ? [document.publisher] : [],
  };
  // A value listed twice on one document must count once.
  for (const facet of FACET_NAMES) values[facet] = [...new Set(values[facet])];
  return values;
}

function toTimestamp(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

/**
 * The date "newest" sorts by, in epoch milliseconds: publishedAt, else updatedAt, else 1 January
 * of `year`, else 0 (undated documents come last).
 */
export function newestTimestampOf(document: ParsedSearchDocument): number {
  return (
    toTimestamp(document.publishedAt) ??
    toTimestamp(document.updatedAt) ??
    (document.year === undefined ? undefined : Date.UTC(document.year, 0, 1)) ??
    0
  );
}

/**
 * The key for "by title" ordering: lower case, accents removed, runs of punctuation and space
 * collapsed. Compared with plain `<` (UTF-16 code units), which is how Meilisearch orders
 * strings in sort and custom ranking rules for this ASCII-dominated key.
 */
export function titleSortKeyOf(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function compareStrings(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
