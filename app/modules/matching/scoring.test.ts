import { describe, expect, it } from "vitest";
import {
  prepareOffers,
  rankOffers,
  rankRequests,
  type ScoringHelper,
  type ScoringOffer,
  type ScoringRequest,
  type Suggestion,
} from "./scoring";
import { MATCHING_WEIGHTS } from "./scoring-weights";

const NOW = Date.UTC(2026, 11, 5);

function request(overrides: Partial<ScoringRequest> = {}): ScoringRequest {
  return {
    id: "request-1",
    requesterId: "learner",
    topics: ["data-sharing-agreements"],
    kindOfHelp: "advice-call",
    languages: ["fr"],
    allowOtherLanguages: false,
    country: "SN",
    region: "africa",
    sector: "government",
    dataKinds: [],
    stage: null,
    urgency: "normal",
    acceptsPaidHelp: true,
    ...overrides,
  };
}

function helper(id: string, overrides: Partial<ScoringHelper> = {}): ScoringHelper {
  return {
    id,
    kind: "expert",
    memberIds: [id],
    capacityPerMonth: 4,
    load: 0,
    unavailableUntil: null,
    outcomes: { accepted: 0, resolved: 0, ratingCount: 0, ratingSum: 0 },
    ...overrides,
  };
}

/** An offer that matches nothing but the request's topic and language, so each test adds one factor. */
function offer(id: string, helperId: string, overrides: Partial<ScoringOffer> = {}): ScoringOffer {
  return {
    id,
    helperId,
    topics: ["data-sharing-agreements"],
    kindsOfHelp: ["document-review"],
    languages: ["fr"],
    countries: [],
    regions: [],
    sectors: [],
    dataKinds: [],
    stages: [],
    paid: false,
    ...overrides,
  };
}

function rank(
  offers: ScoringOffer[],
  helpers: ScoringHelper[],
  forRequest = request(),
): Suggestion[] {
  return rankOffers(prepareOffers(offers, helpers), forRequest, { now: NOW });
}

function ids(suggestions: Suggestion[]): string[] {
  return suggestions.map((suggestion) => suggestion.offerId);
}

/** The one factor on which `better` differs from the baseline offer must put it first, with its reason. */
function expectFactorWins(
  better: Partial<ScoringOffer>,
  forRequest: ScoringRequest,
  factor: string,
) {
  const suggestions = rank(
    [offer("baseline", "a"), offer("better", "b", better)],
    [helper("a"), helper("b")],
    forRequest,
  );
  expect(ids(suggestions)).toEqual(["better", "baseline"]);
  expect(suggestions[0]!.reasons.map((reason) => reason.factor)).toContain(factor);
  expect(suggestions[1]!.reasons.map((reason) => reason.factor)).not.toContain(factor);
}

describe("each factor", () => {
  it("topic overlap: the share of the request's topics covered, and no shared topic means no suggestion", () => {
    const forRequest = request({ topics: ["data-sharing-agreements", "data-protection"] });
    const suggestions = rank(
      [
        offer("one", "a"),
        offer("both", "b", {
          topics: ["data-protection", "data-sharing-agreements", "health-data"],
        }),
        offer("none", "c", { topics: ["statistics"] }),
      ],
      [helper("a"), helper("b"), helper("c")],
      forRequest,
    );
    expect(ids(suggestions)).toEqual(["both", "one"]);
    expect(suggestions[0]!.reasons[0]).toEqual({
      factor: "topics",
      topics: ["data-sharing-agreements", "data-protection"],
    });
    expect(suggestions[0]!.points.topics).toBe(MATCHING_WEIGHTS.topics);
    expect(suggestions[1]!.points.topics).toBe(MATCHING_WEIGHTS.topics / 2);
  });

  it("kind of help", () => {
    expectFactorWins({ kindsOfHelp: ["advice-call"] }, request(), "kind-of-help");
  });

  it("country counts more than region, and region more than global", () => {
    expectFactorWins({ regions: ["africa"] }, request(), "region");
    const suggestions = rank(
      [
        offer("global", "a", { regions: ["global"] }),
        offer("region", "b", { regions: ["africa"] }),
        offer("country", "c", { countries: ["SN"] }),
      ],
      [helper("a"), helper("b"), helper("c")],
    );
    expect(ids(suggestions)).toEqual(["country", "region", "global"]);
    expect(suggestions[0]!.reasons).toContainEqual({ factor: "country", country: "SN" });
    expect(suggestions[2]!.reasons).toContainEqual({ factor: "region", region: "global" });
  });

  it("sector, kinds of data and the deal's stage", () => {
    expectFactorWins({ sectors: ["government"] }, request(), "sector");
    const deal = request({ dataKinds: ["mobility", "telecom"], stage: "negotiating" });
    expectFactorWins({ dataKinds: ["telecom"] }, deal, "data-kinds");
    expectFactorWins({ stages: ["negotiating"] }, deal, "stage");
  });

  it("language is a hard constraint unless the requester allows others, then a caveat", () => {
    const offers = [offer("english", "a", { languages: ["en"] }), offer("french", "b")];
    const helpers = [helper("a"), helper("b")];
    expect(ids(rank(offers, helpers))).toEqual(["french"]);

    const open = rank(offers, helpers, request({ allowOtherLanguages: true }));
    expect(ids(open)).toEqual(["french", "english"]);
    expect(open[0]!.reasons).toContainEqual({ factor: "language", languages: ["fr"] });
    expect(open[1]!.caveats).toEqual([{ factor: "language", languages: ["en"] }]);
  });

  it("free capacity: the less loaded helper comes first, and urgency weighs it more", () => {
    const offers = [offer("busy", "a"), offer("free", "b")];
    const helpers = [helper("a", { load: 3 }), helper("b", { load: 0 })];
    const suggestions = rank(offers, helpers);
    expect(ids(suggestions)).toEqual(["free", "busy"]);
    expect(suggestions[1]!.reasons).toContainEqual({
      factor: "capacity",
      free: 1,
      capacityPerMonth: 4,
    });

    const gap = (forRequest: ScoringRequest) => {
      const [first, second] = rank(offers, helpers, forRequest);
      return first!.score - second!.score;
    };
    expect(gap(request({ urgency: "urgent" }))).toBeCloseTo(2 * gap(request()));
  });

  it("past outcomes, smoothed: many good answers beat one perfect one, and both beat none", () => {
    const suggestions = rank(
      [offer("new", "a"), offer("one-five", "b"), offer("proven", "c")],
      [
        helper("a"),
        helper("b", { outcomes: { accepted: 1, resolved: 1, ratingCount: 1, ratingSum: 5 } }),
        helper("c", { outcomes: { accepted: 30, resolved: 27, ratingCount: 25, ratingSum: 115 } }),
      ],
    );
    expect(ids(suggestions)).toEqual(["proven", "one-five", "new"]);
    expect(suggestions[0]!.reasons).toContainEqual({
      factor: "track-record",
      resolved: 27,
      averageRating: 4.6,
    });
    expect(suggestions[2]!.reasons).toContainEqual({
      factor: "track-record",
      resolved: 0,
      averageRating: null,
    });
  });

  it("each suggestion's points add up to its score", () => {
    const suggestions = rank(
      [
        offer("rich", "a", {
          kindsOfHelp: ["advice-call"],
          countries: ["SN"],
          sectors: ["government"],
          dataKinds: ["mobility"],
          stages: ["exploring"],
        }),
        offer("plain", "b", { regions: ["global"] }),
      ],
      [
        helper("a", {
          load: 1,
          outcomes: { accepted: 4, resolved: 3, ratingCount: 3, ratingSum: 13 },
        }),
        helper("b"),
      ],
      request({ dataKinds: ["mobility", "health"], stage: "exploring", urgency: "urgent" }),
    );
    expect(suggestions).toHaveLength(2);
    for (const suggestion of suggestions) {
      const sum = Object.values(suggestion.points).reduce(
        (total, value) => total + (value ?? 0),
        0,
      );
      expect(sum).toBeCloseTo(suggestion.score, 10);
    }
  });
});

describe("who is never suggested", () => {
  it("helpers at capacity or unavailable", () => {
    const suggestions = rank(
      [offer("full", "a"), offer("away", "b"), offer("back", "c"), offer("open", "d")],
      [
        helper("a", { capacityPerMonth: 2, load: 2 }),
        helper("b", { unavailableUntil: NOW + 86_400_000 }),
        helper("c", { unavailableUntil: NOW - 1 }),
        helper("d"),
      ],
    );
    expect(ids(suggestions).sort()).toEqual(["back", "open"]);
  });

  it("the requester, or an organisation they belong to", () => {
    const suggestions = rank(
      [offer("self", "learner"), offer("my-org", "org", {}), offer("other", "x")],
      [
        helper("learner"),
        helper("org", { kind: "organisation", memberIds: ["learner", "y"] }),
        helper("x"),
      ],
    );
    expect(ids(suggestions)).toEqual(["other"]);
  });

  it("paid offers when the requester wants pro bono help; otherwise a caveat", () => {
    const offers = [
      offer("paid", "a", { paid: true, kindsOfHelp: ["advice-call"] }),
      offer("free", "b"),
    ];
    const helpers = [helper("a"), helper("b")];
    expect(ids(rank(offers, helpers, request({ acceptsPaidHelp: false })))).toEqual(["free"]);
    const both = rank(offers, helpers);
    expect(ids(both)).toEqual(["paid", "free"]);
    expect(both[0]!.caveats).toEqual([{ factor: "paid" }]);
  });

  it("a helper appears once, with their best offer", () => {
    const suggestions = rank(
      [
        offer("weak", "a"),
        offer("strong", "a", { kindsOfHelp: ["advice-call"] }),
        offer("other", "b"),
      ],
      [helper("a"), helper("b")],
    );
    expect(ids(suggestions)).toEqual(["strong", "other"]);
  });
});

describe("fairness and determinism", () => {
  const helpers = Array.from({ length: 5 }, (_, index) =>
    helper(`h${index}`, {
      capacityPerMonth: 6,
      // h0 is the strongest on paper; the others close behind.
      outcomes: { accepted: 20, resolved: 20 - index, ratingCount: 20, ratingSum: 100 - index * 4 },
    }),
  );
  const offers = helpers.map((each) =>
    offer(`offer-${each.id}`, each.id, { kindsOfHelp: ["advice-call"] }),
  );
  const requests = Array.from({ length: 20 }, (_, index) => request({ id: `r${index}` }));

  it("no helper is put first for every request, nor past their capacity", () => {
    const ranked = rankRequests(prepareOffers(offers, helpers), requests, { now: NOW });
    const firsts = new Map<string, number>();
    for (const suggestions of ranked.values()) {
      const first = suggestions[0]!.helperId;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.size).toBeGreaterThan(1);
    expect(Math.max(...firsts.values())).toBeLessThan(requests.length);
    for (const count of firsts.values()) expect(count).toBeLessThanOrEqual(6);
  });

  it("the same inputs give the same ranking, ties broken by offer id", () => {
    const prepared = prepareOffers(offers, helpers);
    expect(rankRequests(prepared, requests, { now: NOW })).toEqual(
      rankRequests(prepared, requests, { now: NOW }),
    );

    const twins = rank([offer("b-offer", "b"), offer("a-offer", "a")], [helper("a"), helper("b")]);
    expect(ids(twins)).toEqual(["a-offer", "b-offer"]);
    const loaded = rank(
      [offer("b-offer", "b"), offer("a-offer", "a")],
      [
        helper("a", { load: 1, capacityPerMonth: 4 }),
        helper("b", { load: 2, capacityPerMonth: 8 }),
      ],
    );
    expect(loaded[0]!.score).toBe(loaded[1]!.score);
    expect(ids(loaded)).toEqual(["a-offer", "b-offer"]);
  });

  it("keeps at most the limit asked for", () => {
    expect(
      rankOffers(prepareOffers(offers, helpers), request(), { now: NOW, limit: 3 }),
    ).toHaveLength(3);
    expect(
      rankOffers(prepareOffers(offers, helpers), request({ topics: [] }), { now: NOW }),
    ).toEqual([]);
  });
});
