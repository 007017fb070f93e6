/**
 * The matching module's ranking on generated offers (issue 15's targets): one request against
 * 10,000 offers, repeated with a different request each time (p95), and a broker's batch of
 * 1,000 requests against the same offers. In the bench's own process: the module is pure.
 */
import { REGIONS, TOPICS } from "../../../app/modules/content/vocabulary";
import {
  prepareOffers,
  rankOffers,
  rankRequests,
  type ScoringHelper,
  type ScoringOffer,
  type ScoringRequest,
} from "../../../app/modules/matching/scoring";
import {
  DATA_KINDS,
  DEAL_STAGES,
  HELPER_KINDS,
  KINDS_OF_HELP,
  URGENCIES,
} from "../../../app/modules/matching/vocabulary";
import { SECTORS } from "../../../app/modules/people/reference-data";
import { ms, type Check } from "./report";

export type MatchingTargets = { matchingOneRequestP95Ms: number; matchingBatchMs: number };

export type MatchingResult = {
  offers: number;
  helpers: number;
  oneRequest: { runs: number; p50Ms: number; p95Ms: number };
  batch: { requests: number; totalMs: number; suggestionsKept: number };
};

const LANGUAGES = ["en", "fr", "es", "pt", "ar", "sw", "id", "hi"];
const COUNTRIES = [
  "SN",
  "KE",
  "GH",
  "NG",
  "FR",
  "DE",
  "GB",
  "US",
  "BR",
  "MX",
  "CO",
  "ID",
  "IN",
  "PH",
  "JO",
  "EG",
];

/** Deterministic, so two runs rank the same data. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const some = <T>(values: readonly T[], most: number): T[] => {
    const count = 1 + Math.floor(next() * most);
    return [...new Set(Array.from({ length: count }, () => pick(values)))];
  };
  return { next, pick, some };
}

export function generateMatchingData(offerCount: number, requestCount: number) {
  const random = generator(15);
  const helperCount = Math.ceil(offerCount / 2);
  const helpers: ScoringHelper[] = Array.from({ length: helperCount }, (_, index) => {
    const accepted = Math.floor(random.next() * 30);
    const ratingCount = Math.floor(accepted * random.next());
    return {
      id: `helper-${index}`,
      kind: random.pick(HELPER_KINDS),
      memberIds: [`helper-${index}`],
      capacityPerMonth: 1 + Math.floor(random.next() * 8),
      load: Math.floor(random.next() * 4),
      unavailableUntil: random.next() < 0.05 ? Date.now() + 86_400_000 : null,
      outcomes: {
        accepted,
        resolved: Math.floor(accepted * random.next()),
        ratingCount,
        ratingSum: ratingCount * (3 + 2 * random.next()),
      },
    };
  });
  const offers: ScoringOffer[] = Array.from({ length: offerCount }, (_, index) => ({
    id: `offer-${index}`,
    helperId: `helper-${index % helperCount}`,
    topics: random.some(TOPICS, 4),
    kindsOfHelp: random.some(KINDS_OF_HELP, 3),
    languages: random.some(LANGUAGES, 3),
    countries: random.some(COUNTRIES, 3),
    regions: random.some(REGIONS, 2),
    sectors: random.some(SECTORS, 2),
    dataKinds: random.some(DATA_KINDS, 3),
    stages: random.some(DEAL_STAGES, 3),
    paid: random.next() < 0.2,
  }));
  const requests: ScoringRequest[] = Array.from({ length: requestCount }, (_, index) => ({
    id: `request-${index}`,
    requesterId: `requester-${index}`,
    topics: random.some(TOPICS, 3),
    kindOfHelp: random.pick(KINDS_OF_HELP),
    languages: random.some(LANGUAGES, 2),
    allowOtherLanguages: random.next() < 0.3,
    country: random.pick(COUNTRIES),
    region: random.pick(REGIONS),
    sector: random.pick(SECTORS),
    dataKinds: random.some(DATA_KINDS, 2),
    stage: random.pick(DEAL_STAGES),
    urgency: random.pick(URGENCIES),
    acceptsPaidHelp: random.next() < 0.5,
  }));
  return { helpers, offers, requests };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

export function measureMatching(
  offerCount = 10_000,
  requestCount = 1_000,
  runs = 200,
): MatchingResult {
  const { helpers, offers, requests } = generateMatchingData(offerCount, requestCount);
  const now = Date.now();
  // Preparing is part of what one request costs: a page ranks fresh offers each time.
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const request = requests[run % requests.length]!;
    const started = performance.now();
    rankOffers(prepareOffers(offers, helpers), request, { now });
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);

  const batchStarted = performance.now();
  const ranked = rankRequests(prepareOffers(offers, helpers), requests, { now });
  const totalMs = performance.now() - batchStarted;
  let suggestionsKept = 0;
  for (const suggestions of ranked.values()) suggestionsKept += suggestions.length;

  return {
    offers: offerCount,
    helpers: helpers.length,
    oneRequest: { runs, p50Ms: percentile(timings, 0.5), p95Ms: percentile(timings, 0.95) },
    batch: { requests: requestCount, totalMs, suggestionsKept },
  };
}

export function matchingChecks(result: MatchingResult, targets: MatchingTargets): Check[] {
  return [
    {
      name: `Matching: rank ${result.offers.toLocaleString("en-US")} offers for one request, offers prepared each time (p95 of ${result.oneRequest.runs} different requests)`,
      value: `${ms(result.oneRequest.p95Ms)} (p50 ${ms(result.oneRequest.p50Ms)})`,
      target: `< ${ms(targets.matchingOneRequestP95Ms)}`,
      pass: result.oneRequest.p95Ms < targets.matchingOneRequestP95Ms,
    },
    {
      name: `Matching: ${result.batch.requests.toLocaleString("en-US")} requests against the same offers, in turn (a broker's batch)`,
      value: `${ms(result.batch.totalMs)}, ${result.batch.suggestionsKept.toLocaleString("en-US")} suggestions`,
      target: `< ${ms(targets.matchingBatchMs)}`,
      pass: result.batch.totalMs < targets.matchingBatchMs,
    },
  ];
}
