/**
 * The shared query plan (text-analysis.ts) as a tree the embedded engine can run two ways:
 *
 * - `toMiniSearchQuery`: a MiniSearch query tree, for BM25 scores. Each word carries its own typo
 *   budget and prefix rule, and synonyms are OR branches;
 * - `resolveQueryPlan` + `matchingDocuments` / `matchedTermsOf`: the same tree over MiniSearch's
 *   posting lists, giving the set of matching documents as bits (cheap: no scoring), and for a
 *   shown hit the index terms it matched (what MiniSearch reports as `terms`, for highlighting).
 *
 * Both follow MiniSearch's semantics: AND keeps documents every child matched, OR those any child
 * matched, and a document's matched terms come only from the branches it satisfied.
 */
import type { Query } from "minisearch";
import {
  needsWrittenForm,
  type AnalyzedQuery,
  type QueryClause,
  type QueryWord,
} from "../text-analysis";
import { addKeys, intersectInto, isEmpty, uniteInto, type Bitset } from "./bitset";
import type { ReachedIndexTerm, SearchIndex } from "./search-index";

export type QueryPlan =
  | { kind: "term"; term: string; maxTypos: number; prefix: boolean }
  | { kind: "all" | "any"; children: QueryPlan[] };

/** AND/OR of one child is the child: MiniSearch combines a single result into itself. */
function group(kind: "all" | "any", children: QueryPlan[]): QueryPlan {
  const [only, ...others] = children;
  return only !== undefined && others.length === 0 ? only : { kind, children };
}

/**
 * One typed word: its normal form, or its written form when the index may hold that separately
 * (see `needsWrittenForm`), each with the word's typo budget and prefix rule.
 */
function wordPlan(word: QueryWord): QueryPlan {
  const forms = needsWrittenForm(word.folded, word.term) ? [word.term, word.folded] : [word.term];
  return group(
    "any",
    forms.map((term) => ({ kind: "term", term, maxTypos: word.maxTypos, prefix: word.isPrefix })),
  );
}

/** The typed words (all required) OR any alternative (synonym, split compound), matched exactly. */
function clausePlan(clause: QueryClause): QueryPlan {
  const typedWords = group("all", clause.words.map(wordPlan));
  // The typed words already cover an alternative spelled the same way (with typos and prefix on
  // top); searching it again would only double the work on the most common words.
  const typedTerms = clause.words.map((word) => word.term).join(" ");
  const alternatives = clause.alternatives
    .filter((terms) => terms.join(" ") !== typedTerms)
    .map((terms) =>
      group(
        "all",
        terms.map((term) => ({ kind: "term", term, maxTypos: 0, prefix: false })),
      ),
    );
  return group("any", [typedWords, ...alternatives]);
}

/** The plan of a query, or undefined when it has no searchable words (everything matches). */
export function queryPlanOf(analysis: AnalyzedQuery): QueryPlan | undefined {
  if (analysis.clauses.length === 0) return undefined;
  return group("all", analysis.clauses.map(clausePlan));
}

export function toMiniSearchQuery(plan: QueryPlan): Query {
  if (plan.kind === "term") {
    return {
      queries: [plan.term],
      fuzzy: plan.maxTypos > 0 ? plan.maxTypos : false,
      prefix: plan.prefix,
    };
  }
  return {
    combineWith: plan.kind === "all" ? "AND" : "OR",
    queries: plan.children.map(toMiniSearchQuery),
  };
}

/** A plan whose words have been looked up in the index. */
export type ResolvedPlan =
  | { kind: "term"; term: string; reached: ReachedIndexTerm[] }
  | { kind: "all" | "any"; children: ResolvedPlan[] };

export function resolveQueryPlan(plan: QueryPlan, index: SearchIndex): ResolvedPlan {
  if (plan.kind === "term")
    return {
      kind: "term",
      term: plan.term,
      reached: index.indexTermsReachedBy(plan.term, plan.maxTypos, plan.prefix),
    };
  return {
    kind: plan.kind,
    children: plan.children.map((child) => resolveQueryPlan(child, index)),
  };
}

/**
 * The documents the plan matches, as `words` words of bits. Posting lists may still name
 * documents removed since (MiniSearch cleans them up lazily): intersect with the live documents.
 */
export function matchingDocuments(plan: ResolvedPlan, words: number): Bitset {
  if (plan.kind === "term") {
    const bits = new Uint32Array(words);
    for (const { postingsByField } of plan.reached)
      for (const field of postingsByField.values()) addKeys(bits, field.keys());
    return bits;
  }
  const [first, ...rest] = plan.children;
  if (first === undefined) return new Uint32Array(words);
  const bits = matchingDocuments(first, words);
  for (const child of rest) {
    if (plan.kind === "all" && isEmpty(bits)) break;
    const childBits = matchingDocuments(child, words);
    if (plan.kind === "all") intersectInto(bits, childBits);
    else uniteInto(bits, childBits);
  }
  return bits;
}

/**
 * The index terms a document matched through the branches it satisfies, or undefined when it
 * does not match the plan. Meant for the few hits shown on a page.
 */
export function matchedTermsOf(plan: ResolvedPlan, shortId: number): string[] | undefined {
  if (plan.kind === "term") {
    const terms = plan.reached
      .filter(({ postingsByField }) =>
        [...postingsByField.values()].some((field) => field.has(shortId)),
      )
      .map(({ term }) => term);
    return terms.length > 0 ? terms : undefined;
  }
  const terms: string[] = [];
  let satisfied = plan.kind === "all" && plan.children.length > 0;
  for (const child of plan.children) {
    const childTerms = matchedTermsOf(child, shortId);
    if (childTerms === undefined) {
      if (plan.kind === "all") return undefined;
      continue;
    }
    satisfied = true;
    terms.push(...childTerms);
  }
  return satisfied ? terms : undefined;
}
