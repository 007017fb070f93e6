import { describe, expect, it } from "vitest";
import { searchAnalyticsToCsv, SEARCH_ANALYTICS_CSV_COLUMNS } from "./analytics-csv.server";
import { getSearchAnalytics, type SearchAnalytics } from "./analytics.server";
import { flushSearchLog, logSearchQuery } from "./query-log.server";

const labels = { other: "Other (smaller groups)", notKnown: "Not known" };

const group = (name: string | null, searches: number) => ({
  group: name,
  searches,
  searchesWithClick: 1,
  clickThroughRate: 1 / searches,
  noResultSearches: 0,
});

const analytics: SearchAnalytics = {
  period: { from: "2025-01-01", to: "2025-01-31" },
  filter: { audience: "analysts", sector: null },
  isFiltered: true,
  isGroupTooSmall: false,
  totals: {
    searches: 9,
    searchesWithClick: 3,
    clickThroughRate: 1 / 3,
    noResultSearches: 2,
    clicks: 4,
    averageClickPosition: 1.75,
  },
  topQueries: [
    {
      query: 'data sharing, "agreements"',
      searches: 5,
      averageResults: 12.345,
      searchesWithClick: 2,
      clickThroughRate: 0.4,
    },
    {
      query: '=hyperlink("http://evil")',
      searches: 2,
      averageResults: 0,
      searchesWithClick: 0,
      clickThroughRate: 0,
    },
    { query: "-2+3", searches: 2, averageResults: 1, searchesWithClick: 1, clickThroughRate: 0.5 },
  ],
  noResultQueries: [{ query: "@sum(a1)", searches: 2, lastSeen: new Date("2025-01-20T08:30:00Z") }],
  clickedDocuments: [
    { documentId: "toolkit:gdpr", title: "GDPR", href: "/toolkit/gdpr", clicks: 3, searches: 2 },
  ],
  usefulEntries: [
    { slug: "gdpr", title: "GDPR", href: "/toolkit/gdpr", useful: 2, votes: 3, usefulShare: 2 / 3 },
  ],
  savedEntries: [{ slug: "dpia", title: "+DPIA template", href: null, saves: 4 }],
  byAudience: { rows: [group("analysts", 6), group(null, 3)], other: null },
  bySector: { rows: [group("government", 5)], other: group(null, 4) },
};

function linesOf(csv: string): string[] {
  return csv.trimEnd().split("\n");
}

describe("searchAnalyticsToCsv", () => {
  const lines = linesOf(searchAnalyticsToCsv(analytics, labels));

  it("starts with the header and the period and filter", () => {
    expect(lines[0]).toBe(SEARCH_ANALYTICS_CSV_COLUMNS.join(","));
    expect(lines.slice(1, 4)).toEqual([
      "period,2025-01-01/2025-01-31,,,,,,,,,,,,,",
      "filter,audience,analysts,,,,,,,,,,,,",
      "filter,sector,any,,,,,,,,,,,,",
    ]);
    expect(lines[4]).toBe("summary,all searches,,9,,3,0.3333,2,4,1.75,,,,,");
  });

  it("has one row per table row, with a section column and rounded numbers", () => {
    expect(lines).toContain('top-query,"data sharing, ""agreements""",,5,12.35,2,0.4,,,,,,,,');
    expect(lines).toContain("no-result-query,'@sum(a1),,2,,,,,,,2025-01-20T08:30:00.000Z,,,,");
    expect(lines).toContain("clicked-document,GDPR,toolkit:gdpr,2,,,,,3,,,,,,");
    expect(lines).toContain("useful-entry,GDPR,gdpr,,,,,,,,,2,3,0.6667,");
    expect(lines).toContain("audience,analysts,,6,,1,0.1667,0,,,,,,,");
    expect(lines).toContain("audience,Not known,,3,,1,0.3333,0,,,,,,,");
    expect(lines).toContain("sector,Other (smaller groups),,4,,1,0.25,0,,,,,,,");
    expect(lines.filter((line) => line.startsWith("top-query,"))).toHaveLength(3);
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(lines).toContain(`top-query,"'=hyperlink(""http://evil"")",,2,0,0,0,,,,,,,,`);
    expect(lines).toContain("top-query,'-2+3,,2,1,1,0.5,,,,,,,,");
    expect(lines).toContain("saved-entry,'+DPIA template,dpia,,,,,,,,,,,,4");
    // Numbers are numbers, never prefixed.
    expect(lines.some((line) => line.includes(",'0") || line.includes(",'1"))).toBe(false);
  });

  it("says when the filtered group is too small", () => {
    const csv = searchAnalyticsToCsv({ ...analytics, isGroupTooSmall: true }, labels);
    expect(linesOf(csv)).toContain("note,group-too-small,,,,,,,,,,,,,");
  });

  it("exports a logged query that tries to be a formula, defused", async () => {
    logSearchQuery({
      scope: "toolkit",
      query: "=1+1",
      filters: {},
      resultCount: 0,
      page: 1,
      searcher: null,
    });
    await flushSearchLog();
    const today = new Date().toISOString().slice(0, 10);
    const fromDatabase = await getSearchAnalytics(
      { from: today, to: today },
      { toolkitEntries: [], courses: [] },
    );
    const csvLines = linesOf(searchAnalyticsToCsv(fromDatabase, labels));
    expect(csvLines).toContain("top-query,'=1+1,,1,0,0,0,,,,,,,,");
    expect(csvLines).toContain(
      `no-result-query,'=1+1,,1,,,,,,,${fromDatabase.noResultQueries[0]?.lastSeen.toISOString()},,,,`,
    );
  });
});
