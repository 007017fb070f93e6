/** Strings of the toolkit search page, the site-wide search page and the header search box. */
export const searchStrings = {
  unavailable: "Search is not available at the moment. Try again in a few minutes.",
  rateLimited:
    "Too many searches have come from your network in the last few minutes. Wait {{minutes}} minutes, then search again.",
  unavailableToolkit:
    "Search is not available at the moment, so words, filters and sorting cannot be applied. Here is every entry, by title. Try again in a few minutes.",

  // The box and the form
  submit: "Search",
  toolkitLabel: "Search the toolkit",
  toolkitHint: "Words, acronyms such as DPIA or DSA, or a publisher. Small typos are forgiven.",
  toolkitFormName: "Toolkit search",
  toolkitTitleFor: "“{{query}}” in the guidance toolkit",
  sortLabel: "Sort by",
  applySort: "Sort",
  sort: {
    relevance: "Best match",
    newest: "Newest first",
    "most-useful": "Most useful",
  },

  // Facets
  filtersHeading: "Narrow the results",
  jumpToFilters: "Go to the filters",
  applyFilters: "Apply filters",
  facet: {
    type: "Type",
    topic: "Topic",
    audience: "Written for",
    region: "Region",
    language: "Language",
    licence: "Licence",
  },
  facetCount: "({{count}})",
  activeFilters: "Active filters",
  removeFilter: "Remove filter:",
  chip: "{{facet}}: {{value}}",
  clearFilters: "Clear all filters",

  // Results
  resultsHeading: "Results",
  count_one: "{{count}} entry",
  count_other: "{{count}} entries",
  countFor_one: "{{count}} entry matches “{{query}}”",
  countFor_other: "{{count}} entries match “{{query}}”",
  pageOf: "Page {{page}} of {{pages}}",
  pagination: "Pages of results",
  entryMeta: "{{type}} · {{publisher}}, {{year}}",
  pastLastPage: "There are no results on page {{page}}: this search has {{pages}} pages.",
  lastPage: "Go to the last page (page {{page}})",

  // Nothing found
  noResultsHeading: "Nothing found",
  noResultsFor: "No entry matches “{{query}}”.",
  noResultsFiltered: "No entry matches “{{query}}” with these filters.",
  noResultsOnlyFilters: "No entry matches these filters.",
  tryInstead: "You could:",
  didYouMean: "Did you mean",
  didYouMeanCount_one: "({{count}} result)",
  didYouMeanCount_other: "({{count}} results)",
  withoutFilters_one: "Search without the filters ({{count}} result)",
  withoutFilters_other: "Search without the filters ({{count}} results)",
  removeOneFilter: "remove one of the filters above",
  fewerWords: "use fewer or more general words",
  askForSupport:
    "Still cannot find what you need? Describe it and be matched with experts and peers who have done it before:",
  askForSupportLink: "ask for support",

  // Bad input
  badPage:
    "The page number must be a whole number from 1 to {{max}}. Showing the search without it.",
  queryCut:
    "Your search was longer than {{count}} characters, so only the first {{count}} were used.",
  ignoredValues: "Some choices in the address were not recognised and were ignored: {{values}}.",
  ignoredMore_one: "and {{count}} more",
  ignoredMore_other: "and {{count}} more",

  // The site-wide page
  siteTitle: "Search",
  siteTitleFor: "“{{query}}”: search",
  siteDescription: "Search the toolkit, the courses and their lessons at once.",
  siteHeading: "Search Practica",
  siteLabel: "What are you looking for?",
  siteFormName: "Search Practica",
  siteEmpty:
    "Type what you are looking for: a topic, a kind of document, an acronym such as DPIA, or a publisher.",
  siteBrowse: "Or browse:",
  siteBrowseToolkit: "the guidance toolkit",
  siteBrowseCourses: "the courses",
  siteCount_one: "{{count}} result for “{{query}}”",
  siteCount_other: "{{count}} results for “{{query}}”",
  siteNoResults: "Nothing on Practica matches “{{query}}”.",
  kind: {
    toolkit: "Toolkit entries",
    course: "Courses",
    lesson: "Lessons",
  },
  kindCount: "{{kind}} ({{count}})",
  kindNone: "None.",
  seeAll: {
    toolkit_one: "See the toolkit result",
    toolkit_other: "See all {{count}} toolkit results",
    course_one: "See the course",
    course_other: "See all {{count}} courses",
    lesson_one: "See the lesson",
    lesson_other: "See all {{count}} lessons",
  },
  allKinds: "All results for “{{query}}”",
  lessonOf: "Lesson in {{course}}",

  // The header box
} as const;
