/**
 * The Meilisearch index as code: document shape and settings. meilisearch-engine.ts applies
 * them at start and before the first write, when what the server holds differs
 * (`differingSettings`), so a fresh Meilisearch needs no manual setup.
 *
 * Meilisearch has no stemming and no per-word British/American mapping, so each searchable
 * text field has a "…Terms" twin holding the text after `normalizeTerm` (plurals reduced,
 * American spelling), and queries are sent normalised too. The original fields stay searchable
 * (for typo and prefix matches against what was written) and are the ones highlighted.
 */
import { createHash } from "node:crypto";
import type { Settings } from "meilisearch";
import { facetValuesOf, newestTimestampOf, titleSortKeyOf } from "../document-values";
import { FACET_NAMES, type ParsedSearchDocument, type SearchDocumentKind } from "../engine";
import { stripHighlightSentinels } from "../highlight";
import { STOP_WORDS, normalizedTextOf, synonymGroupSpellings } from "../text-analysis";

/** Our ids ("toolkit:gdpr") contain characters Meilisearch forbids in a primary key. */
export const PRIMARY_KEY = "pk";

export interface MeilisearchDocument {
  pk: string;
  id: string;
  kind: SearchDocumentKind;
  title: string;
  titleTerms: string;
  summary: string;
  summaryTerms: string;
  body: string;
  bodyTerms: string;
  url: string;
  publisher: string | null;
  year: number | null;
  type: string[];
  topics: string[];
  audiences: string[];
  regions: string[];
  languages: string[];
  licence: string[];
  newestTimestamp: number;
  usefulCount: number;
  titleSort: string;
}

/** Attributes every hit returns. */
export const RETRIEVED_ATTRIBUTES = ["id", "kind", "title", "summary", "url"] as const;
export const HIGHLIGHTED_ATTRIBUTES = ["title", "summary"] as const;

/**
 * A valid Meilisearch document id (letters, digits, - and _, at most 511 bytes) that maps back to
 * exactly one of our ids: base64url of the id, or its SHA-256 when that would be too long.
 */
export function primaryKeyOf(id: string): string {
  const encoded = Buffer.from(id, "utf8").toString("base64url");
  return encoded.length <= 500
    ? encoded
    : `sha256_${createHash("sha256").update(id).digest("hex")}`;
}

export function toMeilisearchDocument(document: ParsedSearchDocument): MeilisearchDocument {
  const facets = facetValuesOf(document);
  // Highlights are delimited by private-use sentinels; content must not be able to forge them.
  const title = stripHighlightSentinels(document.title);
  const summary = stripHighlightSentinels(document.summary);
  return {
    pk: primaryKeyOf(document.id),
    id: document.id,
    kind: document.kind,
    title,
    titleTerms: normalizedTextOf(title),
    summary,
    summaryTerms: normalizedTextOf(summary),
    body: document.body,
    bodyTerms: normalizedTextOf(document.body),
    url: document.url,
    // From the facet values, so an empty publisher is no facet value ("") but none at all.
    publisher: facets.publisher[0] ?? null,
    year: document.year ?? null,
    type: facets.type,
    topics: facets.topics,
    audiences: facets.audiences,
    regions: facets.regions,
    languages: facets.languages,
    licence: facets.licence,
    newestTimestamp: newestTimestampOf(document),
    usefulCount: document.usefulCount,
    titleSort: titleSortKeyOf(title),
  };
}

/**
 * synonyms.ts as Meilisearch's map: every spelling of every member points to all the others.
 * Keys include the normalised forms because queries are sent normalised.
 */
export function buildSynonymMap(): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  for (const spellings of synonymGroupSpellings()) {
    for (const spelling of spellings) {
      const others = synonyms.get(spelling) ?? new Set<string>();
      for (const other of spellings) if (other !== spelling) others.add(other);
      synonyms.set(spelling, others);
    }
  }
  return Object.fromEntries([...synonyms].map(([key, values]) => [key, [...values]]));
}

export function buildIndexSettings(): Settings {
  return {
    // Order is the boost: Meilisearch's "attribute" rule ranks earlier attributes higher.
    searchableAttributes: [
      "title",
      "titleTerms",
      "summary",
      "summaryTerms",
      "body",
      "bodyTerms",
      "publisher",
      "year",
    ],
    displayedAttributes: [...RETRIEVED_ATTRIBUTES],
    filterableAttributes: [...FACET_NAMES],
    sortableAttributes: ["newestTimestamp", "usefulCount", "titleSort", "id"],
    // "sort" first: an explicit sort (newest, most useful) orders all matches; without one it is a
    // no-op. The custom rules at the end make relevance ties deterministic: by title, then id.
    rankingRules: [
      "sort",
      "words",
      "typo",
      "proximity",
      "attribute",
      "exactness",
      "titleSort:asc",
      "id:asc",
    ],
    stopWords: [...STOP_WORDS],
    synonyms: buildSynonymMap(),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      // Meilisearch ≥ 1.15. The adapter also quotes tokens with digits (phrase search: no typo,
      // no prefix), so older servers behave the same; see meilisearch-engine.ts.
      disableOnNumbers: true,
      disableOnAttributes: ["year"],
    },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { "*": "count" } },
    // Totals are exact up to this many matches (page/hitsPerPage pagination).
    pagination: { maxTotalHits: 100_000 },
  };
}

/** The same settings for servers older than 1.15, which reject `disableOnNumbers`. */
export function withoutDisableOnNumbers(settings: Settings): Settings {
  if (!settings.typoTolerance) return settings;
  const { disableOnNumbers: _unsupported, ...typoTolerance } = settings.typoTolerance;
  return { ...settings, typoTolerance };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The settings this server should hold. A server that reports typo tolerance without
 * `disableOnNumbers` predates 1.15 and would refuse it; digits are quoted in queries anyway
 * (search-requests.ts), so numbers stay exact there too.
 */
export function indexSettingsFor(current: Settings): Settings {
  const settings = buildIndexSettings();
  const typoTolerance: unknown = current.typoTolerance;
  const knowsDisableOnNumbers = isRecord(typoTolerance) && "disableOnNumbers" in typoTolerance;
  return knowsDisableOnNumbers ? settings : withoutDisableOnNumbers(settings);
}

/** Lists whose order means nothing to Meilisearch (it may hand them back sorted). */
const UNORDERED_LISTS: ReadonlySet<string> = new Set([
  "filterableAttributes",
  "sortableAttributes",
  "stopWords",
  "disableOnAttributes",
  "disableOnWords",
]);

/** A form of a settings value in which equal settings are equal strings. */
function canonicalJson(value: unknown, key: string, parentKey: string | undefined): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalJson(item, "", key));
    // Each key's synonyms are a set too.
    if (UNORDERED_LISTS.has(key) || parentKey === "synonyms") items.sort();
    return `[${items.join(",")}]`;
  }
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(value[name], name, key)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Whether `wanted` (an object of settings) is already in `current`: every value set in `wanted`
 * must be equal, while what `wanted` leaves unset (disableOnWords, proximityPrecision…) is the
 * server's business. Synonyms are compared whole: a synonym that is no longer wanted must go.
 */
function isContained(wanted: unknown, current: unknown, key: string): boolean {
  if (isRecord(wanted) && key !== "synonyms") {
    if (!isRecord(current)) return false;
    return Object.entries(wanted).every(([name, value]) => isContained(value, current[name], name));
  }
  return canonicalJson(wanted, key, undefined) === canonicalJson(current, key, undefined);
}

/** The names of the top-level settings in `wanted` that `current` (GET /settings) lacks. */
export function differingSettings(wanted: Settings, current: Settings): string[] {
  const currentSettings: Record<string, unknown> = { ...current };
  return Object.entries(wanted)
    .filter(([name, value]) => !isContained(value, currentSettings[name], name))
    .map(([name]) => name);
}
