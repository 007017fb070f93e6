/**
 * Text analysis shared by both engines, so that "what counts as the same word" is decided once:
 *
 * - `findWords` / `indexTokensOf`: how text splits into words (hyphenated compounds also
 *   yield their parts and the joined form, so "de-identification" and "deidentification" meet);
 * - `normalizeTerm`: case and accents folded, plurals reduced ("studies" → "study") and British
 *   spellings mapped to American ones ("anonymisation" → "anonymization", "centre" → "center");
 *   applied identically to documents and queries, so a rule that over-reaches (say
 *   "expertise" → "expertize") is harmless: both sides change the same way;
 * - `analyzeQuery`: the query plan both engines execute: words AND-ed, each with its typo budget
 *   (1 typo from 5 characters, 2 from 9, counted on the normal form; none for tokens with digits), prefix matching on the last
 *   word only, and synonym groups from synonyms.ts recognised even when typed with a typo.
 *
 * Matching itself (fuzzy lookup, prefix lookup, ranking) is left to the engine.
 */
import { SYNONYM_GROUPS } from "./synonyms";

/**
 * Words too common to carry meaning; dropped from documents and queries alike. Kept short on
 * purpose: "who" (WHO) and "us" (US) are not here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  "a an and are as at be by for from how in into is it its of on or the this that to what when with".split(
    " ",
  ),
);

/** Meilisearch only reads the first ten words of a query; the embedded engine does the same. */
export const MAX_QUERY_WORDS = 10;

/** Letters, marks and digits, optionally joined by hyphens or apostrophes inside a word. */
const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['’\-‐‑][\p{L}\p{M}\p{N}]+)*/gu;
const HYPHENS = /[-‐‑]/u;
const APOSTROPHES = /['’]/gu;
const DIGIT = /\p{N}/u;

export interface WordSpan {
  text: string;
  start: number;
  end: number;
}

export function findWords(text: string): WordSpan[] {
  const words: WordSpan[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** Lower case, accents removed, apostrophes dropped ("Commissioner’s" → "commissioners"). */
export function foldWord(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(APOSTROPHES, "");
}

export function hasDigit(token: string): boolean {
  return DIGIT.test(token);
}

function computeTokensOfWord(word: string): string[] {
  const parts = word
    .split(HYPHENS)
    .map(foldWord)
    .filter((part) => part !== "");
  if (parts.length <= 1) return parts;
  return [...parts, parts.join("")];
}

/**
 * Indexing (and highlighting every shown hit) sees the same few thousand distinct words millions
 * of times, so per-word results are memoised. The caches are cleared when they grow past this
 * many entries, which bounds memory whatever the input.
 */
const MEMO_LIMIT = 200_000;

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/**
 * The folded tokens a written word stands for: the word itself, or for a hyphenated compound
 * its parts plus the joined form ("COVID-19" → "covid", "19", "covid19"). Memoised: the list is
 * shared, hence read-only.
 */
export const tokensOfWord: (word: string) => readonly string[] = memoize(computeTokensOfWord);

/** Tokenizer for indexing: every token of every word, before `normalizeTerm`. */
export function indexTokensOf(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    for (const token of tokensOfWord(match[0])) tokens.push(token);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Normalisation: plurals and British/American spelling

/** Words ending in -s that are not plurals (or whose plural we map by hand below). */
const NOT_PLURAL: ReadonlySet<string> = new Set(
  "across alias always atlas bias canvas census gas lens news perhaps sars series species whereas".split(
    " ",
  ),
);
const IRREGULAR_PLURALS = new Map([
  ["biases", "bias"],
  ["aliases", "alias"],
  ["atlases", "atlas"],
  ["canvases", "canvas"],
  ["censuses", "census"],
  ["analyses", "analysis"],
  ["bases", "basis"],
  ["crises", "crisis"],
  ["hypotheses", "hypothesis"],
  ["theses", "thesis"],
  ["children", "child"],
  ["people", "person"],
  ["women", "woman"],
  ["men", "man"],
  ["data", "data"],
]);

/**
 * Reduces an English plural to its singular, in the spirit of the "S-stemmer" (Harman 1991) with
 * Porter's -sses rule: deliberately light, so that "analysis" and "organisation" stay whole.
 */
function singularOf(word: string): string {
  const irregular = IRREGULAR_PLURALS.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || NOT_PLURAL.has(word)) return word;
  if (word.endsWith("sses")) return word.slice(0, -2); // processes → process
  if (word.length > 4 && word.endsWith("ies") && !/[ae]ies$/.test(word))
    return `${word.slice(0, -3)}y`; // studies → study
  if (word.length > 4 && /(?:x|ch|sh)es$/.test(word)) return word.slice(0, -2); // approaches → approach
  if (word.length > 4 && word.endsWith("es") && !/[aeo]es$/.test(word)) return word.slice(0, -1); // templates → template
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1); // agreements → agreement
  return word;
}

/** British spellings that no suffix rule covers, mapped to the American form. */
const SPELLING_WORDS = new Map([
  ["licence", "license"],
  ["licenced", "licensed"],
  ["licencing", "licensing"],
  ["defence", "defense"],
  ["offence", "offense"],
  ["pretence", "pretense"],
  ["programme", "program"],
  ["judgement", "judgment"],
  ["ageing", "aging"],
  ["grey", "gray"],
  ["enrol", "enroll"],
  ["enrolment", "enrollment"],
  ["fulfil", "fulfill"],
  ["fulfilment", "fulfillment"],
  ["practise", "practice"],
  ["practised", "practiced"],
  ["practising", "practicing"],
  ["paediatric", "pediatric"],
  ["manoeuvre", "maneuver"],
  ["sceptical", "skeptical"],
  ["aluminium", "aluminum"],
]);

/** Suffix rules, tried in order; the first that applies wins. */
const SPELLING_SUFFIX_RULES: readonly (readonly [RegExp, string])[] = [
  [/isation$/, "ization"], // anonymisation → anonymization
  [/^(.{2,})is(e|ed|es|er|ers|ing)$/, "$1iz$2"], // organise → organize, anonymised → anonymized
  [/^(.{2,})ys(e|ed|er|ers|ing)$/, "$1yz$2"], // analyse → analyze
  [/^(.{3,})our(ed|ing|ite|ites|able|ful|less|ist|ists)?$/, "$1or$2"], // behaviour → behavior
  [/^(.{2,})(t|b)re$/, "$1$2er"], // centre → center, fibre → fiber
  [/^(.{2,})(t|b)red$/, "$1$2ered"], // centred → centered
  [/^(.{2,})(t|b)ring$/, "$1$2ering"], // centring → centering
  [/^(.{4,})ogue$/, "$1og"], // catalogue → catalog, dialogue → dialog
  [/^(.{2,})ell(ed|ing|er|ers)$/, "$1el$2"], // modelling → modeling, cancelled → canceled
];

function americanSpellingOf(word: string): string {
  const mapped = SPELLING_WORDS.get(word);
  if (mapped !== undefined) return mapped;
  for (const [pattern, replacement] of SPELLING_SUFFIX_RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

/**
 * The form a folded token is indexed and searched under, or null for a stop word. Tokens with
 * digits are kept as they are: numbers, years and legal references must match exactly.
 * Memoised, like `tokensOfWord`.
 */
export const normalizeTerm: (foldedToken: string) => string | null = memoize((foldedToken) => {
  if (foldedToken === "" || STOP_WORDS.has(foldedToken)) return null;
  if (hasDigit(foldedToken)) return foldedToken;
  return americanSpellingOf(singularOf(foldedToken));
});

/**
 * Whether the written form must be indexed beside the normal form: only when a prefix of what
 * was written can miss the normal form ("organis…" and "organization", "studi…" and "study").
 * When the written form merely extends it ("agreements" → "agreement"), every prefix of it is
 * already a prefix of the normal form or normalises to it, so storing both would only double
 * the posting lists of every plural.
 */
export function needsWrittenForm(writtenToken: string, normalized: string): boolean {
  return !writtenToken.startsWith(normalized);
}

/**
 * What the index stores for one token: its normal form, plus the token as written when needed,
 * so a prefix or typo of the written form still matches ("organis" → "organisation").
 */
export const indexTermsOf: (foldedToken: string) => string[] = memoize((foldedToken) => {
  const normalized = normalizeTerm(foldedToken);
  if (normalized === null) return [];
  return needsWrittenForm(foldedToken, normalized) ? [normalized, foldedToken] : [normalized];
});

/** The normalised text of a field, for engines that cannot run `normalizeTerm` themselves. */
export function normalizedTextOf(text: string): string {
  return indexTokensOf(text)
    .flatMap((token) => indexTermsOf(token).slice(0, 1))
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// Typos

/**
 * The product's typo budget, the same as Meilisearch's defaults, by the length of a word. Queries
 * apply it to the word's normal form, what both engines search for (Meilisearch receives only
 * normal forms), so "templates" (normal form "template", 8 letters) gets 1 typo, not 2.
 */
export function typoBudgetOf(typedToken: string): number {
  if (hasDigit(typedToken)) return 0;
  const length = [...typedToken].length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** Levenshtein distance, giving up (returning limit + 1) as soon as it exceeds `limit`. */
export function editDistanceWithin(left: string, right: string, limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let rowMinimum = row;
    for (let column = 1; column <= right.length; column++) {
      const substitution =
        (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      const value = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        substitution,
      );
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[right.length] ?? limit + 1;
}

// ---------------------------------------------------------------------------------------------
// Synonyms

interface AnalyzedPhrase {
  /** One entry per written word: its normal form (hyphenated words joined). */
  terms: string[];
  /** The same words as written, folded (to compare typos against the written form too). */
  foldedTerms: string[];
  /** Ways the phrase can appear in a document: joined compounds, and split into parts. */
  alternatives: string[][];
}

function analyzePhrase(phrase: string): AnalyzedPhrase {
  const terms: string[] = [];
  const foldedTerms: string[] = [];
  const joined: string[] = [];
  const split: string[] = [];
  let hasCompound = false;
  for (const word of findWords(phrase)) {
    const tokens = tokensOfWord(word.text);
    const foldedJoined = tokens.at(-1) ?? "";
    const term = normalizeTerm(foldedJoined);
    if (term === null) continue;
    terms.push(term);
    foldedTerms.push(foldedJoined);
    joined.push(term);
    if (tokens.length > 1) {
      hasCompound = true;
      for (const part of tokens.slice(0, -1)) {
        const partTerm = normalizeTerm(part);
        if (partTerm !== null) split.push(partTerm);
      }
    } else {
      split.push(term);
    }
  }
  const alternatives = hasCompound ? [joined, split] : [joined];
  return { terms, foldedTerms, alternatives };
}

interface SynonymMember extends AnalyzedPhrase {
  groupIndex: number;
}

/**
 * Every way a member can be typed: as written ("privacy-enhancing technology") and, for hyphenated
 * members, split into words ("privacy enhancing technology"), so either is recognised.
 */
const SYNONYM_MEMBERS: readonly SynonymMember[] = SYNONYM_GROUPS.flatMap((group, groupIndex) =>
  group.flatMap((member) => {
    const phrase = analyzePhrase(member);
    const splitForms = phrase.alternatives
      .slice(1)
      .map((terms) => ({ ...phrase, terms, foldedTerms: terms }));
    return [phrase, ...splitForms].map((form) => ({ ...form, groupIndex }));
  }),
)
  .filter((member) => member.terms.length > 0)
  // Longest phrases first, so "privacy impact assessment" wins over any shorter overlap.
  .sort((left, right) => right.terms.length - left.terms.length);

/** Every way each group's members can appear, de-duplicated, for query expansion. */
const GROUP_ALTERNATIVES: readonly string[][][] = SYNONYM_GROUPS.map((_, groupIndex) => {
  const seen = new Map<string, string[]>();
  for (const member of SYNONYM_MEMBERS) {
    if (member.groupIndex !== groupIndex) continue;
    for (const alternative of member.alternatives) seen.set(alternative.join(" "), alternative);
  }
  return [...seen.values()];
});

/**
 * Synonym groups in the form Meilisearch needs: for each group, every spelling of every member
 * (as written, folded, and normalised) — Meilisearch expands these itself.
 */
export function synonymGroupSpellings(): string[][] {
  return SYNONYM_GROUPS.map((group) => {
    const spellings = new Set<string>();
    for (const member of group) {
      const written = findWords(member).map((word) => foldWord(word.text));
      spellings.add(written.join(" "));
      for (const alternative of analyzePhrase(member).alternatives)
        spellings.add(alternative.join(" "));
    }
    spellings.delete("");
    return [...spellings];
  });
}

// ---------------------------------------------------------------------------------------------
// Query analysis

export interface QueryWord {
  /** As typed, folded; hyphenated words joined ("de-identification" → "deidentification"). */
  folded: string;
  /** Normal form, what documents are indexed under. */
  term: string;
  /** Normal forms of the parts of a hyphenated word; empty otherwise. */
  parts: string[];
  /** Contains a digit: no typos, no prefix. */
  isExact: boolean;
  maxTypos: number;
  /** The last word of the query: the person may still be typing it. */
  isPrefix: boolean;
}

export interface QueryClause {
  /** The typed words of this clause (several when they form a synonym phrase); all must match. */
  words: QueryWord[];
  /**
   * Other ways to satisfy the clause (synonyms, split compounds): each is a list of normal forms
   * that must all match, without typos or prefix. The clause matches when `words` match or any
   * alternative does.
   */
  alternatives: string[][];
  /** The synonym member the words were recognised as (normal forms), possibly despite typos. */
  recognizedSynonym?: string[];
}

export interface AnalyzedQuery {
  /** All clauses must match. Empty when the query has no searchable words. */
  clauses: QueryClause[];
}

function analyzeQueryWord(typedWord: string): QueryWord | null {
  const tokens = tokensOfWord(typedWord);
  const folded = tokens.at(-1);
  if (folded === undefined) return null;
  const term = normalizeTerm(folded);
  if (term === null) return null;
  const parts =
    tokens.length > 1 ? tokens.slice(0, -1).flatMap((part) => normalizeTerm(part) ?? []) : [];
  const isExact = hasDigit(folded);
  // By the normal form, as Meilisearch counts it: that is the word it receives.
  return { folded, term, parts, isExact, maxTypos: typoBudgetOf(term), isPrefix: false };
}

/** How far a typed word is from a synonym term, or Infinity beyond its typo budget. */
function wordDistance(word: QueryWord, synonymTerm: string, synonymFolded: string): number {
  if (word.term === synonymTerm || word.folded === synonymFolded) return 0;
  if (word.maxTypos === 0) return Number.POSITIVE_INFINITY;
  const distance = Math.min(
    editDistanceWithin(word.term, synonymTerm, word.maxTypos),
    editDistanceWithin(word.folded, synonymFolded, word.maxTypos),
  );
  return distance <= word.maxTypos ? distance : Number.POSITIVE_INFINITY;
}

/** The longest synonym member starting at `start`, preferring the fewest typos. */
function recognizeSynonymAt(
  words: readonly QueryWord[],
  start: number,
): { member: SynonymMember; length: number } | undefined {
  let best: { member: SynonymMember; length: number; distance: number } | undefined;
  for (const member of SYNONYM_MEMBERS) {
    const length = member.terms.length;
    if (start + length > words.length) continue;
    if (best && length < best.length) break; // members are sorted longest first
    let distance = 0;
    for (let offset = 0; offset < length && Number.isFinite(distance); offset++) {
      const word = words[start + offset];
      const term = member.terms[offset];
      const folded = member.foldedTerms[offset];
      distance +=
        word && term !== undefined && folded !== undefined
          ? wordDistance(word, term, folded)
          : Infinity;
    }
    if (Number.isFinite(distance) && (!best || distance < best.distance)) {
      best = { member, length, distance };
    }
  }
  return best;
}

export function analyzeQuery(query: string): AnalyzedQuery {
  const words = findWords(query)
    .map((word) => analyzeQueryWord(word.text))
    .filter((word): word is QueryWord => word !== null)
    .slice(0, MAX_QUERY_WORDS);
  const lastWord = words.at(-1);
  if (lastWord && !lastWord.isExact) lastWord.isPrefix = true;

  const clauses: QueryClause[] = [];
  for (let position = 0; position < words.length;) {
    const recognized = recognizeSynonymAt(words, position);
    if (recognized) {
      const clauseWords = words.slice(position, position + recognized.length);
      clauses.push({
        words: clauseWords,
        alternatives: GROUP_ALTERNATIVES[recognized.member.groupIndex] ?? [],
        recognizedSynonym: recognized.member.terms,
      });
      position += recognized.length;
      continue;
    }
    const word = words[position];
    position += 1;
    if (!word) continue;
    clauses.push({ words: [word], alternatives: word.parts.length > 1 ? [word.parts] : [] });
  }
  return { clauses };
}
