import { afterEach, describe, expect, it } from "vitest";
import { searchQueue } from "../../db/schema";
import { createEmbeddedSearchEngine } from "../../search/embedded/embedded-engine";
import { SearchUnavailableError, type SearchEngine } from "../../search/engine";
import { forgetSearchEngine, setSearchEngine } from "~/modules/search/engine.server";
import { queueSearchDocuments } from "~/modules/search/queue.server";
import { processSearchQueue } from "~/modules/search/worker.server";
import { db } from "~/utils/db.server";
import { loader } from "./healthz";

async function getHealthz() {
  const response = await loader();
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Meilisearch stands in as an external service that is down: every call fails, health says so. */
const unreachableEngine: SearchEngine = {
  name: "meilisearch",
  index: () => Promise.reject(new SearchUnavailableError("meilisearch", "down")),
  remove: () => Promise.reject(new SearchUnavailableError("meilisearch", "down")),
  search: () => Promise.reject(new SearchUnavailableError("meilisearch", "down")),
  clear: () => Promise.reject(new SearchUnavailableError("meilisearch", "down")),
  count: () => Promise.reject(new SearchUnavailableError("meilisearch", "down")),
  health: () => Promise.resolve({ ok: false, engine: "meilisearch", detail: "connect ECONNREFUSED" }),
};

afterEach(async () => {
  forgetSearchEngine();
  await db.delete(searchQueue);
});

describe("GET /healthz", () => {
  it("reports the database, and the search engine with its documents and backlog", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.index([{ id: "toolkit:a", kind: "toolkit", title: "A", url: "/toolkit/a" }]);
    setSearchEngine(engine);
    await queueSearchDocuments(["toolkit:gone-one", "toolkit:gone-two"]);

    const { status, body } = await getHealthz();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", database: { reachable: true } });
    expect(body.search).toEqual({
      engine: "embedded",
      reachable: true,
      documents: 1,
      backlog: { pending: 2, failing: 0, oldestQueuedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown },
    });
  });

  it("stays 200 when the search engine is down, and counts the failing changes", async () => {
    setSearchEngine(unreachableEngine);
    await queueSearchDocuments(["toolkit:gone-one"]);
    await processSearchQueue();

    const { status, body } = await getHealthz();
    expect(status).toBe(200);
    expect(body.search).toEqual({
      engine: "meilisearch",
      reachable: false,
      backlog: { pending: 1, failing: 1, oldestQueuedAt: expect.any(String) as unknown },
    });
  });
});
