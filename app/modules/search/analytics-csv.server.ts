import { toCsv, type CsvCell } from "~/utils/csv.server";
import type { SearchAnalytics, SearchGroupRow } from "./analytics.server";

export const SEARCH_ANALYTICS_CSV_COLUMNS = [
  "section",
  "item",
  "id",
  "searches",
  "average_results",
  "searches_with_click",
  "click_through_rate",
  "no_result_searches",
  "clicks",
  "average_click_position",
  "last_seen",
  "useful",
  "votes",
  "useful_share",
  "saves",
] as const;
type Column = (typeof SEARCH_ANALYTICS_CSV_COLUMNS)[number];
type Cell = CsvCell;

function round(value: number | null, digits: number): Cell {
  return value === null ? "" : Number(value.toFixed(digits));
}

/**
 * One CSV with a `section` column, so a spreadsheet can filter each table out of it (as the
 * course analytics CSV does). Queries are typed by anyone: toCsv defuses cells that a
 * spreadsheet would run as a formula.
 */
export function searchAnalyticsToCsv(
  analytics: SearchAnalytics,
  labels: { other: string; notKnown: string },
): string {
  const rows: Cell[][] = [[...SEARCH_ANALYTICS_CSV_COLUMNS]];
  const add = (section: string, cells: Partial<Record<Column, Cell>>) =>
    rows.push(
      SEARCH_ANALYTICS_CSV_COLUMNS.map((column) =>
        column === "section" ? section : (cells[column] ?? ""),
      ),
    );

  add("period", { item: `${analytics.period.from}/${analytics.period.to}` });
  add("filter", { item: "audience", id: analytics.filter.audience ?? "any" });
  add("filter", { item: "sector", id: analytics.filter.sector ?? "any" });
  if (analytics.isGroupTooSmall) add("note", { item: "group-too-small" });

  const { totals } = analytics;
  add("summary", {
    item: "all searches",
    searches: totals.searches,
    searches_with_click: totals.searchesWithClick,
    click_through_rate: round(totals.clickThroughRate, 4),
    no_result_searches: totals.noResultSearches,
    clicks: totals.clicks,
    average_click_position: round(totals.averageClickPosition, 2),
  });
  for (const row of analytics.topQueries) {
    add("top-query", {
      item: row.query,
      searches: row.searches,
      average_results: round(row.averageResults, 2),
      searches_with_click: row.searchesWithClick,
      click_through_rate: round(row.clickThroughRate, 4),
    });
  }
  for (const row of analytics.noResultQueries) {
    add("no-result-query", {
      item: row.query,
      searches: row.searches,
      last_seen: row.lastSeen.toISOString(),
    });
  }
  for (const row of analytics.clickedDocuments) {
    add("clicked-document", {
      item: row.title,
      id: row.documentId,
      clicks: row.clicks,
      searches: row.searches,
    });
  }
  for (const row of analytics.usefulEntries) {
    add("useful-entry", {
      item: row.title,
      id: row.slug,
      useful: row.useful,
      votes: row.votes,
      useful_share: round(row.usefulShare, 4),
    });
  }
  for (const row of analytics.savedEntries) {
    add("saved-entry", { item: row.title, id: row.slug, saves: row.saves });
  }
  const addGroups = (
    section: string,
    table: { rows: SearchGroupRow[]; other: SearchGroupRow | null },
  ) => {
    for (const [row, item] of [
      ...table.rows.map((row) => [row, row.group ?? labels.notKnown] as const),
      ...(table.other ? [[table.other, labels.other] as const] : []),
    ]) {
      add(section, {
        item,
        searches: row.searches,
        searches_with_click: row.searchesWithClick,
        click_through_rate: round(row.clickThroughRate, 4),
        no_result_searches: row.noResultSearches,
      });
    }
  };
  addGroups("audience", analytics.byAudience);
  addGroups("sector", analytics.bySector);
  return toCsv(rows);
}
