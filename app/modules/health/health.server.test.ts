import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeMeilisearch } from "../../../search/meilisearch/fake-meilisearch-server";
import { createMeilisearchEngine } from "../../../search/meilisearch/meilisearch-engine";
import { forgetSearchEngine, setSearchEngine } from "../search/engine.server";
import { getHealth } from "./health.server";

/** Meilisearch is an external service: the real adapter talks to a fake server on 127.0.0.1. */
describe("getHealth with Meilisearch", () => {
  let fake: FakeMeilisearch;

  beforeEach(async () => {
    fake = new FakeMeilisearch();
    fake.createIndex("practica");
    const host = await fake.start();
    setSearchEngine(createMeilisearchEngine({ host, apiKey: "a-key", indexName: "practica" }));
  });
  afterEach(async () => {
    forgetSearchEngine();
    await fake.stop();
  });

  it("reports the engine reachable, with its documents, when the key can read the index", async () => {
    expect((await getHealth()).search).toMatchObject({
      engine: "meilisearch",
      reachable: true,
      documents: 7,
    });
  });

  it("reports the engine unreachable with a wrong key, though the server's /health answers", async () => {
    fake.responders.push(({ path }) =>
      path === "/health"
        ? undefined
        : {
            status: 403,
            body: { message: "The provided API key is invalid.", code: "invalid_api_key", type: "auth", link: "" },
          },
    );
    expect((await getHealth()).search).toMatchObject({ engine: "meilisearch", reachable: false });
  });

  it("reports the engine unreachable when the index does not exist", async () => {
    fake.indexes.clear();
    expect((await getHealth()).search).toMatchObject({ engine: "meilisearch", reachable: false });
  });
});
