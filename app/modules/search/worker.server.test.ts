import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { searchQueue, toolkitSuggestions } from "../../../db/schema";
import { createEmbeddedSearchEngine } from "../../../search/embedded/embedded-engine";
import { SearchUnavailableError, type SearchEngine } from "../../../search/engine";
import { getSiteContent } from "../content/content.server";
import { courseDocumentId, lessonDocumentId, toolkitDocumentId } from "./document-ids";
import { buildAllSearchDocuments } from "./documents.server";
import { forgetSearchEngine, getSearchEngine, setSearchEngine } from "./engine.server";
import { queueSearchDocuments } from "./queue.server";
import { reindexSearch } from "./reindex.server";
import { searchSite } from "./site-search.server";
import { getSearchBacklog, processSearchQueue, searchRetryDelayMs, startSearchWorker } from "./worker.server";
import { db } from "~/utils/db.server";

const DPIA = toolkitDocumentId("ico-dpia-guidance-and-template");
const GDPR = toolkitDocumentId("gdpr-general-data-protection-regulation");
const COURSE = courseDocumentId("foundations-of-data-sharing");
const LESSON = lessonDocumentId("foundations-of-data-sharing", "what-is-a-data-collaborative");

/**
 * The search engine is an external service (Meilisearch in production), so a double stands in
 * for it when it must fail: the real embedded engine behind a switch that makes every call
 * throw what the Meilisearch adapter throws when the server is down.
 */
function createSwitchableEngine() {
  const inner = createEmbeddedSearchEngine();
  const state = { isDown: false, calls: 0, beforeClear: async () => {}, beforeIndex: async () => {} };
  const guard = async () => {
    state.calls += 1;
    if (state.isDown) throw new SearchUnavailableError("test-double", "connect ECONNREFUSED 127.0.0.1:7700");
  };
  const engine: SearchEngine = {
    name: "test-double",
    index: async (documents) => {
      await guard();
      await state.beforeIndex();
      await inner.index(documents);
    },
    remove: async (ids) => (await guard(), inner.remove(ids)),
    search: async (request) => (await guard(), inner.search(request)),
    health: async () => ({ ok: !state.isDown, engine: "test-double" }),
    clear: async () => {
      await guard();
      await state.beforeClear();
      await inner.clear();
    },
    count: async () => (await guard(), inner.count()),
  };
  return { engine, inner, state };
}

async function queueRows() {
  const rows = await db.select().from(searchQueue).orderBy(searchQueue.documentId);
  return new Map(rows.map((row) => [row.documentId, row]));
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

beforeAll(async () => {
  await getSiteContent();
}, 180_000);

beforeEach(async () => {
  await db.delete(searchQueue);
  setSearchEngine(createEmbeddedSearchEngine());
});

afterAll(() => {
  forgetSearchEngine();
});

describe("processSearchQueue", () => {
  it("indexes queued documents from their sources and empties the queue", async () => {
    await queueSearchDocuments([DPIA, COURSE, LESSON]);
    expect(await getSearchBacklog()).toMatchObject({ pending: 3, failing: 0 });

    const run = await processSearchQueue();
    expect(run).toEqual({ claimed: 3, indexed: 3, removed: 0, failed: 0 });
    expect(await queueRows()).toEqual(new Map());
    expect(await getSearchBacklog()).toEqual({ pending: 0, failing: 0, oldestQueuedAt: null });
    const engine = getSearchEngine();
    expect(await engine.count()).toBe(3);
    const response = await engine.search({ query: "DPIA" });
    expect(response.hits.map((hit) => hit.id)).toContain(DPIA);
    expect(await processSearchQueue()).toEqual({ claimed: 0, indexed: 0, removed: 0, failed: 0 });
  });

  it("takes the oldest due rows first, at most `limit`, and never the same row twice", async () => {
    await queueSearchDocuments([DPIA]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queueSearchDocuments([GDPR]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queueSearchDocuments([COURSE, LESSON]);

    const [first, second] = await Promise.all([processSearchQueue({ limit: 1 }), processSearchQueue({ limit: 2 })]);
    expect(first.claimed + second.claimed).toBe(3);
    const remaining = [...(await queueRows()).keys()];
    expect(remaining).toHaveLength(1);
    // The oldest went first, whichever run took them.
    expect([COURSE, LESSON]).toContain(remaining[0]);
    expect(await getSearchEngine().count()).toBe(3);
  });

  it("removes the document of a source that no longer exists", async () => {
    await db.insert(toolkitSuggestions).values({
      id: "suggestion-1",
      status: "approved",
      slug: "city-data-trust-charter",
      title: "City data trust charter",
      publisher: "Civic Data Lab",
      year: 2025,
      sourceUrl: "https://example.org/charter",
      type: "template",
      licence: "CC-BY-4.0",
      summary: "A charter template for a municipal data trust with its oversight board.",
    });
    const id = toolkitDocumentId("city-data-trust-charter");
    await queueSearchDocuments([id]);
    expect(await processSearchQueue()).toMatchObject({ indexed: 1, removed: 0 });
    expect((await getSearchEngine().search({ query: "charter municipal" })).hits.map((hit) => hit.id)).toEqual([id]);

    // A moderator withdraws it: the writer queues the id, the worker finds no source.
    await db.update(toolkitSuggestions).set({ status: "rejected" }).where(eq(toolkitSuggestions.id, "suggestion-1"));
    await queueSearchDocuments([id]);
    expect(await processSearchQueue()).toMatchObject({ indexed: 0, removed: 1, failed: 0 });
    expect((await getSearchEngine().search({ query: "charter municipal" })).total).toBe(0);
    expect(await queueRows()).toEqual(new Map());
  });

  it("keeps the rows with attempts, the error and a growing back-off while the engine is down, then applies them", async () => {
    const { engine, state } = createSwitchableEngine();
    setSearchEngine(engine);
    state.isDown = true;
    await queueSearchDocuments([DPIA, LESSON, toolkitDocumentId("gone-entry")]);

    const firstTry = new Date();
    expect(await processSearchQueue({ now: firstTry })).toEqual({ claimed: 3, indexed: 0, removed: 0, failed: 3 });
    let rows = await queueRows();
    expect(rows.size).toBe(3);
    for (const row of rows.values()) {
      expect(row.attempts).toBe(1);
      expect(row.lastError).toContain("SearchUnavailableError: connect ECONNREFUSED");
      expect(row.nextAttemptAt.getTime()).toBe(firstTry.getTime() + searchRetryDelayMs(1));
    }
    expect(await getSearchBacklog()).toMatchObject({ pending: 3, failing: 3 });

    // Not due yet: nothing is tried.
    const callsBefore = state.calls;
    expect((await processSearchQueue({ now: new Date(firstTry.getTime() + 1_000) })).claimed).toBe(0);
    expect(state.calls).toBe(callsBefore);

    // Due again, still down: the wait doubles.
    const secondTry = new Date(firstTry.getTime() + searchRetryDelayMs(1));
    expect((await processSearchQueue({ now: secondTry })).failed).toBe(3);
    rows = await queueRows();
    for (const row of rows.values()) {
      expect(row.attempts).toBe(2);
      expect(row.nextAttemptAt.getTime()).toBe(secondTry.getTime() + searchRetryDelayMs(2));
    }

    // Back up: the next due run applies everything and empties the queue.
    state.isDown = false;
    const run = await processSearchQueue({ now: minutesFromNow(11) });
    expect(run).toEqual({ claimed: 3, indexed: 2, removed: 1, failed: 0 });
    expect(await queueRows()).toEqual(new Map());
    expect(await engine.count()).toBe(2);
  });

  it("waits longer after each failure, never more than ten minutes", () => {
    expect([1, 2, 3, 4].map(searchRetryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(searchRetryDelayMs(8)).toBe(10 * 60_000);
    expect(searchRetryDelayMs(1_000)).toBe(10 * 60_000);
  });

  it("keeps a row queued again while its batch was being applied", async () => {
    const { engine, state } = createSwitchableEngine();
    setSearchEngine(engine);
    await queueSearchDocuments([DPIA, GDPR]);
    // Someone changes the DPIA entry again while the worker is sending the batch.
    state.beforeIndex = async () => {
      state.beforeIndex = async () => {};
      await queueSearchDocuments([DPIA]);
    };
    expect(await processSearchQueue()).toMatchObject({ claimed: 2, indexed: 2 });
    const rows = await queueRows();
    expect([...rows.keys()]).toEqual([DPIA]);
    expect(rows.get(DPIA)?.attempts).toBe(0);
    expect(await processSearchQueue()).toMatchObject({ claimed: 1, indexed: 1 });
    expect(await queueRows()).toEqual(new Map());
  });
});

describe("startSearchWorker", () => {
  it("applies the queue in the background until stopped", async () => {
    await queueSearchDocuments([DPIA, COURSE]);
    const stop = startSearchWorker({ intervalMs: 20 });
    try {
      await expect.poll(async () => (await queueRows()).size, { timeout: 10_000 }).toBe(0);
      expect(await getSearchEngine().count()).toBe(2);
    } finally {
      await stop();
    }
    await queueSearchDocuments([LESSON]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await queueRows()).size).toBe(1);
  });
});

describe("reindexSearch", () => {
  it("rebuilds the index from every source, clearing the queue rows it covered and keeping those queued meanwhile", async () => {
    const { engine, inner, state } = createSwitchableEngine();
    setSearchEngine(engine);
    await inner.index([{ id: "toolkit:stale-entry", kind: "toolkit", title: "Stale", url: "/toolkit/stale-entry" }]);
    await queueSearchDocuments([DPIA, "toolkit:stale-entry"]);
    await queueSearchDocuments([GDPR]);
    // Changes that arrive while the rebuild runs: a new document and one queued again.
    state.beforeClear = async () => {
      await queueSearchDocuments([COURSE, GDPR]);
    };

    const result = await reindexSearch();
    const expected = (await buildAllSearchDocuments()).length;
    expect(result).toMatchObject({ engine: "test-double", documents: expected, clearedQueueRows: 2 });
    expect(await engine.count()).toBe(expected);
    expect((await engine.search({ query: "Stale" })).hits.map((hit) => hit.id)).not.toContain("toolkit:stale-entry");
    expect([...(await queueRows()).keys()].sort()).toEqual([COURSE, GDPR].sort());
  });

  it("leaves the queue untouched when the engine is down", async () => {
    const { engine, state } = createSwitchableEngine();
    setSearchEngine(engine);
    state.isDown = true;
    await queueSearchDocuments([DPIA]);
    await expect(reindexSearch()).rejects.toBeInstanceOf(SearchUnavailableError);
    expect([...(await queueRows()).keys()]).toEqual([DPIA]);
  });
});

describe("searchSite", () => {
  it("returns results, or 'unavailable' instead of throwing when the engine is down", async () => {
    const { engine, inner, state } = createSwitchableEngine();
    setSearchEngine(engine);
    await inner.index(await buildAllSearchDocuments());
    const found = await searchSite({ query: "DPIA", kinds: ["toolkit"] });
    expect(found.ok && found.response.hits.map((hit) => hit.id)).toContain(DPIA);
    state.isDown = true;
    expect(await searchSite({ query: "DPIA" })).toEqual({ ok: false, reason: "unavailable" });
  });
});
