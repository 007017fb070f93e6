import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { searchQueue } from "../../../db/schema";
import { FakeMeilisearch } from "../../../search/meilisearch/fake-meilisearch-server";
import { createMeilisearchEngine } from "../../../search/meilisearch/meilisearch-engine";
import { getSiteContent } from "../content/content.server";
import { listSearchDocumentIds } from "./documents.server";
import { forgetSearchEngine, setSearchEngine } from "./engine.server";
import { prepareMeilisearchAtStart } from "./reindex.server";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

/** Meilisearch is an external service: the real adapter talks to a fake server on 127.0.0.1. */
describe("prepareMeilisearchAtStart", () => {
  let fake: FakeMeilisearch;

  beforeAll(async () => {
    await getSiteContent();
  }, 180_000);

  beforeEach(async () => {
    await db.delete(searchQueue);
    fake = new FakeMeilisearch();
    const host = await fake.start();
    setSearchEngine(createMeilisearchEngine({ host, apiKey: "a-key", indexName: "practica" }));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await fake.stop();
  });
  afterAll(() => {
    forgetSearchEngine();
  });

  const queuedIds = async () =>
    (await db.select({ id: searchQueue.documentId }).from(searchQueue)).map((row) => row.id).sort();

  it("creates a missing index with its settings, logs it healthy and queues the content documents", async () => {
    const info = vi.spyOn(logger, "info");
    const health = await prepareMeilisearchAtStart();

    expect(health.ok).toBe(true);
    expect(fake.requestsTo("POST", "/indexes")).toHaveLength(1);
    expect(fake.requestsTo("PATCH", "/indexes/practica/settings")).toHaveLength(1);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ engine: "meilisearch" }), "search engine healthy");
    // The fake reports 7 documents: not empty, so only what content files may have changed.
    expect(await queuedIds()).toEqual([...(await listSearchDocumentIds()).fromContent].sort());
  });

  it("logs the engine as not healthy when the key cannot read the index", async () => {
    fake.createIndex("practica");
    fake.responders.push(({ path }) =>
      path === "/health"
        ? undefined
        : {
            status: 403,
            body: { message: "The provided API key is invalid.", code: "invalid_api_key", type: "auth", link: "" },
          },
    );
    const warn = vi.spyOn(logger, "warn");
    const health = await prepareMeilisearchAtStart();

    expect(health.ok).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ engine: "meilisearch", detail: expect.stringMatching(/invalid_api_key/) as unknown }),
      expect.stringMatching(/NOT healthy/),
    );
    // Unreachable: everything is queued for when it returns.
    const ids = await listSearchDocumentIds();
    expect(await queuedIds()).toEqual([...ids.fromContent, ...ids.fromDatabase].sort());
  });
});
