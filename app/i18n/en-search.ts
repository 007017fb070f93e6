/** Strings of the toolkit search page, the site-wide search page and the header search box. */
export const searchStrings = {
  unavailable: "Search is not available at the moment. Try again in a few minutes.",
} as const;
