/**
 * The search log's write side: what people searched for and which result they opened, for
 * the admin search analytics (analytics.server.ts). Nothing here may ever break a search, so
 * both functions catch everything, log a warning and carry on.
 *
 * No personal data is stored (db/schema/search.ts): no user id, no address, no session. The
 * searcher's profile contributes only two coarse labels, an audience and a sector. People
 * sometimes paste personal data into a search box (an email address to find "their"
 * agreement, a phone or case number), so before a query is stored:
 *  - it is trimmed, control characters and runs of whitespace become one space, it is
 *    lower-cased;
 *  - every word with an "@" between two characters becomes "[email]";
 *  - digits that look like a phone, account or identity number become "[number]": six or
 *    more digits in a row, or nine or more digits separated only by spaces, dots, dashes or
 *    brackets ("+44 (0)20 7946 0958"). Years and legal references survive ("2016/679",
 *    "iso 27001"), but a list of several years typed with spaces ("2019 2020 2021") does not;
 *  - it is cut to 200 characters (after scrubbing, so a cut never leaves half an address).
 * Filter values get the same treatment, under known facet names only, bounded in number and
 * length.
 *
 * Searches are written behind the response: `logSearchQuery` gives the search its id (a UUID,
 * which the result links carry) at once and adds the row to a batch that one INSERT writes
 * within FLUSH_AFTER_MS (or as soon as FLUSH_AT_ROWS are waiting, and at shutdown). A search
 * page no longer waits for a write, and a busy toolkit writes a few batches a second instead
 * of a row per page. The price: a crash loses the last quarter-second of searches, which is
 * analytics, not anyone's work. A click flushes the batch first, so its search is there.
 *
 * Anonymous results pages may be served from the page cache (app/server/page-cache.ts); each
 * visit is still one logged search with its own id: the cached page carries a replay payload
 * (`searchLogReplayOf`) from which `replaySearchLog` logs the search again for each visitor.
 */
import { randomUUID } from "node:crypto";
import { remember } from "@epic-web/remember";
import { lt, sql } from "drizzle-orm";
import { FACET_NAMES, type FacetName } from "../../../search/engine";
import { searchClicks, searchQueries } from "../../../db/schema";
import { AUDIENCES, type Audience } from "~/modules/content/vocabulary";
import { SECTORS, type Sector } from "~/modules/people/reference-data";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { parseDocumentId } from "./document-ids";

export const MAX_LOGGED_QUERY_LENGTH = 200;
export const MAX_LOGGED_FILTER_VALUES = 10;
export const MAX_LOGGED_FILTER_VALUE_LENGTH = 100;
export const EMAIL_PLACEHOLDER = "[email]";
export const NUMBER_PLACEHOLDER = "[number]";

/** Postgres `integer` columns stop here; anything larger is not a real page or count. */
const MAX_INTEGER = 2_147_483_647;

export type SearchScope = "toolkit" | "site";

export interface Searcher {
  organisationRole: string | null;
  sector: string | null;
}

export interface SearchQueryLogEntry {
  scope: SearchScope;
  query: string;
  filters: Record<string, string[]>;
  resultCount: number;
  page: number;
  /** The signed-in person's profile, or null for a visitor. Only audience and sector are kept. */
  searcher: Searcher | null;
}

/**
 * Profile roles (app/modules/people/reference-data.ts) to the content audiences
 * (app/modules/content/vocabulary.ts), so analytics speak the vocabulary editors write for.
 * "programme" (programme or operations staff) has no audience of its own in the content, so
 * it maps to none rather than being forced into one.
 */
const AUDIENCE_BY_ORGANISATION_ROLE: Record<string, Audience | undefined> = {
  "decision-maker": "decision-makers",
  analyst: "analysts",
  "legal-governance": "legal-governance",
  facilitator: "facilitators",
};

/**
 * The audience a searcher belongs to. The role says what someone does, so it decides; only
 * someone without a mapped role (none given, or "programme") who works in the private sector
 * counts as a data holder, the audience written for companies that hold the data.
 */
export function audienceOfSearcher(searcher: Searcher | null): Audience | null {
  if (!searcher) return null;
  const byRole = searcher.organisationRole
    ? AUDIENCE_BY_ORGANISATION_ROLE[searcher.organisationRole]
    : undefined;
  if (byRole) return byRole;
  return searcher.sector === "private-sector" ? "data-holders" : null;
}

/** The profile sector when it is one of ours; anything else is not copied into the log. */
export function sectorOfSearcher(searcher: Searcher | null): Sector | null {
  const sector = searcher?.sector;
  return sector && (SECTORS as readonly string[]).includes(sector) ? (sector as Sector) : null;
}

export function isAudience(value: string): value is Audience {
  return (AUDIENCES as readonly string[]).includes(value);
}

/** Nine or more digits, each pair at most two spaces, dots, dashes or brackets apart. */
const SEPARATED_DIGITS = /\+?\d(?:[ .()-]{0,2}\d){8,}/g;
const DIGIT_RUN = /\d{6,}/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

function scrubPersonalData(text: string): string {
  const words = text.split(" ").map((word) => (/[^@]@[^@]/.test(word) ? EMAIL_PLACEHOLDER : word));
  return words
    .join(" ")
    .replace(SEPARATED_DIGITS, NUMBER_PLACEHOLDER)
    .replace(DIGIT_RUN, NUMBER_PLACEHOLDER);
}

/** Cuts by characters (code points), never in the middle of one. */
function cutTo(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length > length ? characters.slice(0, length).join("").trimEnd() : text;
}

/** A query as it is stored: normalised and scrubbed of personal data (module comment). */
export function normalizeQueryForLog(raw: string, maxLength = MAX_LOGGED_QUERY_LENGTH): string {
  const collapsed = raw.replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim().toLowerCase();
  return cutTo(scrubPersonalData(collapsed), maxLength);
}

/** URL parameters often name a facet in the singular; store them under the engine's name. */
const FACET_ALIASES: Record<string, FacetName> = {
  topic: "topics",
  audience: "audiences",
  region: "regions",
  language: "languages",
};

function facetNameOf(key: string): FacetName | undefined {
  if ((FACET_NAMES as readonly string[]).includes(key)) return key as FacetName;
  return FACET_ALIASES[key];
}

/** Known facets only, at most MAX_LOGGED_FILTER_VALUES short scrubbed values each. */
export function normalizeFiltersForLog(filters: unknown): Record<string, string[]> {
  const logged: Record<string, string[]> = {};
  if (typeof filters !== "object" || filters === null) return logged;
  for (const [key, values] of Object.entries(filters)) {
    const facet = facetNameOf(key);
    if (!facet || !Array.isArray(values)) continue;
    const kept = new Set(logged[facet] ?? []);
    for (const value of values) {
      if (kept.size >= MAX_LOGGED_FILTER_VALUES) break;
      if (typeof value !== "string") continue;
      const normalized = normalizeQueryForLog(value, MAX_LOGGED_FILTER_VALUE_LENGTH);
      if (normalized) kept.add(normalized);
    }
    if (kept.size > 0) logged[facet] = [...kept];
  }
  return logged;
}

function boundedInteger(value: unknown, min: number, fallback: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  return Math.min(MAX_INTEGER, Math.max(min, Math.floor(value)));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type SearchQueryRow = typeof searchQueries.$inferInsert;

/** A quarter of a second: results links are rarely followed sooner (see logSearchClick). */
const FLUSH_AFTER_MS = 250;
/** Enough waiting to write at once rather than wait for the timer. */
const FLUSH_AT_ROWS = 200;
/** Rows per INSERT, well under Postgres's 65,535 parameters (eight a row). */
const MAX_ROWS_PER_INSERT = 1_000;
/**
 * Searches waiting beyond this are dropped (and counted in a warning): when the database
 * cannot keep up, the log must not eat the server's memory.
 */
const MAX_WAITING_ROWS = 20_000;

interface SearchLogBatch {
  rows: SearchQueryRow[];
  timer: ReturnType<typeof setTimeout> | null;
  /** The one INSERT in flight, if any: while it runs, new searches gather into the next one. */
  writing: Promise<void> | null;
  dropped: number;
}

/**
 * One batch per process: the Remix build and the HTTP server (page-cache replays) load this
 * module separately, and `remember` keeps the batch on globalThis for both.
 */
const batch = (): SearchLogBatch =>
  remember("practica-search-log-batch", () => ({
    rows: [],
    timer: null,
    writing: null,
    dropped: 0,
  }));

async function writeRows(rows: SearchQueryRow[]): Promise<void> {
  try {
    await db.insert(searchQueries).values(rows);
  } catch (error) {
    logger.warn({ err: describe(error), searches: rows.length }, "searches not logged");
  }
}

/**
 * Writes every search waiting, one INSERT at a time. Never throws: a failed write is logged
 * and its searches are dropped (they are analytics; a search page must not fail for them).
 */
export async function flushSearchLog(): Promise<void> {
  const state = batch();
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  for (;;) {
    while (state.writing) await state.writing;
    if (state.dropped > 0) {
      logger.warn({ searches: state.dropped }, "searches not logged: the database fell behind");
      state.dropped = 0;
    }
    const rows = state.rows.splice(0, MAX_ROWS_PER_INSERT);
    if (rows.length === 0) return;
    const writing = writeRows(rows).finally(() => {
      state.writing = null;
    });
    state.writing = writing;
    await writing;
  }
}

function enqueue(row: SearchQueryRow): void {
  const state = batch();
  if (state.rows.length >= MAX_WAITING_ROWS) {
    state.dropped += 1;
    return;
  }
  state.rows.push(row);
  if (state.rows.length >= FLUSH_AT_ROWS && !state.writing) void flushSearchLog();
  else if (!state.timer) {
    state.timer = setTimeout(() => void flushSearchLog(), FLUSH_AFTER_MS);
    // A pending batch must not keep a finished script or test alive; shutdown flushes it.
    state.timer.unref();
  }
}

/** A search as it is stored, without its id. */
type StoredSearch = Omit<SearchQueryRow, "id">;

function enqueueWithNewId(row: StoredSearch): string {
  const id = randomUUID();
  enqueue({ ...row, id });
  return id;
}

/** The stored form of a search: normalised and scrubbed (module comment), without its id. */
function searchRowOf(entry: SearchQueryLogEntry): StoredSearch | null {
  if (entry.scope !== "toolkit" && entry.scope !== "site") {
    logger.warn({ scope: String(entry.scope) }, "search query not logged: unknown scope");
    return null;
  }
  return {
    scope: entry.scope,
    query: normalizeQueryForLog(typeof entry.query === "string" ? entry.query : ""),
    filters: normalizeFiltersForLog(entry.filters),
    resultCount: boundedInteger(entry.resultCount, 0, 0),
    page: boundedInteger(entry.page, 1, 1),
    audience: audienceOfSearcher(entry.searcher),
    sector: sectorOfSearcher(entry.searcher),
  };
}

/**
 * Records one results page shown to someone (page 2 of the same search is another row) and
 * returns its id, for `logSearchClick`, or null when the entry cannot be logged. The row is
 * written with the next batch (module comment). Never throws.
 */
export function logSearchQuery(entry: SearchQueryLogEntry): string | null {
  try {
    const row = searchRowOf(entry);
    return row ? enqueueWithNewId(row) : null;
  } catch (error) {
    logger.warn({ err: describe(error) }, "search query not logged");
    return null;
  }
}

/** The page cache's name for `replaySearchLog` (app/server/index.ts registers it). */
export const SEARCH_LOG_REPLAY = "search-log";

/**
 * What a cached copy of an anonymous results page needs to log each visit as a search of its
 * own (`replaySearchLog`): the stored row without its id, as base64url JSON. Null for a
 * signed-in searcher, whose audience and sector make the page theirs alone.
 */
export function searchLogReplayOf(entry: SearchQueryLogEntry): string | null {
  if (entry.searcher !== null) return null;
  const row = searchRowOf(entry);
  return row ? Buffer.from(JSON.stringify(row)).toString("base64url") : null;
}

/** Logs the search a replay payload describes, with a new id, and returns that id (or null). */
export function replaySearchLog(payload: string): string | null {
  try {
    // The payload is searchLogReplayOf's, kept in this server's memory by the page cache: a
    // row already normalised and scrubbed, so each cache hit only gives it a new id.
    const row = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as StoredSearch;
    if (row.scope !== "toolkit" && row.scope !== "site") return null;
    return enqueueWithNewId(row);
  } catch (error) {
    logger.warn({ err: describe(error) }, "cached search not logged");
    return null;
  }
}

export interface SearchClick {
  queryId: string;
  documentId: string;
  /** 1-based rank of the result across pages. */
  position: number;
}

/** Postgres reports a missing referenced row as SQLSTATE 23503; drizzle wraps it in `cause`. */
function isForeignKeyViolation(error: unknown): boolean {
  let current: unknown = error;
  while (typeof current === "object" && current !== null) {
    if ("code" in current && current.code === "23503") return true;
    current = "cause" in current ? current.cause : undefined;
  }
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records that someone opened result `documentId` from logged search `queryId`. The batch is
 * written first, so a search shown a moment ago is there. A click on a search that was never
 * logged, has since been deleted, or waits in another server's batch is ignored. Never throws.
 */
export async function logSearchClick(click: SearchClick): Promise<void> {
  const { queryId, documentId, position } = click;
  if (typeof queryId !== "string" || !UUID.test(queryId)) return;
  if (!Number.isInteger(position) || position < 1 || position > MAX_INTEGER) return;
  if (typeof documentId !== "string" || documentId.length > 300 || !parseDocumentId(documentId))
    return;
  await flushSearchLog();
  try {
    await db.insert(searchClicks).values({ queryId: queryId.toLowerCase(), documentId, position });
  } catch (error) {
    if (isForeignKeyViolation(error)) return;
    logger.warn({ err: describe(error) }, "search click not logged");
  }
}

/**
 * Deletes searches logged more than `olderThanDays` days ago (SEARCH_LOG_RETENTION_DAYS by
 * default), with the results opened from them. Returns how many searches went.
 */
export async function pruneSearchLog({
  olderThanDays = getEnv().SEARCH_LOG_RETENTION_DAYS,
}: { olderThanDays?: number } = {}): Promise<number> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new RangeError("olderThanDays must be a whole number of days, at least 1");
  }
  const cutoff = sql`now() - make_interval(days => ${olderThanDays})`;
  const deleted = await db
    .delete(searchQueries)
    .where(lt(searchQueries.searchedAt, cutoff))
    .returning({ id: searchQueries.id });
  return deleted.length;
}
