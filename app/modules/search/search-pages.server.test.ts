import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { searchClicks, searchQueries, toolkitSuggestions, users } from "../../../db/schema";
import { createEmbeddedSearchEngine } from "../../../search/embedded/embedded-engine";
import { SearchUnavailableError, type SearchEngine } from "../../../search/engine";
import { createTestUser, makeRequest, signIn } from "../../../tests/db-utils";
import { toolkitDocumentId } from "./document-ids";
import { buildAllSearchDocuments, buildSearchDocument } from "./documents.server";
import { forgetSearchEngine, setSearchEngine } from "./engine.server";
import { flushSearchLog, replaySearchLog } from "./query-log.server";
import { parseToolkitSearchParams, type ToolkitSearchState } from "./search-params";
import {
  findSearchResultUrl,
  getToolkitResultFacts,
  readSiteSearch,
  readToolkitSearch,
  recordSearchClick,
  runSiteSearch,
  runToolkitSearch,
} from "./search-pages.server";
import { requireUser } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";

let engine: SearchEngine;

beforeAll(async () => {
  engine = createEmbeddedSearchEngine();
  await engine.index(await buildAllSearchDocuments());
}, 180_000);

beforeEach(() => setSearchEngine(engine));
afterAll(() => forgetSearchEngine());

function toolkitState(query: string): ToolkitSearchState {
  return readToolkitSearch(new URL(`http://practica.test/toolkit?${query}`)).state;
}

/** Logged searches, once the batch they wait in (query-log.server.ts) has been written. */
async function loggedQueries() {
  await flushSearchLog();
  return db.select().from(searchQueries).orderBy(searchQueries.searchedAt);
}

/** The row of one logged search. */
async function loggedSearch(queryId: string | null) {
  expect(queryId).not.toBeNull();
  await flushSearchLog();
  const [row] = await db
    .select()
    .from(searchQueries)
    .where(eq(searchQueries.id, queryId ?? ""));
  return row;
}

/** An engine that is down, as the Meilisearch adapter reports it. */
const downEngine: SearchEngine = {
  name: "down",
  index: () => Promise.reject(new SearchUnavailableError("down", "unreachable")),
  remove: () => Promise.reject(new SearchUnavailableError("down", "unreachable")),
  search: () => Promise.reject(new SearchUnavailableError("down", "unreachable")),
  health: () => Promise.resolve({ ok: false, engine: "down" }),
  clear: () => Promise.reject(new SearchUnavailableError("down", "unreachable")),
  count: () => Promise.reject(new SearchUnavailableError("down", "unreachable")),
};

describe("reading search URLs", () => {
  it("applies the engine's query limit and the ISO language list", () => {
    const parsed = readToolkitSearch(
      new URL(`http://practica.test/toolkit?q=${"a".repeat(600)}&language=sw&language=xx`),
    );
    expect(parsed.state.query).toHaveLength(512);
    expect(parsed.state.filters.language).toEqual(["sw"]);
    expect(parsed.notices.ignored).toEqual([{ param: "language", value: "xx" }]);
    expect(readSiteSearch(new URL("http://practica.test/search?q=dpia&kind=course")).state).toEqual(
      { query: "dpia", kind: "course", page: 1 },
    );
  });
});

/** The person a page sees after `userId` signs in. */
async function signedInAs(userId: string) {
  return requireUser(makeRequest("http://localhost/toolkit", await signIn(userId)));
}

describe("runToolkitSearch", () => {
  it("does not log browsing, and lists every toolkit entry by title", async () => {
    const before = (await loggedQueries()).length;
    const outcome = await runToolkitSearch(toolkitState(""), null);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.queryId).toBeNull();
    expect(outcome.response.total).toBeGreaterThanOrEqual(59);
    expect(outcome.response.hits.every((hit) => hit.kind === "toolkit")).toBe(true);
    expect(Object.keys(outcome.response.facets).sort()).toEqual([
      "audiences",
      "languages",
      "licence",
      "regions",
      "topics",
      "type",
    ]);
    expect((await loggedQueries()).length).toBe(before);
  });

  it("logs a search with its filters and result count, and its clicks", async () => {
    const outcome = await runToolkitSearch(toolkitState("q=DPIA&type=guide&region=europe"), null);
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.response.total).toBeGreaterThan(0);
    expect(outcome.help).toBeNull();
    const row = await loggedSearch(outcome.queryId);
    expect(row).toMatchObject({
      scope: "toolkit",
      query: "dpia",
      filters: { type: ["guide"], regions: ["europe"] },
      resultCount: outcome.response.total,
      page: 1,
      audience: null,
      sector: null,
    });

    const first = outcome.response.hits[0];
    if (!first || outcome.queryId === null) throw new Error("no hit");
    await recordSearchClick({ queryId: outcome.queryId, documentId: first.id, position: 1 });
    const clicks = await db
      .select()
      .from(searchClicks)
      .where(eq(searchClicks.queryId, outcome.queryId));
    expect(clicks).toMatchObject([{ documentId: first.id, position: 1 }]);
  });

  it("logs no search for a HEAD request, on the toolkit or the site search", async () => {
    const before = (await loggedQueries()).length;
    const toolkit = await runToolkitSearch(toolkitState("q=DPIA"), null, { logSearch: false });
    const site = await runSiteSearch({ query: "dpia", kind: null, page: 1 }, null, {
      logSearch: false,
    });
    if (!toolkit.ok || !site.ok) throw new Error("search failed");
    expect(toolkit.response.total).toBeGreaterThan(0);
    expect(site.total).toBeGreaterThan(0);
    expect([toolkit.queryId, site.queryId]).toEqual([null, null]);
    expect(toolkit.cacheHeaders).toEqual({});
    expect((await loggedQueries()).length).toBe(before);
  });

  it("lets the page cache keep an anonymous results page, replaying its search for each visit", async () => {
    const outcome = await runToolkitSearch(toolkitState("q=DPIA&type=guide"), null);
    if (!outcome.ok || !outcome.queryId) throw new Error("search failed");
    const headers = outcome.cacheHeaders;
    expect(headers).toMatchObject({ "X-Page-Cache": "5", "X-Page-Cache-Token": outcome.queryId });
    const [kind, payload] = (headers["X-Page-Cache-Replay"] ?? "").split(":");
    expect(kind).toBe("search-log");
    // What the page cache does on a hit: the same search, logged again under a new id.
    const replayed = replaySearchLog(payload ?? "");
    expect(replayed).not.toBe(outcome.queryId);
    const [original, again] = [await loggedSearch(outcome.queryId), await loggedSearch(replayed)];
    const { id: _first, searchedAt: _at, ...logged } = original ?? {};
    expect(again).toMatchObject({ ...logged, id: replayed });

    // Browsing logs nothing and is cached as it is; a signed-in searcher's page is not cached.
    const browse = await runToolkitSearch(toolkitState(""), null);
    expect(browse.ok && browse.cacheHeaders).toEqual({ "X-Page-Cache": "5" });
    const user = await createTestUser();
    const signedIn = await runToolkitSearch(toolkitState("q=DPIA"), await signedInAs(user.id));
    expect(signedIn.ok && signedIn.cacheHeaders).toEqual({});
  });

  it("logs a later page or another order of the same browse", async () => {
    const outcome = await runToolkitSearch(toolkitState("page=2&sort=newest"), null);
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.queryId).not.toBeNull();
  });

  it("logs the signed-in searcher's audience and sector, nothing else about them", async () => {
    const user = await createTestUser();
    await db
      .update(users)
      .set({ organisationRole: "analyst", sector: "government" })
      .where(eq(users.id, user.id));
    // The signed-in person as the session gives them, profile labels included.
    const outcome = await runToolkitSearch(toolkitState("q=mobility"), await signedInAs(user.id));
    if (!outcome.ok) throw new Error("search failed");
    const row = await loggedSearch(outcome.queryId);
    expect(row).toMatchObject({ query: "mobility", audience: "analysts", sector: "government" });
  });

  it("when nothing is found, offers the words without the filters, if that finds something", async () => {
    const outcome = await runToolkitSearch(
      toolkitState("q=differential+privacy&type=template"),
      null,
    );
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.response.total).toBe(0);
    expect(outcome.help?.withoutFilters).toEqual({
      href: "/toolkit?q=differential+privacy",
      count: expect.any(Number),
    });
    expect(outcome.help?.withoutFilters?.count).toBeGreaterThan(0);
    expect(outcome.help?.spelling).toBeNull();
  });

  it("when nothing is found, offers a corrected spelling only if it finds something", async () => {
    const typo = await runToolkitSearch(toolkitState("q=dpai&sort=newest"), null);
    if (!typo.ok) throw new Error("search failed");
    expect(typo.response.total).toBe(0);
    expect(typo.help?.spelling).toMatchObject({
      query: "dpia",
      href: "/toolkit?q=dpia&sort=newest",
    });
    expect(typo.help?.spelling?.count).toBeGreaterThan(0);

    const nonsense = await runToolkitSearch(toolkitState("q=xylophonequartzzz"), null);
    if (!nonsense.ok) throw new Error("search failed");
    expect(nonsense.help).toEqual({ withoutFilters: null, spelling: null });
  });

  it("with filters, falls back to the corrected words without them", async () => {
    const outcome = await runToolkitSearch(toolkitState("q=sdcmicor&type=template"), null);
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.response.total).toBe(0);
    expect(outcome.help?.spelling).toMatchObject({
      query: "sdcmicro",
      href: "/toolkit?q=sdcmicro",
    });
  });

  it("reports an engine that is down as unavailable, without logging", async () => {
    setSearchEngine(downEngine);
    const before = (await loggedQueries()).length;
    expect(await runToolkitSearch(toolkitState("q=dpia"), null)).toEqual({ ok: false });
    expect(await runSiteSearch({ query: "dpia", kind: null, page: 1 }, null)).toEqual({
      ok: false,
    });
    expect((await loggedQueries()).length).toBe(before);
  });

  it("searches markup and very long input as plain words, without failing", async () => {
    const markup = parseToolkitSearchParams(
      new URLSearchParams("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
      {
        maxQueryCharacters: 512,
        isLanguageCode: () => true,
      },
    ).state;
    const outcome = await runToolkitSearch(markup, null);
    expect(outcome.ok).toBe(true);
    const long = await runToolkitSearch(toolkitState(`q=${"data ".repeat(200)}`), null);
    expect(long.ok).toBe(true);
  });
});

describe("approved member suggestions", () => {
  it("count as toolkit entries, with their facts, and their result leads to their page", async () => {
    const slug = "harbour-city-data-trust-charter";
    await db.insert(toolkitSuggestions).values({
      id: "pages-approved",
      status: "approved",
      slug,
      title: "Harbour city data trust charter",
      publisher: "Harbour City Council",
      year: 2024,
      sourceUrl: "https://example.org/harbour-charter",
      type: "template",
      topics: ["governance"],
      audiences: ["decision-makers"],
      regions: ["europe"],
      languages: ["en"],
      licence: "CC-BY-4.0",
      summary: "The charter a harbour city signed with a port operator to share vessel data.",
      howToUse: "Adapt the oversight clauses first.",
    });
    const document = await buildSearchDocument(toolkitDocumentId(slug));
    if (!document) throw new Error("no document for the approved suggestion");
    await engine.index([document]);

    const browse = await runToolkitSearch(toolkitState(""), null);
    const search = await runToolkitSearch(toolkitState("q=harbour+charter"), null);
    if (!browse.ok || !search.ok) throw new Error("search failed");
    expect(search.entryCount).toBe(browse.entryCount);
    expect(browse.entryCount).toBe(browse.response.total);
    expect(search.response.hits[0]?.id).toBe(toolkitDocumentId(slug));

    const facts = await getToolkitResultFacts(search.response.hits);
    expect(facts.get(slug)).toEqual({
      type: "template",
      publisher: "Harbour City Council",
      year: 2024,
    });
    expect(await findSearchResultUrl(toolkitDocumentId(slug))).toBe(`/toolkit/${slug}`);
  });
});

describe("runSiteSearch", () => {
  it("groups toolkit entries, courses and lessons, each with its total, and logs one search", async () => {
    const outcome = await runSiteSearch({ query: "mobile phone data", kind: null, page: 1 }, null);
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.groups.map((group) => group.kind)).toEqual(["toolkit", "course", "lesson"]);
    for (const group of outcome.groups) {
      expect(group.hits.length).toBeLessThanOrEqual(5);
      expect(group.hits.every((hit) => hit.kind === group.kind)).toBe(true);
    }
    expect(outcome.groups[0]?.total).toBeGreaterThan(1);
    expect(outcome.total).toBe(outcome.groups.reduce((sum, group) => sum + group.total, 0));
    const row = await loggedSearch(outcome.queryId);
    expect(row).toMatchObject({
      scope: "site",
      query: "mobile phone data",
      filters: {},
      resultCount: outcome.total,
    });
  });

  it("pages through one kind", async () => {
    const outcome = await runSiteSearch({ query: "data", kind: "lesson", page: 2 }, null);
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.groups).toHaveLength(1);
    expect(outcome.groups[0]).toMatchObject({ kind: "lesson", firstPosition: 21 });
    const row = await loggedSearch(outcome.queryId);
    expect(row).toMatchObject({ filters: { kind: ["lesson"] }, page: 2 });
  });

  it("searches nothing, and logs nothing, for an empty query", async () => {
    const before = (await loggedQueries()).length;
    expect(await runSiteSearch({ query: "", kind: null, page: 1 }, null)).toEqual({
      ok: true,
      groups: [],
      total: 0,
      queryId: null,
      cacheHeaders: { "X-Page-Cache": "5" },
      spelling: null,
    });
    expect((await loggedQueries()).length).toBe(before);
  });

  it("offers a corrected spelling across kinds", async () => {
    const outcome = await runSiteSearch({ query: "dpai", kind: null, page: 1 }, null);
    if (!outcome.ok) throw new Error("search failed");
    expect(outcome.total).toBe(0);
    expect(outcome.spelling).toMatchObject({ query: "dpia", href: "/search?q=dpia" });
    expect(outcome.spelling?.count).toBeGreaterThan(0);
  });
});

describe("findSearchResultUrl", () => {
  it("finds the page of a toolkit entry, a course and a lesson from their ids", async () => {
    expect(await findSearchResultUrl("toolkit:gdpr-general-data-protection-regulation")).toBe(
      "/toolkit/gdpr-general-data-protection-regulation",
    );
    expect(await findSearchResultUrl("course:foundations-of-data-sharing")).toBe(
      "/courses/foundations-of-data-sharing",
    );
    expect(
      await findSearchResultUrl("lesson:foundations-of-data-sharing/what-is-a-data-collaborative"),
    ).toBe("/courses/foundations-of-data-sharing/what-is-a-data-collaborative");
  });

  it.each([
    ["toolkit:no-such-entry"],
    ["https://evil.example/"],
    ["//evil.example"],
    ["lesson:a/b/c"],
    ["cohort:1"],
    [""],
    ["toolkit:../../etc/passwd"],
  ])("finds nothing for %j", async (id) => {
    expect(await findSearchResultUrl(id)).toBeNull();
  });
});
