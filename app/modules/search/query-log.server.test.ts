import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchClicks, searchQueries } from "../../../db/schema";
import { countRows } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import {
  audienceOfSearcher,
  flushSearchLog,
  logSearchClick,
  logSearchQuery,
  MAX_LOGGED_FILTER_VALUES,
  replaySearchLog,
  searchLogReplayOf,
  normalizeFiltersForLog,
  normalizeQueryForLog,
  pruneSearchLog,
  type SearchQueryLogEntry,
} from "./query-log.server";

const search = (overrides: Partial<SearchQueryLogEntry> = {}): SearchQueryLogEntry => ({
  scope: "toolkit",
  query: "data sharing agreement",
  filters: {},
  resultCount: 12,
  page: 1,
  searcher: null,
  ...overrides,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NO_SUCH_SEARCH = "00000000-0000-4000-8000-000000000000";

/** The stored row of a logged search, once the batch it waits in has been written. */
async function storedRow(id: string | null) {
  expect(id).toMatch(UUID);
  await flushSearchLog();
  const [row] = await db
    .select()
    .from(searchQueries)
    .where(eq(searchQueries.id, id ?? NO_SUCH_SEARCH));
  return row;
}

describe("normalizeQueryForLog", () => {
  it("trims, collapses whitespace and control characters, and lower-cases", () => {
    expect(normalizeQueryForLog("  Data\t\tSharing \n AGREEMENT\u0000 ")).toBe(
      "data sharing agreement",
    );
  });

  it("cuts to 200 characters, counting characters rather than UTF-16 units", () => {
    expect(normalizeQueryForLog("a".repeat(500))).toHaveLength(200);
    const emoji = normalizeQueryForLog("🔍".repeat(300));
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji).toBe("🔍".repeat(200));
  });

  it("replaces anything that looks like an email address", () => {
    expect(
      normalizeQueryForLog("Agreement signed by Jane.Doe+work@Ministry.gov.example please"),
    ).toBe("agreement signed by [email] please");
    expect(normalizeQueryForLog("mail:someone@localhost")).toBe("[email]");
    // A lone @ is not an address.
    expect(normalizeQueryForLog("@ home")).toBe("@ home");
  });

  it("replaces phone, account and identity numbers, but keeps years and legal references", () => {
    expect(normalizeQueryForLog("call +44 (0)20 7946 0958 about mobility")).toBe(
      "call [number] about mobility",
    );
    expect(normalizeQueryForLog("case 12345678")).toBe("case [number]");
    expect(normalizeQueryForLog("id 123456")).toBe("id [number]");
    expect(normalizeQueryForLog("Regulation 2016/679 ISO 27001:2022 2020")).toBe(
      "regulation 2016/679 iso 27001:2022 2020",
    );
    // The documented price of catching numbers typed in groups: a list of years goes too.
    expect(normalizeQueryForLog("covid 2019 2020 2021")).toBe("covid [number]");
    expect(normalizeQueryForLog("12345")).toBe("12345");
  });

  it("scrubs before cutting, so an address across the 200th character never survives in part", () => {
    const query = `${"x".repeat(190)} someone@example.org`;
    expect(normalizeQueryForLog(query)).toBe(`${"x".repeat(190)} [email]`);
  });
});

describe("normalizeFiltersForLog", () => {
  it("keeps known facets (singular URL names become the engine's), drops the rest", () => {
    expect(
      normalizeFiltersForLog({
        topic: ["Data-Protection", "data-protection", " "],
        type: ["guide"],
        utm_source: ["newsletter"],
        audiences: "analysts",
      }),
    ).toEqual({ topics: ["data-protection"], type: ["guide"] });
  });

  it("bounds the number and length of values and scrubs them like queries", () => {
    const many = Array.from({ length: 50 }, (_, index) => `value-${index}`);
    const filters = normalizeFiltersForLog({
      publisher: [...many, "x".repeat(300)],
      licence: ["me@example.org"],
    });
    expect(filters.publisher).toHaveLength(MAX_LOGGED_FILTER_VALUES);
    expect(filters.licence).toEqual(["[email]"]);
    expect(normalizeFiltersForLog({ publisher: ["y".repeat(300)] }).publisher?.[0]).toHaveLength(
      100,
    );
  });

  it("gives no filters for anything that is not an object", () => {
    expect(normalizeFiltersForLog(null)).toEqual({});
    expect(normalizeFiltersForLog("topic=x")).toEqual({});
  });
});

describe("audienceOfSearcher", () => {
  it("maps profile roles to content audiences; private sector without a role means data holders", () => {
    expect(audienceOfSearcher(null)).toBeNull();
    expect(audienceOfSearcher({ organisationRole: "decision-maker", sector: "government" })).toBe(
      "decision-makers",
    );
    expect(audienceOfSearcher({ organisationRole: "analyst", sector: "private-sector" })).toBe(
      "analysts",
    );
    expect(audienceOfSearcher({ organisationRole: "legal-governance", sector: null })).toBe(
      "legal-governance",
    );
    expect(audienceOfSearcher({ organisationRole: "facilitator", sector: null })).toBe(
      "facilitators",
    );
    expect(audienceOfSearcher({ organisationRole: "programme", sector: "private-sector" })).toBe(
      "data-holders",
    );
    expect(audienceOfSearcher({ organisationRole: null, sector: "private-sector" })).toBe(
      "data-holders",
    );
    expect(audienceOfSearcher({ organisationRole: "programme", sector: "government" })).toBeNull();
    expect(audienceOfSearcher({ organisationRole: null, sector: null })).toBeNull();
  });
});

describe("logSearchQuery", () => {
  it("stores a normalised, scrubbed query with the searcher's audience and sector only", async () => {
    const id = logSearchQuery(
      search({
        scope: "site",
        query: "  DPIA template for ana@example.org ",
        filters: { topic: ["impact-assessment"], sort: ["newest"] },
        resultCount: 3,
        page: 2,
        searcher: { organisationRole: "analyst", sector: "government" },
      }),
    );
    const row = await storedRow(id);
    expect(row).toMatchObject({
      scope: "site",
      query: "dpia template for [email]",
      filters: { topics: ["impact-assessment"] },
      resultCount: 3,
      page: 2,
      audience: "analysts",
      sector: "government",
    });
    expect(row?.searchedAt).toBeInstanceOf(Date);
  });

  it("stores a visitor's search without audience or sector, and an unknown profile sector as none", async () => {
    expect(await storedRow(logSearchQuery(search()))).toMatchObject({
      audience: null,
      sector: null,
    });
    const row = await storedRow(
      logSearchQuery(
        search({ searcher: { organisationRole: "programme", sector: "somewhere-else" } }),
      ),
    );
    expect(row).toMatchObject({ audience: null, sector: null });
  });

  it("keeps an empty query (browsing) and bounds counts and pages", async () => {
    const row = await storedRow(
      logSearchQuery(search({ query: "   ", resultCount: -4, page: Number.POSITIVE_INFINITY })),
    );
    expect(row).toMatchObject({ query: "", resultCount: 0, page: 1 });
    const huge = await storedRow(logSearchQuery(search({ resultCount: 1e12, page: 3.7 })));
    expect(huge).toMatchObject({ resultCount: 2_147_483_647, page: 3 });
  });

  it("never throws: an unknown scope gives null, a failing database loses only that batch", async () => {
    const before = await countRows(searchQueries);
    expect(logSearchQuery(search({ scope: "everything" as "site" }))).toBeNull();
    await flushSearchLog();
    expect(await countRows(searchQueries)).toBe(before);
    // The table is away: the batch's insert fails for real, and searches carry on.
    await db.execute(sql`alter table search_queries rename to search_queries_away`);
    try {
      expect(logSearchQuery(search())).toMatch(UUID);
      await expect(flushSearchLog()).resolves.toBeUndefined();
    } finally {
      await db.execute(sql`alter table search_queries_away rename to search_queries`);
    }
    expect(await countRows(searchQueries)).toBe(before);
    expect(await storedRow(logSearchQuery(search()))).toBeDefined();
  });

  it("writes searches behind the response, in one batch, within a quarter of a second", async () => {
    const before = await countRows(searchQueries);
    const ids = Array.from({ length: 5 }, (_, at) => logSearchQuery(search({ page: at + 1 })));
    expect(new Set(ids).size).toBe(5);
    expect(await countRows(searchQueries)).toBe(before);
    await expect.poll(() => countRows(searchQueries), { timeout: 2_000 }).toBe(before + 5);
  });

  it("keeps up with a burst: searches gather while a write runs, none is lost", async () => {
    const before = await countRows(searchQueries);
    for (let at = 0; at < 2_500; at++) logSearchQuery(search({ page: (at % 50) + 1 }));
    await flushSearchLog();
    expect(await countRows(searchQueries)).toBe(before + 2_500);
  });
});

describe("replaying a cached results page's search", () => {
  it("logs the same search again under a new id for each visitor", async () => {
    const entry = search({ query: "DPIA  Template", filters: { type: ["guide"] }, resultCount: 4 });
    const payload = searchLogReplayOf(entry);
    expect(payload).toMatch(/^[\w-]+$/);
    const first = replaySearchLog(payload ?? "");
    const second = replaySearchLog(payload ?? "");
    expect(first).not.toBe(second);
    for (const id of [first, second]) {
      expect(await storedRow(id)).toMatchObject({
        scope: "toolkit",
        query: "dpia template",
        filters: { type: ["guide"] },
        resultCount: 4,
        audience: null,
        sector: null,
      });
    }
  });

  it("is not offered for a signed-in searcher, and a damaged payload logs nothing", async () => {
    expect(
      searchLogReplayOf(search({ searcher: { organisationRole: "analyst", sector: null } })),
    ).toBeNull();
    expect(replaySearchLog("not base64 json")).toBeNull();
  });
});

describe("logSearchClick", () => {
  it("records a click on a logged search", async () => {
    // Straight after the search: the click writes the waiting batch first.
    const queryId = logSearchQuery(search()) ?? NO_SUCH_SEARCH;
    await logSearchClick({ queryId, documentId: "toolkit:gdpr", position: 3 });
    const rows = await db.select().from(searchClicks).where(eq(searchClicks.queryId, queryId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ documentId: "toolkit:gdpr", position: 3 });
  });

  it("ignores a search that does not exist, a malformed id or position, without throwing", async () => {
    const before = await countRows(searchClicks);
    await expect(
      logSearchClick({ queryId: NO_SUCH_SEARCH, documentId: "toolkit:gdpr", position: 1 }),
    ).resolves.toBeUndefined();
    const queryId = logSearchQuery(search()) ?? NO_SUCH_SEARCH;
    await logSearchClick({ queryId, documentId: "not a document", position: 1 });
    await logSearchClick({ queryId, documentId: "toolkit:gdpr", position: 0 });
    await logSearchClick({ queryId: "1", documentId: "toolkit:gdpr", position: 1 });
    await logSearchClick({ queryId: `${queryId}x`, documentId: "toolkit:gdpr", position: 1 });
    expect(await countRows(searchClicks)).toBe(before);
  });

  it("never throws when the database fails", async () => {
    const queryId = logSearchQuery(search()) ?? NO_SUCH_SEARCH;
    await db.execute(sql`alter table search_clicks rename to search_clicks_away`);
    try {
      await expect(
        logSearchClick({ queryId, documentId: "toolkit:gdpr", position: 1 }),
      ).resolves.toBeUndefined();
    } finally {
      await db.execute(sql`alter table search_clicks_away rename to search_clicks`);
    }
  });

  it("disappears with its search", async () => {
    const queryId = logSearchQuery(search()) ?? NO_SUCH_SEARCH;
    await logSearchClick({ queryId, documentId: "course:foundations", position: 1 });
    await db.delete(searchQueries).where(eq(searchQueries.id, queryId));
    expect(
      await db.select().from(searchClicks).where(eq(searchClicks.queryId, queryId)),
    ).toHaveLength(0);
  });
});

describe("pruneSearchLog", () => {
  async function logSearchAged(days: number, withClick: boolean) {
    const id = logSearchQuery(search({ query: `aged ${days}` }));
    if (!id) throw new Error("not logged");
    await flushSearchLog();
    if (withClick) await logSearchClick({ queryId: id, documentId: "toolkit:some-entry", position: 1 });
    await db
      .update(searchQueries)
      .set({ searchedAt: sql`now() - make_interval(days => ${days})` })
      .where(eq(searchQueries.id, id));
    return id;
  }

  it("deletes searches older than the given number of days, with their clicks, and keeps newer ones", async () => {
    const old = await logSearchAged(40, true);
    const recent = await logSearchAged(20, true);

    expect(await pruneSearchLog({ olderThanDays: 30 })).toBeGreaterThanOrEqual(1);
    const ids = (await db.select({ id: searchQueries.id }).from(searchQueries)).map((row) => row.id);
    expect(ids).not.toContain(old);
    expect(ids).toContain(recent);
    expect(await db.select().from(searchClicks).where(eq(searchClicks.queryId, old))).toEqual([]);
    expect(await db.select().from(searchClicks).where(eq(searchClicks.queryId, recent))).toHaveLength(1);
  });

  it("keeps SEARCH_LOG_RETENTION_DAYS (365) by default", async () => {
    const kept = await logSearchAged(364, false);
    const gone = await logSearchAged(366, false);
    await pruneSearchLog();
    const ids = (await db.select({ id: searchQueries.id }).from(searchQueries)).map((row) => row.id);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(gone);
  });

  it("refuses a retention that is not a whole number of days", async () => {
    await expect(pruneSearchLog({ olderThanDays: 0 })).rejects.toThrow(RangeError);
    await expect(pruneSearchLog({ olderThanDays: 1.5 })).rejects.toThrow(RangeError);
  });
});
