/**
 * Search analytics for admins (/admin/search): what people look for, what they do not find,
 * what they open, and which toolkit entries they find useful or save, over a period and
 * optionally for one audience and sector. Searches come from the log written by
 * query-log.server.ts; votes and saves from the toolkit tables.
 *
 * Counting: a "search" is one logged results page (page 2 of the same query is another
 * search). A search "with a click" had at least one result opened from it. Days are UTC days;
 * both ends of the period are included.
 *
 * Privacy. The log holds no user ids, but audience and sector narrow people down, so:
 *  1. Groups. A breakdown row (searches by audience, by sector) is shown only when at least
 *     MIN_GROUP_SIZE members have a profile in that group, counted from today's profiles
 *     (within the filter, if one is chosen). Smaller groups are added up into one "other"
 *     row, itself shown only when it reaches the threshold, as in the course analytics.
 *     A group that signed-out visitors fall into (audience and sector both not known) is
 *     never small.
 *  2. Filters. When an audience or sector is chosen and fewer than MIN_GROUP_SIZE members
 *     match it, nothing is shown for that filter: not even totals.
 *  3. Rare rows. When a filter is chosen, every list (queries, queries without results,
 *     opened results, useful and saved entries) leaves out rows counted fewer than
 *     MIN_COUNT_WHEN_FILTERED times, so a search, click, vote or save made once by one person
 *     of a narrow group does not show. Without a filter every row is shown: queries are
 *     anonymous, and votes and saves are counted over everyone.
 * Votes and saves are matched to the filter through their author's current profile; searches
 * through the audience and sector logged with them.
 */
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gte,
  isNotNull,
  isNull,
  lt,
  max,
  ne,
  sql,
  type SQL,
} from "drizzle-orm";
import {
  searchClicks,
  searchQueries,
  toolkitSaves,
  toolkitSuggestions,
  toolkitVotes,
  users,
} from "../../../db/schema";
import { AUDIENCES, type Audience } from "~/modules/content/vocabulary";
import { SECTORS, type Sector } from "~/modules/people/reference-data";
import { db } from "~/utils/db.server";
import { parseDocumentId } from "./document-ids";
import { audienceOfSearcher, flushSearchLog, sectorOfSearcher } from "./query-log.server";

/** Groups of fewer people than this are never shown on their own. */
export const MIN_GROUP_SIZE = 5;
/** With a filter, a row must have been counted at least this often to be listed. */
export const MIN_COUNT_WHEN_FILTERED = 2;

export const PERIOD_PRESETS = [7, 30, 90] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PERIOD_DAYS: PeriodPreset = 30;

/** The filter value meaning "no audience" or "no sector" (signed out, or not in the profile). */
export const NOT_KNOWN = "none";

export const TOP_QUERIES_LIMIT = 50;
export const TOP_ITEMS_LIMIT = 20;

const EARLIEST_YEAR = 1970;
const LATEST_YEAR = 2999;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SearchAnalyticsRequest {
  /** First day of the period, YYYY-MM-DD (UTC), included. */
  from: string;
  /** Last day of the period, YYYY-MM-DD (UTC), included. */
  to: string;
  audience?: Audience | typeof NOT_KNOWN;
  sector?: Sector | typeof NOT_KNOWN;
}

export type SearchAnalyticsField = "days" | "from" | "to" | "audience" | "sector";
export type SearchAnalyticsParamError =
  "unknown-period" | "invalid-date" | "from-after-to" | "unknown-audience" | "unknown-sector";

export interface ParsedSearchAnalyticsParams {
  /** What to count, or null when a parameter is wrong. */
  request: SearchAnalyticsRequest | null;
  /** The form's values: what was sent, else the defaults, so a wrong value stays visible. */
  values: Record<SearchAnalyticsField, string>;
  errors: Partial<Record<SearchAnalyticsField, SearchAnalyticsParamError>>;
  /** The preset the period equals (the last N days up to today), for marking the current link. */
  preset: PeriodPreset | null;
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return toDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** A YYYY-MM-DD string naming a real day in the years we accept, else null. */
function parseDay(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || toDay(date) !== value) return null;
  const year = date.getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR ? value : null;
}

function isPreset(value: number): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly number[]).includes(value);
}

/**
 * Reads the period and filters from the query string: `days` (a preset, default 30) or
 * `from`/`to` (either may be left out: `to` defaults to today, `from` to `days` days before
 * `to`), `audience` and `sector` (a value of the vocabulary, or "none"). Never throws; each
 * wrong parameter gets an error code.
 */
export function parseSearchAnalyticsParams(
  url: URL,
  today: Date = new Date(),
): ParsedSearchAnalyticsParams {
  const read = (name: SearchAnalyticsField) =>
    (url.searchParams.get(name) ?? "").trim().slice(0, 40);
  const errors: ParsedSearchAnalyticsParams["errors"] = {};
  const todayDay = toDay(today);

  const rawDays = read("days");
  let days: PeriodPreset = DEFAULT_PERIOD_DAYS;
  if (rawDays) {
    const number = /^\d{1,3}$/.test(rawDays) ? Number(rawDays) : Number.NaN;
    if (isPreset(number)) days = number;
    else errors.days = "unknown-period";
  }

  const rawTo = read("to");
  const to = rawTo ? parseDay(rawTo) : todayDay;
  if (!to) errors.to = "invalid-date";
  const rawFrom = read("from");
  const from = rawFrom ? parseDay(rawFrom) : to ? addDays(to, -(days - 1)) : null;
  // Without a usable end there is no default start either; only the end is wrong then.
  if (rawFrom && !from) errors.from = "invalid-date";
  if (from && to && from > to) errors.to = "from-after-to";

  const rawAudience = read("audience");
  const audience =
    rawAudience === NOT_KNOWN || (AUDIENCES as readonly string[]).includes(rawAudience)
      ? rawAudience
      : "";
  if (rawAudience && !audience) errors.audience = "unknown-audience";
  const rawSector = read("sector");
  const sector =
    rawSector === NOT_KNOWN || (SECTORS as readonly string[]).includes(rawSector) ? rawSector : "";
  if (rawSector && !sector) errors.sector = "unknown-sector";

  const values = {
    days: rawDays,
    from: rawFrom || (from ?? ""),
    to: rawTo || (to ?? ""),
    audience: rawAudience,
    sector: rawSector,
  };
  const hasErrors = Object.keys(errors).length > 0;
  const request: SearchAnalyticsRequest | null =
    hasErrors || !from || !to
      ? null
      : {
          from,
          to,
          ...(audience ? { audience: audience as Audience | typeof NOT_KNOWN } : {}),
          ...(sector ? { sector: sector as Sector | typeof NOT_KNOWN } : {}),
        };
  const preset =
    request && request.to === todayDay
      ? (PERIOD_PRESETS.find((n) => addDays(todayDay, -(n - 1)) === request.from) ?? null)
      : null;
  return { request, values, errors, preset };
}

/** A group constraint: undefined is "any", null is "not known". */
interface GroupConstraint {
  audience?: string | null;
  sector?: string | null;
}

interface PeriodFilter extends GroupConstraint {
  start: Date;
  end: Date;
}

function toPeriodFilter(request: SearchAnalyticsRequest): PeriodFilter {
  const fromNotKnown = (value: string | undefined) =>
    value === undefined ? undefined : value === NOT_KNOWN ? null : value;
  return {
    start: new Date(`${request.from}T00:00:00Z`),
    end: new Date(Date.parse(`${request.to}T00:00:00Z`) + DAY_MS),
    audience: fromNotKnown(request.audience),
    sector: fromNotKnown(request.sector),
  };
}

function isFiltered(constraint: GroupConstraint): boolean {
  return constraint.audience !== undefined || constraint.sector !== undefined;
}

type Members = Array<{ audience: Audience | null; sector: Sector | null; people: number }>;

/** Everyone's profile reduced to the two labels searches carry, counted. */
async function countMembers(): Promise<Members> {
  const rows = await db
    .select({ organisationRole: users.organisationRole, sector: users.sector, people: count() })
    .from(users)
    .groupBy(users.organisationRole, users.sector);
  return rows.map((row) => ({
    audience: audienceOfSearcher(row),
    sector: sectorOfSearcher(row),
    people: row.people,
  }));
}

function matches(value: string | null, wanted: string | null | undefined): boolean {
  return wanted === undefined || value === wanted;
}

/**
 * How many people a group holds. Signed-out visitors have neither audience nor sector, so a
 * group allowing both to be unknown holds an unbounded number of them.
 */
function peopleIn(members: Members, constraint: GroupConstraint): number {
  if ((constraint.audience ?? null) === null && (constraint.sector ?? null) === null)
    return Number.POSITIVE_INFINITY;
  return members
    .filter(
      (member) =>
        matches(member.audience, constraint.audience) && matches(member.sector, constraint.sector),
    )
    .reduce((total, member) => total + member.people, 0);
}

function searchConditions(filter: PeriodFilter): SQL | undefined {
  const byGroup = (
    column: typeof searchQueries.audience | typeof searchQueries.sector,
    wanted: string | null | undefined,
  ) => (wanted === undefined ? undefined : wanted === null ? isNull(column) : eq(column, wanted));
  return and(
    gte(searchQueries.searchedAt, filter.start),
    lt(searchQueries.searchedAt, filter.end),
    byGroup(searchQueries.audience, filter.audience),
    byGroup(searchQueries.sector, filter.sector),
  );
}

/** Ids of searches with at least one click; a click always follows its search, so older ones are skipped. */
function clickedSearches(filter: PeriodFilter) {
  return db
    .selectDistinct({ queryId: searchClicks.queryId })
    .from(searchClicks)
    .where(gte(searchClicks.clickedAt, filter.start))
    .as("clicked_searches");
}

function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface SearchGroupRow {
  /** Audience or sector code; null for "not known". */
  group: string | null;
  searches: number;
  searchesWithClick: number;
  clickThroughRate: number | null;
  noResultSearches: number;
}

/** Keeps groups of at least MIN_GROUP_SIZE people; the rest become one "other" row (privacy rule 1). */
export function suppressSmallGroups(rows: Array<SearchGroupRow & { people: number }>): {
  rows: SearchGroupRow[];
  other: SearchGroupRow | null;
} {
  const strip = ({
    people: _people,
    ...row
  }: SearchGroupRow & { people: number }): SearchGroupRow => row;
  const small = rows.filter((row) => row.people < MIN_GROUP_SIZE);
  const otherPeople = small.reduce((total, row) => total + row.people, 0);
  const searches = small.reduce((total, row) => total + row.searches, 0);
  const searchesWithClick = small.reduce((total, row) => total + row.searchesWithClick, 0);
  return {
    rows: rows
      .filter((row) => row.people >= MIN_GROUP_SIZE)
      .sort((a, b) => b.searches - a.searches || (a.group ?? "").localeCompare(b.group ?? ""))
      .map(strip),
    other:
      otherPeople >= MIN_GROUP_SIZE
        ? {
            group: null,
            searches,
            searchesWithClick,
            clickThroughRate: rate(searchesWithClick, searches),
            noResultSearches: small.reduce((total, row) => total + row.noResultSearches, 0),
          }
        : null,
  };
}

async function searchesByGroup(
  filter: PeriodFilter,
  dimension: "audience" | "sector",
  members: Members,
) {
  const column = dimension === "audience" ? searchQueries.audience : searchQueries.sector;
  const clicked = clickedSearches(filter);
  const rows = await db
    .select({
      group: column,
      searches: count(),
      searchesWithClick: count(clicked.queryId),
      noResultSearches:
        sql<number>`count(*) filter (where ${searchQueries.resultCount} = 0)`.mapWith(Number),
    })
    .from(searchQueries)
    .leftJoin(clicked, eq(clicked.queryId, searchQueries.id))
    .where(searchConditions(filter))
    .groupBy(column);
  return suppressSmallGroups(
    rows.map((row) => ({
      ...row,
      clickThroughRate: rate(row.searchesWithClick, row.searches),
      people: peopleIn(members, {
        audience: filter.audience,
        sector: filter.sector,
        [dimension]: row.group,
      }),
    })),
  );
}

/** What the analytics need from the content, passed in so tests need not compile MDX. */
export interface AnalyticsContent {
  toolkitEntries: ReadonlyArray<{ slug: string; title: string }>;
  courses: ReadonlyArray<{
    slug: string;
    title: string;
    lessons: ReadonlyArray<{ slug: string; title: string }>;
  }>;
}

export interface DocumentLink {
  title: string;
  href: string;
}

/** Titles and pages of every document a click or vote may name: file entries, approved suggestions, courses, lessons. */
async function documentLinks(content: AnalyticsContent): Promise<Map<string, DocumentLink>> {
  const links = new Map<string, DocumentLink>();
  const approved = await db
    .select({ slug: toolkitSuggestions.slug, title: toolkitSuggestions.title })
    .from(toolkitSuggestions)
    .where(and(eq(toolkitSuggestions.status, "approved"), isNotNull(toolkitSuggestions.slug)));
  for (const entry of [...content.toolkitEntries, ...approved]) {
    if (entry.slug)
      links.set(`toolkit:${entry.slug}`, { title: entry.title, href: `/toolkit/${entry.slug}` });
  }
  for (const course of content.courses) {
    links.set(`course:${course.slug}`, { title: course.title, href: `/courses/${course.slug}` });
    for (const lesson of course.lessons) {
      links.set(`lesson:${course.slug}/${lesson.slug}`, {
        title: `${course.title} › ${lesson.title}`,
        href: `/courses/${course.slug}/${lesson.slug}`,
      });
    }
  }
  return links;
}

/** Per-entry counts of votes or saves, grouped by their authors' profile, reduced to the filter. */
function entryCountsFor<
  Row extends { entrySlug: string; organisationRole: string | null; sector: string | null },
>(rows: Row[], constraint: GroupConstraint, add: (total: Row, row: Row) => Row): Map<string, Row> {
  const totals = new Map<string, Row>();
  for (const row of rows) {
    if (
      !matches(audienceOfSearcher(row), constraint.audience) ||
      !matches(sectorOfSearcher(row), constraint.sector)
    )
      continue;
    const total = totals.get(row.entrySlug);
    totals.set(row.entrySlug, total ? add(total, row) : row);
  }
  return totals;
}

function entryLink(
  links: Map<string, DocumentLink>,
  slug: string,
): { title: string; href: string | null } {
  const link = links.get(`toolkit:${slug}`);
  return link ?? { title: slug, href: null };
}

export async function getSearchAnalytics(
  request: SearchAnalyticsRequest,
  content: AnalyticsContent,
): Promise<SearchAnalytics> {
  // Searches are written behind their response; like a click, the analytics write this server's
  // waiting batch first, so a search made a moment ago is counted.
  await flushSearchLog();
  const filter = toPeriodFilter(request);
  const filtered = isFiltered(filter);
  const minCount = filtered ? MIN_COUNT_WHEN_FILTERED : 1;
  const members = await countMembers();
  const period = { from: request.from, to: request.to };
  const chosen = { audience: request.audience ?? null, sector: request.sector ?? null };

  if (filtered && peopleIn(members, filter) < MIN_GROUP_SIZE) {
    return {
      period,
      filter: chosen,
      isFiltered: filtered,
      isGroupTooSmall: true,
      totals: {
        searches: 0,
        searchesWithClick: 0,
        clickThroughRate: null,
        noResultSearches: 0,
        clicks: 0,
        averageClickPosition: null,
      },
      topQueries: [],
      noResultQueries: [],
      clickedDocuments: [],
      usefulEntries: [],
      savedEntries: [],
      byAudience: { rows: [], other: null },
      bySector: { rows: [], other: null },
    };
  }

  const conditions = searchConditions(filter);
  const clicked = clickedSearches(filter);
  const [searchTotals] = await db
    .select({
      searches: count(),
      searchesWithClick: count(clicked.queryId),
      noResultSearches:
        sql<number>`count(*) filter (where ${searchQueries.resultCount} = 0)`.mapWith(Number),
    })
    .from(searchQueries)
    .leftJoin(clicked, eq(clicked.queryId, searchQueries.id))
    .where(conditions);
  const [clickTotals] = await db
    .select({ clicks: count(), averagePosition: sql<number | null>`avg(${searchClicks.position})` })
    .from(searchClicks)
    .innerJoin(searchQueries, eq(searchQueries.id, searchClicks.queryId))
    .where(conditions);

  const topQueries = await db
    .select({
      query: searchQueries.query,
      searches: count(),
      averageResults: sql<number>`avg(${searchQueries.resultCount})`.mapWith(Number),
      searchesWithClick: count(clicked.queryId),
    })
    .from(searchQueries)
    .leftJoin(clicked, eq(clicked.queryId, searchQueries.id))
    .where(and(conditions, ne(searchQueries.query, "")))
    .groupBy(searchQueries.query)
    .having(sql`count(*) >= ${minCount}`)
    .orderBy(desc(count()), asc(searchQueries.query))
    .limit(TOP_QUERIES_LIMIT);

  const noResultQueries = await db
    .select({
      query: searchQueries.query,
      searches: count(),
      lastSeen: max(searchQueries.searchedAt),
    })
    .from(searchQueries)
    .where(and(conditions, ne(searchQueries.query, ""), eq(searchQueries.resultCount, 0)))
    .groupBy(searchQueries.query)
    .having(sql`count(*) >= ${minCount}`)
    .orderBy(desc(count()), desc(max(searchQueries.searchedAt)), asc(searchQueries.query))
    .limit(TOP_QUERIES_LIMIT);

  const clickedRows = await db
    .select({
      documentId: searchClicks.documentId,
      clicks: count(),
      searches: countDistinct(searchClicks.queryId),
    })
    .from(searchClicks)
    .innerJoin(searchQueries, eq(searchQueries.id, searchClicks.queryId))
    .where(conditions)
    .groupBy(searchClicks.documentId)
    .having(sql`count(*) >= ${minCount}`)
    .orderBy(desc(count()), asc(searchClicks.documentId))
    .limit(TOP_ITEMS_LIMIT);

  const voteRows = await db
    .select({
      entrySlug: toolkitVotes.entrySlug,
      organisationRole: users.organisationRole,
      sector: users.sector,
      useful: sql<number>`count(*) filter (where ${toolkitVotes.useful})`.mapWith(Number),
      votes: count(),
    })
    .from(toolkitVotes)
    .innerJoin(users, eq(users.id, toolkitVotes.userId))
    .where(and(gte(toolkitVotes.votedAt, filter.start), lt(toolkitVotes.votedAt, filter.end)))
    .groupBy(toolkitVotes.entrySlug, users.organisationRole, users.sector);
  const saveRows = await db
    .select({
      entrySlug: toolkitSaves.entrySlug,
      organisationRole: users.organisationRole,
      sector: users.sector,
      saves: count(),
    })
    .from(toolkitSaves)
    .innerJoin(users, eq(users.id, toolkitSaves.userId))
    .where(and(gte(toolkitSaves.savedAt, filter.start), lt(toolkitSaves.savedAt, filter.end)))
    .groupBy(toolkitSaves.entrySlug, users.organisationRole, users.sector);

  const links = await documentLinks(content);
  const byTitle = (a: { title: string }, b: { title: string }) =>
    a.title.localeCompare(b.title, "en");

  const usefulEntries = [
    ...entryCountsFor(voteRows, filter, (total, row) => ({
      ...total,
      useful: total.useful + row.useful,
      votes: total.votes + row.votes,
    })).values(),
  ]
    .filter((row) => row.useful >= minCount)
    .map((row) => ({
      slug: row.entrySlug,
      ...entryLink(links, row.entrySlug),
      useful: row.useful,
      votes: row.votes,
      usefulShare: row.useful / row.votes,
    }))
    .sort((a, b) => b.useful - a.useful || b.usefulShare - a.usefulShare || byTitle(a, b))
    .slice(0, TOP_ITEMS_LIMIT);

  const savedEntries = [
    ...entryCountsFor(saveRows, filter, (total, row) => ({
      ...total,
      saves: total.saves + row.saves,
    })).values(),
  ]
    .filter((row) => row.saves >= minCount)
    .map((row) => ({ slug: row.entrySlug, ...entryLink(links, row.entrySlug), saves: row.saves }))
    .sort((a, b) => b.saves - a.saves || byTitle(a, b))
    .slice(0, TOP_ITEMS_LIMIT);

  const searches = searchTotals?.searches ?? 0;
  const searchesWithClick = searchTotals?.searchesWithClick ?? 0;
  const averageClickPosition = clickTotals?.averagePosition;
  return {
    period,
    filter: chosen,
    isFiltered: filtered,
    isGroupTooSmall: false,
    totals: {
      searches,
      searchesWithClick,
      clickThroughRate: rate(searchesWithClick, searches),
      noResultSearches: searchTotals?.noResultSearches ?? 0,
      clicks: clickTotals?.clicks ?? 0,
      averageClickPosition:
        averageClickPosition === null || averageClickPosition === undefined
          ? null
          : Number(averageClickPosition),
    },
    topQueries: topQueries.map((row) => ({
      ...row,
      clickThroughRate: rate(row.searchesWithClick, row.searches) ?? 0,
    })),
    noResultQueries: noResultQueries.map((row) => ({
      query: row.query,
      searches: row.searches,
      lastSeen: row.lastSeen ?? filter.start,
    })),
    clickedDocuments: clickedRows.map((row) => {
      const link = links.get(row.documentId);
      return {
        documentId: row.documentId,
        title: link?.title ?? parseDocumentId(row.documentId)?.key ?? row.documentId,
        href: link?.href ?? null,
        clicks: row.clicks,
        searches: row.searches,
      };
    }),
    usefulEntries,
    savedEntries,
    byAudience: await searchesByGroup(filter, "audience", members),
    bySector: await searchesByGroup(filter, "sector", members),
  };
}

export interface SearchAnalytics {
  period: { from: string; to: string };
  /** The chosen filter: a code, "none" for not known, null for any. */
  filter: { audience: string | null; sector: string | null };
  isFiltered: boolean;
  /** The filter matches fewer than MIN_GROUP_SIZE members: nothing is shown (privacy rule 2). */
  isGroupTooSmall: boolean;
  totals: {
    searches: number;
    searchesWithClick: number;
    clickThroughRate: number | null;
    noResultSearches: number;
    clicks: number;
    averageClickPosition: number | null;
  };
  topQueries: Array<{
    query: string;
    searches: number;
    averageResults: number;
    searchesWithClick: number;
    clickThroughRate: number;
  }>;
  noResultQueries: Array<{ query: string; searches: number; lastSeen: Date }>;
  clickedDocuments: Array<{
    documentId: string;
    title: string;
    href: string | null;
    clicks: number;
    searches: number;
  }>;
  usefulEntries: Array<{
    slug: string;
    title: string;
    href: string | null;
    useful: number;
    votes: number;
    usefulShare: number;
  }>;
  savedEntries: Array<{ slug: string; title: string; href: string | null; saves: number }>;
  byAudience: { rows: SearchGroupRow[]; other: SearchGroupRow | null };
  bySector: { rows: SearchGroupRow[]; other: SearchGroupRow | null };
}
