import { Link } from "@remix-run/react";
import { HighlightedText } from "./highlighted-text";

/** One result as the pages show it; built by the loader. */
export interface SearchResultView {
  id: string;
  /** Through /search/go when the search was logged, else the page itself. */
  href: string;
  title: string;
  /** HTML from the engine: escaped text with <mark> around matches. */
  titleHtml: string;
  summary: string;
  summaryHtml: string;
  meta: string | null;
}

/** Ranked results; `start` numbers them across pages (the list is ordered by rank). */
export function ResultList({
  results,
  start = 1,
}: {
  results: SearchResultView[];
  start?: number;
}) {
  return (
    <ol className="search-hits" start={start}>
      {results.map((result) => (
        <li key={result.id} className="search-hit">
          <h3 className="search-hit__title">
            <Link to={result.href}>
              <HighlightedText html={result.titleHtml} text={result.title} />
            </Link>
          </h3>
          {result.meta ? <p className="search-hit__meta">{result.meta}</p> : null}
          <p className="search-hit__summary">
            <HighlightedText html={result.summaryHtml} text={result.summary} />
          </p>
        </li>
      ))}
    </ol>
  );
}
