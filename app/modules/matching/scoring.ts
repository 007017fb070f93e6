/**
 * Ranks the offers of experts, organisations and peers for a help request, and says why.
 *
 * Pure: no database, no web, no clock (the caller passes `now`). The same inputs give the same
 * ranking, ties broken by offer id. Vocabularies become bit masks once, in
 * `prepareOffers`, so that ranking one request against ten thousand offers is a loop of integer
 * operations; reasons are built only for the suggestions kept.
 */
import { REGIONS, TOPICS, type Region, type Topic } from "../content/vocabulary";
import { SECTORS, type Sector } from "../people/reference-data";
import { MATCHING_WEIGHTS, SUGGESTIONS_PER_REQUEST } from "./scoring-weights";
import {
  DATA_KINDS,
  DEAL_STAGES,
  KINDS_OF_HELP,
  type DataKind,
  type DealStage,
  type HelperKind,
  type KindOfHelp,
  type Urgency,
} from "./vocabulary";

export type MatchingWeights = typeof MATCHING_WEIGHTS;

export type ScoringRequest = {
  id: string;
  requesterId: string;
  topics: readonly Topic[];
  kindOfHelp: KindOfHelp;
  /** ISO 639-1 codes the requester can work in. */
  languages: readonly string[];
  allowOtherLanguages: boolean;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  region: Region | null;
  sector: Sector | null;
  dataKinds: readonly DataKind[];
  stage: DealStage | null;
  urgency: Urgency;
  acceptsPaidHelp: boolean;
};

/** The person or organisation who answers; capacity is theirs, across all their offers. */
export type ScoringHelper = {
  id: string;
  kind: HelperKind;
  /** People who act for this helper (an organisation's members; a person is their own member). */
  memberIds: readonly string[];
  capacityPerMonth: number;
  /** Requests accepted and still open this month, plus invitations waiting for an answer. */
  load: number;
  /** Epoch milliseconds until which the helper takes nothing new, or null. */
  unavailableUntil: number | null;
  outcomes: HelperOutcomes;
};

export type HelperOutcomes = {
  /** Requests accepted in the past. */
  accepted: number;
  resolved: number;
  ratingCount: number;
  /** Sum of ratings out of 5. */
  ratingSum: number;
};

export type ScoringOffer = {
  id: string;
  helperId: string;
  topics: readonly Topic[];
  kindsOfHelp: readonly KindOfHelp[];
  languages: readonly string[];
  countries: readonly string[];
  regions: readonly Region[];
  sectors: readonly Sector[];
  dataKinds: readonly DataKind[];
  stages: readonly DealStage[];
  paid: boolean;
};

/** Why an offer was suggested: each factor that counted, with what matched. */
export type MatchReason =
  | { factor: "topics"; topics: Topic[] }
  | { factor: "kind-of-help"; kindOfHelp: KindOfHelp }
  | { factor: "language"; languages: string[] }
  | { factor: "country"; country: string }
  | { factor: "region"; region: Region }
  | { factor: "sector"; sector: Sector }
  | { factor: "data-kinds"; dataKinds: DataKind[] }
  | { factor: "stage"; stage: DealStage }
  | { factor: "capacity"; free: number; capacityPerMonth: number }
  | { factor: "track-record"; resolved: number; averageRating: number | null };

/** Something the requester should know before inviting. */
export type MatchCaveat = { factor: "language"; languages: string[] } | { factor: "paid" };

export type Suggestion = {
  offerId: string;
  helperId: string;
  helperKind: HelperKind;
  score: number;
  /** Each factor's points, in the order of `reasons`' factors; sums to `score`. */
  points: Partial<Record<MatchReason["factor"], number>>;
  reasons: MatchReason[];
  caveats: MatchCaveat[];
};

export type PreparedOffers = {
  offers: readonly ScoringOffer[];
  helperList: readonly ScoringHelper[];
  /** Per helper: points for past outcomes. */
  trackPoints: Float64Array;
  /** Per offer: its helper's index in `helperList`. */
  helperIndex: Int32Array;
  topicMask: Uint32Array;
  kindMask: Uint32Array;
  regionMask: Uint32Array;
  sectorMask: Uint32Array;
  dataKindMask: Uint32Array;
  stageMask: Uint32Array;
  weights: MatchingWeights;
};

const bitTables = new WeakMap<readonly string[], Map<string, number>>();

/** The value's bit in its vocabulary (0 for a value not in it). */
function bitOf<T extends string>(vocabulary: readonly T[], value: T): number {
  let table = bitTables.get(vocabulary);
  if (!table) {
    table = new Map(vocabulary.map((each, index) => [each, 1 << index]));
    bitTables.set(vocabulary, table);
  }
  return table.get(value) ?? 0;
}

function maskOf<T extends string>(vocabulary: readonly T[], values: readonly T[]): number {
  let mask = 0;
  for (const value of values) mask |= bitOf(vocabulary, value);
  return mask >>> 0;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function valuesOfMask<T extends string>(vocabulary: readonly T[], mask: number): T[] {
  return vocabulary.filter((_, index) => (mask & (1 << index)) !== 0);
}

/** Smoothed towards the prior, so one five-star answer does not outrank fifty good ones. */
function trackRecordPoints(outcomes: HelperOutcomes, weights: MatchingWeights): number {
  const { prior } = weights;
  const rating =
    (outcomes.ratingSum + prior.rating * prior.weight) / (outcomes.ratingCount + prior.weight);
  const resolution =
    (outcomes.resolved + prior.resolutionRate * prior.weight) / (outcomes.accepted + prior.weight);
  const ratingShare = Math.min(1, Math.max(0, (rating - 1) / 4));
  const resolutionShare = Math.min(1, Math.max(0, resolution));
  return (weights.trackRecord * (ratingShare + resolutionShare)) / 2;
}

/** Turns offers and their helpers into masks once; offers whose helper is unknown are dropped. */
export function prepareOffers(
  offers: readonly ScoringOffer[],
  helpers: readonly ScoringHelper[],
  weights: MatchingWeights = MATCHING_WEIGHTS,
): PreparedOffers {
  const helperPosition = new Map<string, number>();
  const trackPoints = new Float64Array(helpers.length);
  for (let index = 0; index < helpers.length; index++) {
    const helper = helpers[index]!;
    helperPosition.set(helper.id, index);
    trackPoints[index] = trackRecordPoints(helper.outcomes, weights);
  }
  const known = offers.filter((offer) => helperPosition.has(offer.helperId));
  const count = known.length;
  const prepared: PreparedOffers = {
    offers: known,
    helperList: helpers,
    trackPoints,
    helperIndex: new Int32Array(count),
    topicMask: new Uint32Array(count),
    kindMask: new Uint32Array(count),
    regionMask: new Uint32Array(count),
    sectorMask: new Uint32Array(count),
    dataKindMask: new Uint32Array(count),
    stageMask: new Uint32Array(count),
    weights,
  };
  for (let index = 0; index < count; index++) {
    const offer = known[index]!;
    prepared.helperIndex[index] = helperPosition.get(offer.helperId) ?? -1;
    prepared.topicMask[index] = maskOf(TOPICS, offer.topics);
    prepared.kindMask[index] = maskOf(KINDS_OF_HELP, offer.kindsOfHelp);
    prepared.regionMask[index] = maskOf(REGIONS, offer.regions);
    prepared.sectorMask[index] = maskOf(SECTORS, offer.sectors);
    prepared.dataKindMask[index] = maskOf(DATA_KINDS, offer.dataKinds);
    prepared.stageMask[index] = maskOf(DEAL_STAGES, offer.stages);
  }
  return prepared;
}

export type RankOptions = {
  now: number;
  limit?: number;
  /** Extra load per helper index, on top of each helper's own (batch ranking projects its choices here). */
  extraLoad?: Float64Array;
};

type Candidate = { index: number; score: number };

function isBetter(a: Candidate, b: Candidate, offers: readonly ScoringOffer[]): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return (offers[a.index]?.id ?? "") < (offers[b.index]?.id ?? "");
}

/**
 * The best offers for one request, at most one per helper, each with its reasons. Not suggested:
 * offers sharing no topic with the request, helpers at capacity or unavailable, the requester's
 * own offers, offers in no language the requester speaks (unless they allow it), and paid offers
 * when the requester wants pro bono help.
 */
export function rankOffers(
  prepared: PreparedOffers,
  request: ScoringRequest,
  options: RankOptions,
): Suggestion[] {
  const { weights, offers, helperList } = prepared;
  const limit = options.limit ?? SUGGESTIONS_PER_REQUEST;
  const requestTopics = maskOf(TOPICS, request.topics);
  const requestTopicCount = bitCount(requestTopics);
  if (requestTopicCount === 0 || limit <= 0) return [];
  const kindBit = bitOf(KINDS_OF_HELP, request.kindOfHelp);
  const regionBit = request.region ? bitOf(REGIONS, request.region) : 0;
  const globalBit = bitOf(REGIONS, "global");
  const sectorBit = request.sector ? bitOf(SECTORS, request.sector) : 0;
  const requestDataKinds = maskOf(DATA_KINDS, request.dataKinds);
  const requestDataKindCount = bitCount(requestDataKinds);
  const stageBit = request.stage ? bitOf(DEAL_STAGES, request.stage) : 0;
  const capacityWeight =
    weights.capacity * (request.urgency === "urgent" ? weights.urgentCapacityMultiplier : 1);

  // Per helper: skip when excluded, else its best candidate so far (one suggestion per helper).
  const helperExcluded = helperList.map(
    (helper, index) =>
      helper.memberIds.includes(request.requesterId) ||
      helper.id === request.requesterId ||
      (helper.unavailableUntil !== null && helper.unavailableUntil > options.now) ||
      helper.capacityPerMonth - helper.load - (options.extraLoad?.[index] ?? 0) <= 0,
  );
  const bestByHelper = new Map<number, Candidate>();

  for (let index = 0; index < offers.length; index++) {
    const topicsMatched = bitCount((prepared.topicMask[index] ?? 0) & requestTopics);
    if (topicsMatched === 0) continue;
    const helperAt = prepared.helperIndex[index] ?? -1;
    const helper = helperList[helperAt];
    if (!helper || helperExcluded[helperAt]) continue;
    const offer = offers[index];
    if (!offer) continue;
    if (offer.paid && !request.acceptsPaidHelp) continue;
    const speaks = request.languages.some((language) => offer.languages.includes(language));
    if (!speaks && !request.allowOtherLanguages) continue;

    let score = (weights.topics * topicsMatched) / requestTopicCount;
    if ((prepared.kindMask[index] ?? 0) & kindBit) score += weights.kindOfHelp;
    if (speaks) score += weights.language;
    if (request.country && offer.countries.includes(request.country)) score += weights.country;
    else if (regionBit && (prepared.regionMask[index] ?? 0) & regionBit) score += weights.region;
    else if ((prepared.regionMask[index] ?? 0) & globalBit) score += weights.region / 2;
    if ((prepared.sectorMask[index] ?? 0) & sectorBit) score += weights.sector;
    if (requestDataKindCount > 0) {
      score +=
        (weights.dataKinds * bitCount((prepared.dataKindMask[index] ?? 0) & requestDataKinds)) /
        requestDataKindCount;
    }
    if ((prepared.stageMask[index] ?? 0) & stageBit) score += weights.stage;
    const load = helper.load + (options.extraLoad?.[helperAt] ?? 0);
    score += capacityWeight * (1 - load / helper.capacityPerMonth);
    score += prepared.trackPoints[helperAt] ?? 0;

    const candidate = { index, score };
    const current = bestByHelper.get(helperAt);
    if (!current || isBetter(candidate, current, offers)) bestByHelper.set(helperAt, candidate);
  }

  const kept = [...bestByHelper.values()]
    .sort((a, b) => (isBetter(a, b, offers) ? -1 : isBetter(b, a, offers) ? 1 : 0))
    .slice(0, limit);
  return kept.map((candidate) => explain(prepared, request, candidate, options, capacityWeight));
}

/** Works the kept candidate's points out again, factor by factor, with what matched. */
function explain(
  prepared: PreparedOffers,
  request: ScoringRequest,
  candidate: Candidate,
  options: RankOptions,
  capacityWeight: number,
): Suggestion {
  const { weights } = prepared;
  const index = candidate.index;
  const offer = prepared.offers[index]!;
  const helperAt = prepared.helperIndex[index] ?? -1;
  const helper = prepared.helperList[helperAt]!;
  const reasons: MatchReason[] = [];
  const caveats: MatchCaveat[] = [];
  const points: Suggestion["points"] = {};
  const add = (reason: MatchReason, value: number) => {
    reasons.push(reason);
    points[reason.factor] = value;
  };

  const requestTopics = maskOf(TOPICS, request.topics);
  const matchedTopics = (prepared.topicMask[index] ?? 0) & requestTopics;
  add(
    { factor: "topics", topics: valuesOfMask(TOPICS, matchedTopics) },
    (weights.topics * bitCount(matchedTopics)) / bitCount(requestTopics),
  );
  if (offer.kindsOfHelp.includes(request.kindOfHelp))
    add({ factor: "kind-of-help", kindOfHelp: request.kindOfHelp }, weights.kindOfHelp);
  const shared = request.languages.filter((language) => offer.languages.includes(language));
  if (shared.length > 0) add({ factor: "language", languages: shared }, weights.language);
  else caveats.push({ factor: "language", languages: [...offer.languages] });
  if (request.country && offer.countries.includes(request.country)) {
    add({ factor: "country", country: request.country }, weights.country);
  } else if (request.region && offer.regions.includes(request.region)) {
    add({ factor: "region", region: request.region }, weights.region);
  } else if (offer.regions.includes("global")) {
    add({ factor: "region", region: "global" }, weights.region / 2);
  }
  if (request.sector && offer.sectors.includes(request.sector))
    add({ factor: "sector", sector: request.sector }, weights.sector);
  const dataKinds = request.dataKinds.filter((kind) => offer.dataKinds.includes(kind));
  if (dataKinds.length > 0)
    add(
      { factor: "data-kinds", dataKinds },
      (weights.dataKinds * dataKinds.length) / request.dataKinds.length,
    );
  if (request.stage && offer.stages.includes(request.stage))
    add({ factor: "stage", stage: request.stage }, weights.stage);
  const load = helper.load + (options.extraLoad?.[helperAt] ?? 0);
  add(
    {
      factor: "capacity",
      free: Math.max(0, helper.capacityPerMonth - load),
      capacityPerMonth: helper.capacityPerMonth,
    },
    capacityWeight * (1 - load / helper.capacityPerMonth),
  );
  const { outcomes } = helper;
  add(
    {
      factor: "track-record",
      resolved: outcomes.resolved,
      averageRating: outcomes.ratingCount > 0 ? outcomes.ratingSum / outcomes.ratingCount : null,
    },
    prepared.trackPoints[helperAt] ?? 0,
  );
  if (offer.paid) caveats.push({ factor: "paid" });

  return {
    offerId: offer.id,
    helperId: helper.id,
    helperKind: helper.kind,
    score: candidate.score,
    points,
    reasons,
    caveats,
  };
}

/**
 * Ranks many requests in turn, as a broker's queue or a nightly run would. Each request's first
 * suggestion counts as one more request for that helper when ranking the next, so one strong
 * helper is not put first for everyone and nobody is projected past their capacity.
 */
export function rankRequests(
  prepared: PreparedOffers,
  requests: readonly ScoringRequest[],
  options: Omit<RankOptions, "extraLoad">,
): Map<string, Suggestion[]> {
  const extraLoad = new Float64Array(prepared.helperList.length);
  const positions = new Map(prepared.helperList.map((helper, index) => [helper.id, index]));
  const results = new Map<string, Suggestion[]>();
  for (const request of requests) {
    const suggestions = rankOffers(prepared, request, { ...options, extraLoad });
    results.set(request.id, suggestions);
    const first = suggestions[0];
    const at = first ? positions.get(first.helperId) : undefined;
    if (at !== undefined) extraLoad[at] = (extraLoad[at] ?? 0) + 1;
  }
  return results;
}
