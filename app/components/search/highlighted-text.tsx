/**
 * Text with the matched words marked. The engines return highlights as HTML in which only
 * <mark> and </mark> are tags and everything else is escaped (search/highlight.ts); that is the
 * one place the search pages render HTML. Anything else in the string means the promise was
 * broken somewhere, so the plain text is shown instead, escaped by React.
 */
const ONLY_MARK_TAGS = /^(?:[^<>]|<\/?mark>)*$/;

export function isHighlightHtml(html: string): boolean {
  return ONLY_MARK_TAGS.test(html);
}

export function HighlightedText({ html, text }: { html: string; text: string }) {
  if (!isHighlightHtml(html)) return <>{text}</>;
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}
