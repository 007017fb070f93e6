/**
 * "Did you mean …?" for searches that find nothing.
 *
 * The engines already forgive one typo in words of 5–8 letters and two from 9 (search/README.md),
 * so a search that still finds nothing has either a word the site never uses or a typo past
 * that budget ("dpai", "anonimisaton polcy"). We replace each unknown word by the closest word
 * the site's own content uses, with a wider budget than the engine's, and the caller offers the
 * corrected query only if it finds something: a suggestion is never a guess that leads nowhere.
 */
import { remember } from "@epic-web/remember";
import { SYNONYM_GROUPS } from "../../../search/synonyms";
import {
  STOP_WORDS,
  findWords,
  foldWord,
  hasDigit,
  normalizeTerm,
} from "../../../search/text-analysis";
import { getSiteContent } from "../content/content.server";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "../content/vocabulary";

export interface SpellingDictionary {
  /** Folded word → how often the content uses it (ties go to the more common word). */
  frequencies: ReadonlyMap<string, number>;
  /** Normal forms (singular, American spelling) of every word, so "agreements" is known. */
  normalForms: ReadonlySet<string>;
}

/** Only words of letters, three or more, are worth correcting or suggesting. */
const isCorrectable = (folded: string) =>
  folded.length >= 3 && !hasDigit(folded) && !STOP_WORDS.has(folded);

export function buildSpellingDictionary(texts: Iterable<string>): SpellingDictionary {
  const frequencies = new Map<string, number>();
  const normalForms = new Set<string>();
  for (const text of texts) {
    for (const word of findWords(text)) {
      // Hyphenated words count as their parts and as written ("de-identification").
      const folded = foldWord(word.text);
      for (const part of [folded, ...folded.split(/[-‐‑]/u)]) {
        if (!isCorrectable(part)) continue;
        frequencies.set(part, (frequencies.get(part) ?? 0) + 1);
        const normal = normalizeTerm(part);
        if (normal) normalForms.add(normal);
      }
    }
  }
  return { frequencies, normalForms };
}

/** Wider than the engine's budget (0/1/2), since the engine has already tried its own. */
function correctionBudget(length: number): number {
  return length >= 9 ? 3 : length >= 5 ? 2 : 1;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so "dpai" is one
 * edit from "dpia"), giving up with limit + 1 once it cannot stay within `limit`.
 */
export function typoDistance(left: string, right: string, limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: right.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= left.length; i++) {
    const row = [i];
    let rowMinimum = i;
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let value = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    rows.push(row);
  }
  return rows[left.length]?.[right.length] ?? limit + 1;
}

function isKnown(folded: string, dictionary: SpellingDictionary): boolean {
  if (dictionary.frequencies.has(folded)) return true;
  const normal = normalizeTerm(folded);
  return normal !== null && dictionary.normalForms.has(normal);
}

function closestWord(folded: string, dictionary: SpellingDictionary): string | null {
  const budget = correctionBudget(folded.length);
  let best: { word: string; distance: number; frequency: number } | null = null;
  for (const [word, frequency] of dictionary.frequencies) {
    const distance = typoDistance(folded, word, best ? Math.min(budget, best.distance) : budget);
    if (distance > budget) continue;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance &&
        (frequency > best.frequency || (frequency === best.frequency && word < best.word)))
    ) {
      best = { word, distance, frequency };
    }
  }
  return best?.word ?? null;
}

/**
 * The query with each word the content never uses replaced by the closest word it does use,
 * or null when there is nothing to correct. Other words, spacing and punctuation are kept.
 */
export function suggestSpelling(query: string, dictionary: SpellingDictionary): string | null {
  let corrected = "";
  let last = 0;
  let changed = false;
  for (const word of findWords(query)) {
    const folded = foldWord(word.text);
    if (!isCorrectable(folded) || isKnown(folded, dictionary)) continue;
    const replacement = closestWord(folded, dictionary);
    if (!replacement || replacement === folded) continue;
    corrected += query.slice(last, word.start) + replacement;
    last = word.end;
    changed = true;
  }
  return changed ? corrected + query.slice(last) : null;
}

/** Everything the site's search finds words in: titles, summaries, publishers, vocabulary, synonyms. */
export function getSiteSpellingDictionary(): Promise<SpellingDictionary> {
  return remember("practica-spelling-dictionary", async () => {
    const content = await getSiteContent();
    const texts: string[] = [];
    for (const entry of content.toolkit) texts.push(entry.title, entry.summary, entry.publisher);
    for (const course of content.catalog.courses) {
      texts.push(course.title, course.summary);
      for (const lesson of course.lessons)
        texts.push(lesson.title, lesson.summary, ...lesson.keyTerms.map((term) => term.term));
    }
    texts.push(...TOPICS, ...AUDIENCES, ...REGIONS, ...TOOLKIT_TYPES, ...SYNONYM_GROUPS.flat());
    return buildSpellingDictionary(texts);
  });
}
