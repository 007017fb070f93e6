import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  searchClicks,
  searchQueries,
  toolkitSaves,
  toolkitSuggestions,
  toolkitVotes,
  users,
} from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import {
  getSearchAnalytics,
  MIN_COUNT_WHEN_FILTERED,
  MIN_GROUP_SIZE,
  parseSearchAnalyticsParams,
  type AnalyticsContent,
  type SearchAnalyticsRequest,
} from "./analytics.server";
import { logSearchQuery } from "./query-log.server";

const content: AnalyticsContent = {
  toolkitEntries: [
    { slug: "gdpr", title: "General Data Protection Regulation" },
    { slug: "dpia-template", title: "DPIA template" },
  ],
  courses: [
    {
      slug: "foundations",
      title: "Foundations",
      lessons: [{ slug: "what-is", title: "What is a data collaborative" }],
    },
  ],
};

/** Members whose profiles the privacy rules count: audience (via role) × sector. */
const PROFILES = [
  { organisationRole: "analyst", sector: "government", people: 6 },
  { organisationRole: "decision-maker", sector: "government", people: 5 },
  { organisationRole: "legal-governance", sector: "academia", people: 2 },
  { organisationRole: "facilitator", sector: "civil-society", people: 3 },
  { organisationRole: "programme", sector: "private-sector", people: 1 },
] as const;
const members: Record<string, string[]> = {};

beforeAll(async () => {
  for (const profile of PROFILES) {
    for (let index = 0; index < profile.people; index += 1) {
      const user = await createTestUser();
      await db
        .update(users)
        .set({ organisationRole: profile.organisationRole, sector: profile.sector })
        .where(eq(users.id, user.id));
      (members[profile.organisationRole] ??= []).push(user.id);
    }
  }
});

function member(role: (typeof PROFILES)[number]["organisationRole"], index = 0): string {
  const id = members[role]?.[index];
  if (!id) throw new Error(`no ${role} number ${index}`);
  return id;
}

interface SeededSearch {
  query: string;
  at: string;
  resultCount?: number;
  audience?: string | null;
  sector?: string | null;
  clicks?: string[];
}

/** A logged search at an exact time, with clicks a minute later (positions in order given). */
async function seedSearch(search: SeededSearch): Promise<string> {
  const searchedAt = new Date(search.at);
  const [row] = await db
    .insert(searchQueries)
    .values({
      scope: "toolkit",
      query: search.query,
      resultCount: search.resultCount ?? 10,
      audience: search.audience ?? null,
      sector: search.sector ?? null,
      searchedAt,
    })
    .returning({ id: searchQueries.id });
  if (!row) throw new Error("search not seeded");
  const { id } = row;
  for (const [index, documentId] of (search.clicks ?? []).entries()) {
    await db.insert(searchClicks).values({
      queryId: id,
      documentId,
      position: index + 1,
      clickedAt: new Date(searchedAt.getTime() + 60_000),
    });
  }
  return id;
}

const period = (
  from: string,
  to: string,
  filter: Omit<SearchAnalyticsRequest, "from" | "to"> = {},
): SearchAnalyticsRequest => ({
  from,
  to,
  ...filter,
});

describe("parseSearchAnalyticsParams", () => {
  const today = new Date("2025-03-31T15:00:00Z");
  const parse = (query: string) =>
    parseSearchAnalyticsParams(new URL(`http://localhost/admin/search?${query}`), today);

  it("defaults to the last 30 days up to today, for everyone", () => {
    expect(parse("")).toEqual({
      request: { from: "2025-03-02", to: "2025-03-31" },
      values: { days: "", from: "2025-03-02", to: "2025-03-31", audience: "", sector: "" },
      errors: {},
      preset: 30,
    });
  });

  it("reads presets, dates and filters", () => {
    expect(parse("days=7")).toMatchObject({
      request: { from: "2025-03-25", to: "2025-03-31" },
      preset: 7,
    });
    expect(parse("days=90")).toMatchObject({
      request: { from: "2025-01-01", to: "2025-03-31" },
      preset: 90,
    });
    expect(parse("from=2024-02-01&to=2024-02-29&audience=analysts&sector=none")).toMatchObject({
      request: { from: "2024-02-01", to: "2024-02-29", audience: "analysts", sector: "none" },
      errors: {},
      preset: null,
    });
    // Only an end: the period is the preset's length before it.
    expect(parse("to=2024-06-30&days=7")).toMatchObject({
      request: { from: "2024-06-24", to: "2024-06-30" },
    });
    // Dates equal to a preset mark it as current.
    expect(parse("from=2025-03-25&to=2025-03-31").preset).toBe(7);
  });

  it("reports each bad parameter, keeps what was sent, and counts nothing", () => {
    const garbage = parse("from=yesterday&to=2025-02-30&audience=robots&sector=%3Cb%3E&days=12");
    expect(garbage.request).toBeNull();
    expect(garbage.errors).toEqual({
      days: "unknown-period",
      from: "invalid-date",
      to: "invalid-date",
      audience: "unknown-audience",
      sector: "unknown-sector",
    });
    expect(garbage.values).toMatchObject({
      from: "yesterday",
      to: "2025-02-30",
      audience: "robots",
      sector: "<b>",
    });

    expect(parse("from=2025-03-10&to=2025-03-01")).toMatchObject({
      request: null,
      errors: { to: "from-after-to" },
    });
    expect(parse("from=0000-01-01").errors).toEqual({ from: "invalid-date" });
    expect(parse("to=9999-12-31").errors).toEqual({ to: "invalid-date" });
    expect(parse(`from=${"9".repeat(5000)}`).values.from).toHaveLength(40);
  });
});

describe("getSearchAnalytics", () => {
  it("counts searches, click-through and queries in the period only (both days included)", async () => {
    await seedSearch({
      query: "dpia",
      at: "2024-01-31T23:59:59Z",
      clicks: ["toolkit:dpia-template"],
    });
    await seedSearch({
      query: "dpia",
      at: "2024-02-01T00:00:00Z",
      resultCount: 4,
      clicks: ["toolkit:dpia-template", "toolkit:gdpr"],
    });
    await seedSearch({ query: "dpia", at: "2024-02-10T10:00:00Z", resultCount: 6 });
    await seedSearch({
      query: "dpia",
      at: "2024-02-29T23:59:59Z",
      resultCount: 5,
      clicks: ["toolkit:dpia-template"],
    });
    await seedSearch({ query: "mobility data", at: "2024-02-15T10:00:00Z", resultCount: 0 });
    await seedSearch({
      query: "",
      at: "2024-02-15T11:00:00Z",
      resultCount: 60,
      clicks: ["toolkit:gdpr"],
    });
    await seedSearch({
      query: "dpia",
      at: "2024-03-01T00:00:00Z",
      clicks: ["toolkit:dpia-template"],
    });

    const analytics = await getSearchAnalytics(period("2024-02-01", "2024-02-29"), content);
    expect(analytics.isFiltered).toBe(false);
    expect(analytics.totals).toEqual({
      searches: 5,
      searchesWithClick: 3,
      clickThroughRate: 3 / 5,
      noResultSearches: 1,
      clicks: 4,
      averageClickPosition: (1 + 2 + 1 + 1) / 4,
    });
    // Browsing (an empty query) counts as a search, but is not a query.
    expect(analytics.topQueries).toEqual([
      {
        query: "dpia",
        searches: 3,
        averageResults: 5,
        searchesWithClick: 2,
        clickThroughRate: 2 / 3,
      },
      {
        query: "mobility data",
        searches: 1,
        averageResults: 0,
        searchesWithClick: 0,
        clickThroughRate: 0,
      },
    ]);
    expect(analytics.noResultQueries).toEqual([
      { query: "mobility data", searches: 1, lastSeen: new Date("2024-02-15T10:00:00Z") },
    ]);
  });

  it("lists queries without results by count, then the most recently seen", async () => {
    await seedSearch({ query: "telecom cdr", at: "2023-05-02T10:00:00Z", resultCount: 0 });
    await seedSearch({ query: "telecom cdr", at: "2023-05-20T10:00:00Z", resultCount: 0 });
    await seedSearch({ query: "telecom cdr", at: "2023-05-21T10:00:00Z", resultCount: 3 });
    await seedSearch({ query: "payments", at: "2023-05-03T10:00:00Z", resultCount: 0 });
    await seedSearch({ query: "health", at: "2023-05-04T10:00:00Z", resultCount: 0 });
    const analytics = await getSearchAnalytics(period("2023-05-01", "2023-05-31"), content);
    expect(analytics.noResultQueries).toEqual([
      { query: "telecom cdr", searches: 2, lastSeen: new Date("2023-05-20T10:00:00Z") },
      { query: "health", searches: 1, lastSeen: new Date("2023-05-04T10:00:00Z") },
      { query: "payments", searches: 1, lastSeen: new Date("2023-05-03T10:00:00Z") },
    ]);
  });

  it("names opened results from the content, approved suggestions, courses and lessons", async () => {
    await db.insert(toolkitSuggestions).values([
      {
        id: "s-approved",
        status: "approved",
        slug: "city-data-pact",
        title: "City data pact",
        publisher: "A city",
        year: 2023,
        sourceUrl: "https://example.org",
        type: "template",
        licence: "CC-BY-4.0",
        summary: "A pact.",
      },
      {
        id: "s-pending",
        status: "pending",
        title: "Not yet",
        publisher: "Someone",
        year: 2023,
        sourceUrl: "https://example.org/2",
        type: "guide",
        licence: "CC-BY-4.0",
        summary: "Pending.",
      },
    ]);
    await seedSearch({
      query: "pact",
      at: "2023-06-02T10:00:00Z",
      clicks: ["toolkit:city-data-pact", "toolkit:gdpr"],
    });
    await seedSearch({
      query: "pact",
      at: "2023-06-03T10:00:00Z",
      clicks: ["toolkit:city-data-pact", "lesson:foundations/what-is"],
    });
    await seedSearch({
      query: "course",
      at: "2023-06-04T10:00:00Z",
      clicks: ["course:foundations", "toolkit:gone-entry"],
    });
    const analytics = await getSearchAnalytics(period("2023-06-01", "2023-06-30"), content);
    expect(analytics.clickedDocuments).toEqual([
      {
        documentId: "toolkit:city-data-pact",
        title: "City data pact",
        href: "/toolkit/city-data-pact",
        clicks: 2,
        searches: 2,
      },
      {
        documentId: "course:foundations",
        title: "Foundations",
        href: "/courses/foundations",
        clicks: 1,
        searches: 1,
      },
      {
        documentId: "lesson:foundations/what-is",
        title: "Foundations › What is a data collaborative",
        href: "/courses/foundations/what-is",
        clicks: 1,
        searches: 1,
      },
      {
        documentId: "toolkit:gdpr",
        title: "General Data Protection Regulation",
        href: "/toolkit/gdpr",
        clicks: 1,
        searches: 1,
      },
      // An entry that no longer exists keeps its slug, without a link.
      { documentId: "toolkit:gone-entry", title: "gone-entry", href: null, clicks: 1, searches: 1 },
    ]);
  });

  it("ranks useful and saved entries from votes and saves made in the period", async () => {
    const at = (day: string) => new Date(`2022-04-${day}T12:00:00Z`);
    await db.insert(toolkitVotes).values([
      { userId: member("analyst", 0), entrySlug: "gdpr", useful: true, votedAt: at("02") },
      { userId: member("analyst", 1), entrySlug: "gdpr", useful: true, votedAt: at("03") },
      { userId: member("analyst", 2), entrySlug: "gdpr", useful: false, votedAt: at("04") },
      {
        userId: member("decision-maker", 0),
        entrySlug: "dpia-template",
        useful: true,
        votedAt: at("05"),
      },
      {
        userId: member("decision-maker", 1),
        entrySlug: "dpia-template",
        useful: true,
        votedAt: at("06"),
      },
      {
        userId: member("decision-maker", 2),
        entrySlug: "not-useful",
        useful: false,
        votedAt: at("06"),
      },
      // Before the period.
      {
        userId: member("analyst", 3),
        entrySlug: "dpia-template",
        useful: true,
        votedAt: new Date("2022-03-31T23:00:00Z"),
      },
    ]);
    await db.insert(toolkitSaves).values([
      { userId: member("analyst", 0), entrySlug: "dpia-template", savedAt: at("10") },
      { userId: member("analyst", 1), entrySlug: "dpia-template", savedAt: at("11") },
      { userId: member("facilitator", 0), entrySlug: "gdpr", savedAt: at("12") },
      {
        userId: member("facilitator", 1),
        entrySlug: "gdpr",
        savedAt: new Date("2022-05-01T00:00:00Z"),
      },
    ]);
    const analytics = await getSearchAnalytics(period("2022-04-01", "2022-04-30"), content);
    expect(analytics.usefulEntries).toEqual([
      {
        slug: "dpia-template",
        title: "DPIA template",
        href: "/toolkit/dpia-template",
        useful: 2,
        votes: 2,
        usefulShare: 1,
      },
      {
        slug: "gdpr",
        title: "General Data Protection Regulation",
        href: "/toolkit/gdpr",
        useful: 2,
        votes: 3,
        usefulShare: 2 / 3,
      },
    ]);
    expect(analytics.savedEntries).toEqual([
      { slug: "dpia-template", title: "DPIA template", href: "/toolkit/dpia-template", saves: 2 },
      {
        slug: "gdpr",
        title: "General Data Protection Regulation",
        href: "/toolkit/gdpr",
        saves: 1,
      },
    ]);

    // Filtered by the authors' profiles: analysts voted for gdpr, saved the template.
    const analysts = await getSearchAnalytics(
      period("2022-04-01", "2022-04-30", { audience: "analysts" }),
      content,
    );
    expect(analysts.usefulEntries.map((entry) => [entry.slug, entry.useful, entry.votes])).toEqual([
      ["gdpr", 2, 3],
    ]);
    expect(analysts.savedEntries.map((entry) => [entry.slug, entry.saves])).toEqual([
      ["dpia-template", 2],
    ]);
  });

  it("breaks searches down by audience and sector, merging groups under five people into Other", async () => {
    const at = "2021-07-10T10:00:00Z";
    const searches: SeededSearch[] = [
      { query: "a", at, audience: "analysts", sector: "government", clicks: ["toolkit:gdpr"] },
      { query: "b", at, audience: "analysts", sector: "government", resultCount: 0 },
      { query: "c", at, audience: "decision-makers", sector: "government" },
      {
        query: "d",
        at,
        audience: "legal-governance",
        sector: "academia",
        clicks: ["toolkit:gdpr"],
      },
      { query: "e", at, audience: "facilitators", sector: "civil-society" },
      { query: "f", at, audience: "data-holders", sector: "private-sector", resultCount: 0 },
      { query: "g", at },
      { query: "h", at },
      { query: "i", at },
    ];
    for (const search of searches) await seedSearch(search);
    const analytics = await getSearchAnalytics(period("2021-07-01", "2021-07-31"), content);
    expect(analytics.byAudience).toEqual({
      rows: [
        // Signed-out visitors are never a small group.
        {
          group: null,
          searches: 3,
          searchesWithClick: 0,
          clickThroughRate: 0,
          noResultSearches: 0,
        },
        {
          group: "analysts",
          searches: 2,
          searchesWithClick: 1,
          clickThroughRate: 0.5,
          noResultSearches: 1,
        },
        {
          group: "decision-makers",
          searches: 1,
          searchesWithClick: 0,
          clickThroughRate: 0,
          noResultSearches: 0,
        },
      ],
      // legal-governance (2 people), facilitators (3) and data holders (1): 6 together.
      other: {
        group: null,
        searches: 3,
        searchesWithClick: 1,
        clickThroughRate: 1 / 3,
        noResultSearches: 1,
      },
    });
    expect(analytics.bySector).toEqual({
      rows: [
        {
          group: null,
          searches: 3,
          searchesWithClick: 0,
          clickThroughRate: 0,
          noResultSearches: 0,
        },
        {
          group: "government",
          searches: 3,
          searchesWithClick: 1,
          clickThroughRate: 1 / 3,
          noResultSearches: 1,
        },
      ],
      other: {
        group: null,
        searches: 3,
        searchesWithClick: 1,
        clickThroughRate: 1 / 3,
        noResultSearches: 1,
      },
    });

    // Within the analysts, the sector breakdown is analysts × sector: only government has five.
    const analysts = await getSearchAnalytics(
      period("2021-07-01", "2021-07-31", { audience: "analysts" }),
      content,
    );
    expect(analysts.bySector.rows.map((row) => row.group)).toEqual(["government"]);
    expect(analysts.bySector.other).toBeNull();
  });

  it("shows an Other row only when the small groups together reach five people", async () => {
    await db
      .delete(users)
      .where(inArray(users.id, [member("facilitator", 0), member("facilitator", 1)]));
    try {
      const at = "2021-08-10T10:00:00Z";
      await seedSearch({ query: "x", at, audience: "legal-governance", sector: "academia" });
      await seedSearch({ query: "y", at, audience: "facilitators", sector: "civil-society" });
      const analytics = await getSearchAnalytics(period("2021-08-01", "2021-08-31"), content);
      // 2 + 1 + 1 people: no Other row, and the small groups' searches appear nowhere.
      expect(analytics.byAudience).toEqual({ rows: [], other: null });
      expect(analytics.totals.searches).toBe(2);
    } finally {
      for (const index of [0, 1]) {
        const user = await createTestUser();
        await db
          .update(users)
          .set({ organisationRole: "facilitator", sector: "civil-society" })
          .where(eq(users.id, user.id));
        if (members.facilitator) members.facilitator[index] = user.id;
      }
    }
  });

  describe("with a filter (privacy rules 2 and 3)", () => {
    const july = (filter: Omit<SearchAnalyticsRequest, "from" | "to">) =>
      period("2020-07-01", "2020-07-31", filter);

    beforeAll(async () => {
      const at = "2020-07-15T10:00:00Z";
      const analyst = { audience: "analysts", sector: "government" };
      await seedSearch({ query: "twice by analysts", at, ...analyst, clicks: ["toolkit:gdpr"] });
      await seedSearch({ query: "twice by analysts", at, ...analyst, clicks: ["toolkit:gdpr"] });
      await seedSearch({
        query: "once by an analyst",
        at,
        ...analyst,
        resultCount: 0,
        clicks: ["toolkit:dpia-template"],
      });
      await seedSearch({ query: "lost twice", at, ...analyst, resultCount: 0 });
      await seedSearch({ query: "lost twice", at, ...analyst, resultCount: 0 });
      await seedSearch({
        query: "a lawyer's question",
        at,
        audience: "legal-governance",
        sector: "academia",
      });
      await seedSearch({ query: "a visitor's question", at });
    });

    it("shows every query without a filter", async () => {
      const analytics = await getSearchAnalytics(july({}), content);
      expect(analytics.topQueries.map((row) => row.query)).toEqual([
        "lost twice",
        "twice by analysts",
        "a lawyer's question",
        "a visitor's question",
        "once by an analyst",
      ]);
    });

    it(`lists only rows counted at least ${MIN_COUNT_WHEN_FILTERED} times`, async () => {
      const analytics = await getSearchAnalytics(
        july({ audience: "analysts", sector: "government" }),
        content,
      );
      expect(analytics.isFiltered).toBe(true);
      expect(analytics.isGroupTooSmall).toBe(false);
      expect(analytics.topQueries.map((row) => [row.query, row.searches])).toEqual([
        ["lost twice", 2],
        ["twice by analysts", 2],
      ]);
      expect(analytics.noResultQueries.map((row) => row.query)).toEqual(["lost twice"]);
      expect(analytics.clickedDocuments.map((row) => row.documentId)).toEqual(["toolkit:gdpr"]);
      // Totals still count every search of the group.
      expect(analytics.totals).toMatchObject({
        searches: 5,
        searchesWithClick: 3,
        noResultSearches: 3,
      });
    });

    it(`shows nothing for a group of fewer than ${MIN_GROUP_SIZE} members`, async () => {
      for (const filter of [
        { sector: "academia" as const },
        { audience: "legal-governance" as const },
        { audience: "none" as const, sector: "government" as const },
      ]) {
        const analytics = await getSearchAnalytics(july(filter), content);
        expect(analytics.isGroupTooSmall, JSON.stringify(filter)).toBe(true);
        expect(analytics.totals.searches).toBe(0);
        expect(analytics.topQueries).toEqual([]);
        expect(analytics.byAudience).toEqual({ rows: [], other: null });
      }
    });

    it("treats 'not known' as a group that holds every signed-out visitor", async () => {
      const analytics = await getSearchAnalytics(july({ audience: "none" }), content);
      expect(analytics.isGroupTooSmall).toBe(false);
      expect(analytics.totals.searches).toBe(1);
      // Seen once: not listed under a filter.
      expect(analytics.topQueries).toEqual([]);
    });
  });

  it("reads searches logged by logSearchQuery, also those still waiting in this server's batch", async () => {
    const id = logSearchQuery({
      scope: "toolkit",
      query: "Logged Today",
      filters: {},
      resultCount: 0,
      page: 1,
      searcher: { organisationRole: "analyst", sector: "government" },
    });
    expect(id).not.toBeNull();
    const today = new Date().toISOString().slice(0, 10);
    const analytics = await getSearchAnalytics(period(today, today), content);
    expect(analytics.noResultQueries.map((row) => row.query)).toContain("logged today");
    expect(analytics.byAudience.rows.find((row) => row.group === "analysts")?.searches).toBe(1);
  });
});
