/**
 * The Meilisearch adapter without a Meilisearch server: the real `meilisearch` client talks to a
 * small fake HTTP server on the loopback interface (fake-meilisearch-server.ts) that records every
 * request and answers like Meilisearch's API (indexes, settings, enqueued tasks, task polling,
 * multi-search results, typed errors).
 *
 * This checks what the adapter sends and how it reads answers. Whether Meilisearch then ranks
 * and matches as promised is the conformance suite's job (meilisearch.test.ts, with MEILI_HOST).
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SearchUnavailableError, isSearchUnavailableError, type SearchDocument } from "../engine";
import { HIGHLIGHT_END_SENTINEL, HIGHLIGHT_START_SENTINEL } from "../highlight";
import { FakeMeilisearch, type FakeAnswer } from "./fake-meilisearch-server";
import { createMeilisearchEngine, splitIntoBatches } from "./meilisearch-engine";

const documents: SearchDocument[] = [
  {
    id: "toolkit:gdpr",
    kind: "toolkit",
    url: "/toolkit/gdpr",
    title: "General Data Protection Regulation",
    summary: "Organisations and personal data.",
    body: "Regulation (EU) 2016/679.",
    type: ["guide"],
    licence: "CC-BY-4.0",
    year: 2016,
  },
  { id: "toolkit:b", kind: "toolkit", url: "/toolkit/b", title: "B", summary: "", body: "" },
  { id: "toolkit:c", kind: "toolkit", url: "/toolkit/c", title: "C", summary: "", body: "" },
  { id: "course:d", kind: "course", url: "/courses/d", title: "D", summary: "", body: "" },
  { id: "lesson:d/e", kind: "lesson", url: "/courses/d/e", title: "E", summary: "", body: "" },
];

/** What Meilisearch's writes look like in the recorded requests. */
const isWrite = (method: string, path: string) =>
  method !== "GET" && !(method === "POST" && path === "/multi-search");

const htmlPage = (status: number, title: string): FakeAnswer => ({
  status,
  raw: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
  contentType: "text/html",
});

describe("Meilisearch adapter (against a fake server)", () => {
  let fake: FakeMeilisearch;
  let host: string;

  beforeEach(async () => {
    fake = new FakeMeilisearch();
    fake.createIndex("test-index");
    host = await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const createEngine = (
    overrides: { batchSize?: number; maxBatchBytes?: number; taskTimeoutMs?: number } = {},
  ) =>
    createMeilisearchEngine({
      host,
      apiKey: "test-key",
      indexName: "test-index",
      taskTimeoutMs: 2_000,
      ...overrides,
    });

  describe("index and settings", () => {
    it("creates a missing index with its primary key and applies the settings before the first write only", async () => {
      fake.indexes.clear();
      const engine = createEngine();
      await engine.index(documents);
      await engine.index(documents);
      await engine.remove(["toolkit:b"]);

      expect(fake.requestsTo("POST", "/indexes").map((request) => request.body)).toEqual([
        { uid: "test-index", primaryKey: "pk" },
      ]);
      const settingsRequests = fake.requestsTo("PATCH", "/indexes/test-index/settings");
      expect(settingsRequests).toHaveLength(1);
      expect(settingsRequests[0]?.body).toMatchObject({
        searchableAttributes: [
          "title",
          "titleTerms",
          "summary",
          "summaryTerms",
          "body",
          "bodyTerms",
          "publisher",
          "year",
        ],
        filterableAttributes: [
          "kind",
          "type",
          "topics",
          "audiences",
          "regions",
          "languages",
          "licence",
          "publisher",
        ],
        sortableAttributes: ["newestTimestamp", "usefulCount", "titleSort", "id"],
        rankingRules: [
          "sort",
          "words",
          "typo",
          "proximity",
          "attribute",
          "exactness",
          "titleSort:asc",
          "id:asc",
        ],
        typoTolerance: {
          enabled: true,
          minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
          disableOnNumbers: true,
        },
      });
      const synonyms = (settingsRequests[0]?.body as { synonyms: Record<string, string[]> })
        .synonyms;
      expect(synonyms.dsa).toContain("data sharing agreement");
      expect(synonyms.anonymization).toEqual(
        expect.arrayContaining(["deidentification", "anonymisation"]),
      );
    });

    it("sends no settings when the server already holds them, in whatever order it lists them", async () => {
      await createEngine().prepare();
      expect(fake.requestsTo("PATCH", "/indexes/test-index/settings")).toHaveLength(1);

      // Meilisearch hands sets back in its own order (stop words sorted, for one).
      const stored = fake.indexes.get("test-index") ?? {};
      const reversed = (value: unknown) => [...(value as unknown[])].reverse();
      stored.stopWords = reversed(stored.stopWords);
      stored.filterableAttributes = reversed(stored.filterableAttributes);
      stored.synonyms = Object.fromEntries(
        Object.entries(stored.synonyms as Record<string, string[]>)
          .reverse()
          .map(([key, values]) => [key, reversed(values)]),
      );

      // Another process (or a restart) starts with the same settings: it only reads them.
      await createEngine().prepare();
      expect(fake.requestsTo("PATCH", "/indexes/test-index/settings")).toHaveLength(1);
      expect(fake.requestsTo("GET", "/indexes/test-index/settings")).toHaveLength(2);

      // A setting that differs is sent again.
      stored.rankingRules = ["words", "typo", "proximity", "attribute", "sort", "exactness"];
      await createEngine().prepare();
      expect(fake.requestsTo("PATCH", "/indexes/test-index/settings")).toHaveLength(2);
    });

    it("sends a synonym map again when the server holds a synonym no longer wanted", async () => {
      await createEngine().prepare();
      const stored = fake.indexes.get("test-index") ?? {};
      stored.synonyms = { ...(stored.synonyms as object), obsolete: ["gone"] };
      await createEngine().prepare();
      expect(fake.requestsTo("PATCH", "/indexes/test-index/settings")).toHaveLength(2);
    });

    it("leaves disableOnNumbers out on servers older than 1.15, which do not report it", async () => {
      fake.supportsDisableOnNumbers = false;
      fake.createIndex("test-index");
      await createEngine().prepare();
      const settingsRequests = fake.requestsTo("PATCH", "/indexes/test-index/settings");
      expect(settingsRequests).toHaveLength(1);
      expect(JSON.stringify(settingsRequests[0]?.body)).not.toContain("disableOnNumbers");
      expect(settingsRequests[0]?.body).toMatchObject({
        typoTolerance: { disableOnAttributes: ["year"] },
      });

      await createEngine().prepare();
      expect(fake.requestsTo("PATCH", "/indexes/test-index/settings")).toHaveLength(1);
    });
  });

  describe("searching", () => {
    it("goes straight to multi-search: no index creation, no settings, no task", async () => {
      fake.indexes.clear();
      fake.createIndex("test-index");
      const engine = createEngine();
      await engine.search({ query: "gdpr" });
      await engine.search({ query: "data", facets: ["type"] });
      expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        "POST /multi-search",
        "POST /multi-search",
      ]);
    });

    it("works with a key that may only search", async () => {
      fake.responders.push(({ method, path }) =>
        method === "POST" && path === "/multi-search"
          ? undefined
          : {
              status: 403,
              body: {
                message: "The provided API key is invalid.",
                code: "invalid_api_key",
                type: "auth",
                link: "",
              },
            },
      );
      const response = await createEngine().search({ query: "gdpr" });
      expect(response.total).toBe(0);
    });

    it("reports a missing index as unavailable, without creating it", async () => {
      fake.indexes.clear();
      const failure = createEngine().search({ query: "gdpr" });
      await expect(failure).rejects.toThrow(SearchUnavailableError);
      await expect(failure).rejects.toThrow(/index_not_found/);
      expect(fake.requests.filter((request) => isWrite(request.method, request.path))).toEqual([]);
    });

    it("sends a recognised synonym longer than three words as its group's short member", async () => {
      const engine = createEngine();
      const sentQuery = async (query: string) => {
        await engine.search({ query });
        const [latest] = fake.requestsTo("POST", "/multi-search").slice(-1);
        return (latest?.body as { queries: { q: string }[] }).queries[0]?.q;
      };
      expect(await sentQuery("General Data Protection Regulation")).toBe("gdpr");
      expect(await sentQuery("data protection impact assesment screening")).toBe("dpia screening");
      expect(await sentQuery("European Data Protection Board opinions")).toBe("edpb opinion");
      // Up to three words Meilisearch expands the synonym itself.
      expect(await sentQuery("data sharing agreement")).toBe("data sharing agreement");
      expect(await sentQuery("privacy impact assessment")).toBe("privacy impact assessment");
    });

    it("asks for hits plus one query per filtered facet, with the shared query plan", async () => {
      await createEngine().search({
        query: 'Organisations "2016/679" anonimization',
        filters: { type: ["guide", 'say "hi"'], regions: ["europe"] },
        facets: ["type", "topics", "regions"],
        kinds: ["toolkit"],
        sort: "relevance",
        page: 2,
        pageSize: 5,
      });
      const [multiSearch] = fake.requestsTo("POST", "/multi-search");
      const queries = (multiSearch?.body as { queries: Record<string, unknown>[] }).queries;
      expect(queries).toHaveLength(3);
      // Normal forms; digits quoted (exact); a typo'd synonym sent as its correct spelling.
      const q = 'organization "2016" "679" anonymization';
      expect(queries[0]).toEqual({
        indexUid: "test-index",
        q,
        filter: [
          ['kind = "toolkit"'],
          ['type = "guide"', 'type = "say \\"hi\\""'],
          ['regions = "europe"'],
        ],
        page: 2,
        hitsPerPage: 5,
        facets: ["topics"],
        matchingStrategy: "all",
        attributesToRetrieve: ["id", "kind", "title", "summary", "url"],
        attributesToHighlight: ["title", "summary"],
        highlightPreTag: HIGHLIGHT_START_SENTINEL,
        highlightPostTag: HIGHLIGHT_END_SENTINEL,
        showRankingScore: true,
      });
      expect(queries[1]).toEqual({
        indexUid: "test-index",
        q,
        filter: [['kind = "toolkit"'], ['regions = "europe"']],
        facets: ["type"],
        limit: 0,
        matchingStrategy: "all",
      });
      expect(queries[2]).toMatchObject({
        filter: [['kind = "toolkit"'], ['type = "guide"', 'type = "say \\"hi\\""']],
        facets: ["regions"],
      });
    });

    it("sorts explicitly for newest, most useful and the empty query", async () => {
      const engine = createEngine();
      await engine.search({ query: "data", sort: "newest" });
      await engine.search({ query: "data", sort: "most-useful" });
      await engine.search({ query: "" });
      await engine.search({ query: "data" });
      const sorts = fake
        .requestsTo("POST", "/multi-search")
        .map((request) => (request.body as { queries: { sort?: string[] }[] }).queries[0]?.sort);
      expect(sorts).toEqual([
        ["newestTimestamp:desc", "titleSort:asc", "id:asc"],
        ["usefulCount:desc", "titleSort:asc", "id:asc"],
        ["titleSort:asc", "id:asc"],
        undefined,
      ]);
    });

    it("turns Meilisearch's answer into hits with escaped highlights and disjunctive facets", async () => {
      fake.multiSearchResults = [
        {
          indexUid: "test-index",
          hits: [
            {
              id: "toolkit:markup",
              kind: "toolkit",
              title: "Cleaning <script> markup",
              summary: "Plain & simple",
              url: "/toolkit/markup",
              _formatted: {
                title: `Cleaning <script> ${HIGHLIGHT_START_SENTINEL}markup${HIGHLIGHT_END_SENTINEL}`,
                summary: "Plain & simple",
              },
              _rankingScore: 0.87,
            },
          ],
          query: "markup",
          processingTimeMs: 1,
          totalHits: 41,
          hitsPerPage: 1,
          page: 1,
          totalPages: 41,
          facetDistribution: { topics: { "data-literacy": 41 } },
        },
        {
          indexUid: "test-index",
          hits: [],
          query: "markup",
          processingTimeMs: 1,
          limit: 0,
          offset: 0,
          estimatedTotalHits: 50,
          facetDistribution: { type: { guide: 41, tool: 9 } },
        },
      ];
      const response = await createEngine().search({
        query: "markup",
        filters: { type: ["guide"] },
        facets: ["type", "topics", "regions"],
        pageSize: 1,
      });
      expect(response).toEqual({
        hits: [
          {
            id: "toolkit:markup",
            kind: "toolkit",
            title: "Cleaning <script> markup",
            summary: "Plain & simple",
            url: "/toolkit/markup",
            highlights: {
              title: "Cleaning &lt;script&gt; <mark>markup</mark>",
              summary: "Plain &amp; simple",
            },
            score: 0.87,
          },
        ],
        total: 41,
        page: 1,
        pageSize: 1,
        facets: { type: { guide: 41, tool: 9 }, topics: { "data-literacy": 41 }, regions: {} },
      });
    });
  });

  describe("writing", () => {
    it("sends documents in batches with encoded keys and normalised text, and waits for each task", async () => {
      await createEngine({ batchSize: 2 }).index(documents);

      const batches = fake.requestsTo("POST", "/indexes/test-index/documents");
      expect(batches.map((request) => (request.body as unknown[]).length)).toEqual([2, 2, 1]);
      const [gdpr] = batches[0]?.body as Record<string, unknown>[];
      expect(gdpr).toMatchObject({
        pk: Buffer.from("toolkit:gdpr").toString("base64url"),
        id: "toolkit:gdpr",
        titleTerms: "general data protection regulation",
        summaryTerms: "organization personal data",
        bodyTerms: "regulation eu 2016 679",
        licence: ["CC-BY-4.0"],
        type: ["guide"],
        year: 2016,
        newestTimestamp: Date.UTC(2016, 0, 1),
        titleSort: "general data protection regulation",
      });
      expect(String(gdpr?.pk)).toMatch(/^[A-Za-z0-9_-]+$/);
      // The settings and the three batches were all awaited.
      expect(fake.requestsTo("GET", /^\/tasks\/\d+$/)).toHaveLength(4);
    });

    it("keeps every documents request under the byte limit a proxy allows", async () => {
      const long = (id: string): SearchDocument => ({
        id,
        kind: "lesson",
        url: `/courses/long/${id}`,
        title: `Long lesson ${id}`,
        body: "Sharing mobility records under a data sharing agreement. ".repeat(2_500),
      });
      const lessons = ["a", "b", "c", "d", "e"].map(long);
      await createEngine().index(lessons);

      const batches = fake.requestsTo("POST", "/indexes/test-index/documents");
      expect(batches.length).toBeGreaterThan(1);
      for (const batch of batches) expect(batch.bytes).toBeLessThanOrEqual(900_000);
      expect(
        batches.flatMap((batch) => batch.body as { id: string }[]).map((doc) => doc.id),
      ).toEqual(["a", "b", "c", "d", "e"]);
    });

    it("splits by count and bytes, and sends a document larger than the limit alone", () => {
      const sized = (bytes: number) => "x".repeat(bytes - 2); // a JSON string: two quotes
      expect(splitIntoBatches([sized(10), sized(10), sized(10)], 10, 23)).toEqual([
        [sized(10), sized(10)], // [ + 10 + , + 10 + ] = 23 bytes
        [sized(10)],
      ]);
      expect(splitIntoBatches([sized(10), sized(50), sized(10)], 10, 23)).toEqual([
        [sized(10)],
        [sized(50)],
        [sized(10)],
      ]);
      expect(splitIntoBatches([1, 2, 3], 2, 1_000)).toEqual([[1, 2], [3]]);
    });

    it("sends no empty publisher as a facet value", async () => {
      await createEngine().index([
        { id: "toolkit:x", kind: "toolkit", url: "/toolkit/x", title: "X", publisher: "" },
      ]);
      const [batch] = fake.requestsTo("POST", "/indexes/test-index/documents");
      expect((batch?.body as Record<string, unknown>[])[0]?.publisher).toBeNull();
    });

    it("reports a failed indexing task as SearchUnavailableError", async () => {
      fake.failedTaskUids.add(2); // 1: settings, 2: the documents
      const failure = createEngine().index(documents);
      await expect(failure).rejects.toThrow(SearchUnavailableError);
      await expect(failure).rejects.toThrow(
        /task 2\): invalid_document_id: Document has no valid id/,
      );
    });

    it("waits for a task that timed out again at the next attempt, instead of sending the work twice", async () => {
      const engine = createEngine({ taskTimeoutMs: 300 });
      await engine.prepare(); // task 1: settings
      fake.processingTaskUids.add(2); // the documents: a large merged batch, still running

      const failure = engine.index(documents);
      await expect(failure).rejects.toSatisfy(isSearchUnavailableError);
      await expect(failure).rejects.toThrow(
        /has not finished index documents \(task 2\) within 300 ms/,
      );

      fake.processingTaskUids.delete(2); // it finished later
      await engine.index(documents);
      expect(fake.requestsTo("POST", "/indexes/test-index/documents")).toHaveLength(1);
      expect(fake.requestsTo("GET", "/tasks/2").length).toBeGreaterThan(1);

      // Other documents, or the same ones once that task is done, are sent as usual.
      await engine.index(documents);
      expect(fake.requestsTo("POST", "/indexes/test-index/documents")).toHaveLength(2);
    });

    it("also waits again for the later batches of a write whose first batch timed out", async () => {
      const engine = createEngine({ taskTimeoutMs: 300, batchSize: 2 });
      await engine.prepare(); // task 1: settings
      fake.processingTaskUids.add(2); // the first of three batches (tasks 2, 3, 4)
      await expect(engine.index(documents)).rejects.toThrow(/task 2\)/);
      expect(fake.requestsTo("POST", "/indexes/test-index/documents")).toHaveLength(3);

      fake.processingTaskUids.delete(2);
      await engine.index(documents);
      expect(fake.requestsTo("POST", "/indexes/test-index/documents")).toHaveLength(3);
      for (const uid of [3, 4]) expect(fake.requestsTo("GET", `/tasks/${uid}`)).toHaveLength(1);
    });

    it("removes by encoded key, clears, counts and deletes the index, waiting for each task", async () => {
      const engine = createEngine();
      await engine.remove(["toolkit:gdpr", "lesson:d/e"]);
      expect(
        fake.requestsTo("POST", "/indexes/test-index/documents/delete-batch")[0]?.body,
      ).toEqual([
        Buffer.from("toolkit:gdpr").toString("base64url"),
        Buffer.from("lesson:d/e").toString("base64url"),
      ]);
      await engine.clear();
      expect(fake.requestsTo("DELETE", "/indexes/test-index/documents")).toHaveLength(1);
      expect(await engine.count()).toBe(7);
      const tasksBefore = fake.requestsTo("GET", /^\/tasks\/\d+$/).length;
      await engine.deleteIndex();
      expect(fake.indexes.has("test-index")).toBe(false);
      expect(fake.requestsTo("GET", /^\/tasks\/\d+$/).length).toBe(tasksBefore + 1);
    });
  });

  describe("errors", () => {
    it("turns a proxy's HTML error page (not JSON) into SearchUnavailableError everywhere", async () => {
      fake.responders.push(({ path }) =>
        path === "/health" ? undefined : htmlPage(502, "502 Bad Gateway"),
      );
      const engine = createEngine();
      for (const operation of [
        () => engine.search({ query: "data" }),
        () => engine.index(documents),
        () => engine.remove(["toolkit:b"]),
        () => engine.clear(),
        () => engine.count(),
        () => engine.prepare(),
      ]) {
        const failure = operation();
        await expect(failure).rejects.toSatisfy(isSearchUnavailableError);
        await expect(failure).rejects.toThrow(/not JSON/);
      }
      expect(await engine.health()).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/not JSON/) as unknown,
      });
    });

    it("turns a 413 page for a too large batch into SearchUnavailableError", async () => {
      fake.responders.push(({ method, path }) =>
        method === "POST" && path.endsWith("/documents")
          ? htmlPage(413, "413 Request Entity Too Large")
          : undefined,
      );
      await expect(createEngine().index(documents)).rejects.toSatisfy(isSearchUnavailableError);
    });

    it("treats an unexpected answer as SearchUnavailableError", async () => {
      fake.multiSearchResults = [{ indexUid: "test-index", hits: [{ id: 42 }], totalHits: 1 }];
      await expect(createEngine().search({ query: "x" })).rejects.toThrow(SearchUnavailableError);
    });

    it("maps API errors (a wrong key) to SearchUnavailableError", async () => {
      fake.responders.push(() => ({
        status: 403,
        body: {
          message: "The provided API key is invalid.",
          code: "invalid_api_key",
          type: "auth",
          link: "",
        },
      }));
      const engine = createEngine();
      const failure = engine.search({ query: "x" });
      await expect(failure).rejects.toThrow(SearchUnavailableError);
      await expect(engine.search({ query: "x" })).rejects.toThrow(/HTTP 403, invalid_api_key/);
      await expect(engine.count()).rejects.toThrow(SearchUnavailableError);
    });
  });

  describe("health", () => {
    it("is healthy when the server answers and the index can be read", async () => {
      expect(await createEngine().health()).toEqual({
        ok: true,
        engine: "meilisearch",
        detail: "index test-index, 7 documents",
      });
    });

    it("is not healthy with a wrong key, though /health needs none", async () => {
      fake.responders.push(({ path }) =>
        path === "/health"
          ? undefined
          : {
              status: 403,
              body: {
                message: "The provided API key is invalid.",
                code: "invalid_api_key",
                type: "auth",
                link: "",
              },
            },
      );
      const health = await createEngine().health();
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/HTTP 403, invalid_api_key/);
    });

    it("is not healthy when the index does not exist", async () => {
      fake.indexes.clear();
      const health = await createEngine().health();
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/index_not_found/);
    });
  });
});

describe("Meilisearch adapter (server unreachable)", () => {
  // A port nothing listens on: the loopback connection is refused at once.
  const unreachable = async () => {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, "close");
    return createMeilisearchEngine({ host: `http://127.0.0.1:${port}`, requestTimeoutMs: 2_000 });
  };

  it("throws SearchUnavailableError from every operation", async () => {
    const engine = await unreachable();
    await expect(engine.search({ query: "data" })).rejects.toThrow(SearchUnavailableError);
    await expect(engine.index(documents)).rejects.toThrow(SearchUnavailableError);
    await expect(engine.remove(["toolkit:gdpr"])).rejects.toThrow(SearchUnavailableError);
    await expect(engine.count()).rejects.toThrow(SearchUnavailableError);
    await expect(engine.clear()).rejects.toThrow(SearchUnavailableError);
  });

  it("reports health as not ok instead of throwing", async () => {
    const health = await (await unreachable()).health();
    expect(health.ok).toBe(false);
    expect(health.engine).toBe("meilisearch");
    expect(health.detail).toMatch(/could not answer a health check/);
  });
});
