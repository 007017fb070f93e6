/**
 * How much each factor counts when ranking offers for a help request. One place, so that a
 * broker who asks "why is this expert first?" and an engineer tuning the ranking read the same
 * numbers. Points are added; a perfect match on every factor scores about 100.
 */
export const MATCHING_WEIGHTS = {
  /** Share of the request's topics the offer covers. An offer with none is not suggested. */
  topics: 35,
  /** The offer gives the kind of help asked for. */
  kindOfHelp: 15,
  /** Speaks one of the requester's languages (a hard constraint unless the requester allows otherwise). */
  language: 8,
  /** Has worked in the requester's country; else in its region; "global" counts as the region, halved. */
  country: 10,
  region: 6,
  /** Knows the requester's sector (government, private sector...). */
  sector: 5,
  /** Share of the kinds of data in the deal (mobility, telecom...) the offer knows. */
  dataKinds: 5,
  /** Helps at the deal's stage (exploring, negotiating...). */
  stage: 3,
  /** Share of this month's capacity still free: spreads requests over helpers. */
  capacity: 7,
  /** Urgent requests weigh free capacity this many times more. */
  urgentCapacityMultiplier: 2,
  /** Past outcomes: resolution rate and ratings, each smoothed towards the prior below. */
  trackRecord: 6,
  /** What a helper with no history is assumed to have: an average rating out of 5, and a resolution rate. */
  prior: { rating: 3.5, resolutionRate: 0.5, weight: 3 },
} as const;

/** How many suggestions a request shows. */
export const SUGGESTIONS_PER_REQUEST = 8;
