/**
 * Highlights are rendered as HTML, so they are built here in one safe way: every character of
 * document text is escaped, and the only markup added is <mark>…</mark> around matched words.
 */
import { findWords, normalizeTerm, tokensOfWord } from "./text-analysis";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Marks every word of `text` that the engine reports as matched. `matchedTerms` holds index
 * terms (normal forms or folded written forms, see `indexTermsOf`), so a word is marked when
 * any of its tokens, in either form, matched: "Anonymisation" is marked for a match on
 * "anonymization", and "De-identification" for a match on "deidentification".
 */
export function highlightMatchedTerms(text: string, matchedTerms: ReadonlySet<string>): string {
  if (matchedTerms.size === 0) return escapeHtml(text);
  let html = "";
  let cursor = 0;
  for (const word of findWords(text)) {
    const isMatched = tokensOfWord(word.text).some(
      (token) => matchedTerms.has(token) || matchedTerms.has(normalizeTerm(token) ?? ""),
    );
    if (!isMatched) continue;
    html += `${escapeHtml(text.slice(cursor, word.start))}<mark>${escapeHtml(word.text)}</mark>`;
    cursor = word.end;
  }
  return html + escapeHtml(text.slice(cursor));
}

/**
 * Private-use characters an engine is asked to put around matches instead of <mark>, so that its
 * output can be escaped as a whole and only then turned into markup. Documents are stripped of
 * them before indexing (`stripHighlightSentinels`), so they cannot be forged from content.
 */
export const HIGHLIGHT_START_SENTINEL = "\uE000";
export const HIGHLIGHT_END_SENTINEL = "\uE001";
const SENTINELS = /[\uE000\uE001]/g;

export function stripHighlightSentinels(text: string): string {
  return text.replace(SENTINELS, "");
}

/** Escapes text that marks matches with the sentinels, then turns the sentinels into <mark>. */
export function sentinelMarkedTextToHtml(text: string): string {
  let html = "";
  let isOpen = false;
  for (const segment of text.split(/([\uE000\uE001])/)) {
    if (segment === HIGHLIGHT_START_SENTINEL) {
      if (!isOpen) html += "<mark>";
      isOpen = true;
    } else if (segment === HIGHLIGHT_END_SENTINEL) {
      if (isOpen) html += "</mark>";
      isOpen = false;
    } else {
      html += escapeHtml(segment);
    }
  }
  // An engine that cut the text mid-match must not leave the tag open.
  return isOpen ? `${html}</mark>` : html;
}
