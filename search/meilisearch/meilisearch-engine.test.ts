/**
 * The Meilisearch adapter without a Meilisearch server: the real `meilisearch` client talks to a
 * small fake HTTP server on the loopback interface that records every request and answers like
 * Meilisearch's API (enqueued tasks, task polling, multi-search results, typed errors).
 *
 * This checks what the adapter sends and how it reads answers. Whether Meilisearch then ranks
 * and matches as promised is the conformance suite's job (meilisearch.test.ts, with MEILI_HOST).
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SearchUnavailableError, type SearchDocument } from "../engine";
import { HIGHLIGHT_END_SENTINEL, HIGHLIGHT_START_SENTINEL } from "../highlight";
import { createMeilisearchEngine } from "./meilisearch-engine";

interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

type Responder = (request: RecordedRequest) => { status: number; body: unknown } | undefined;

/** A stand-in for the parts of Meilisearch's HTTP API the adapter uses. */
class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  /** Checked before the default behaviour; return undefined to fall through. */
  responders: Responder[] = [];
  failedTaskUids = new Set<number>();
  multiSearchResults: unknown[] = [];
  private nextTaskUid = 1;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop() {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.requests.filter(
      (request) =>
        request.method === method &&
        (typeof path === "string" ? request.path === path : path.test(request.path)),
    );
  }

  private enqueue(type: string, status = 202) {
    const taskUid = this.nextTaskUid++;
    return {
      status,
      body: {
        taskUid,
        indexUid: "test-index",
        status: "enqueued",
        type,
        enqueuedAt: new Date().toISOString(),
      },
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    let raw = "";
    for await (const chunk of request) raw += String(chunk);
    const url = new URL(request.url ?? "/", "http://fake");
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      body: raw ? (JSON.parse(raw) as unknown) : undefined,
    };
    this.requests.push(recorded);
    const answer =
      this.responders.map((responder) => responder(recorded)).find(Boolean) ??
      this.defaultAnswer(recorded);
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  }

  private defaultAnswer({ method, path, body }: RecordedRequest): {
    status: number;
    body: unknown;
  } {
    const taskMatch = /^\/tasks\/(\d+)$/.exec(path);
    if (method === "GET" && taskMatch) {
      const uid = Number(taskMatch[1]);
      const failed = this.failedTaskUids.has(uid);
      return {
        status: 200,
        body: {
          uid,
          batchUid: uid,
          indexUid: "test-index",
          status: failed ? "failed" : "succeeded",
          type: "documentAdditionOrUpdate",
          canceledBy: null,
          error: failed
            ? {
                message: "Document has no valid id",
                code: "invalid_document_id",
                type: "invalid_request",
                link: "",
              }
            : null,
          duration: "PT0.001S",
          enqueuedAt: new Date().toISOString(),
          startedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
        },
      };
    }
    if (method === "GET" && path === "/health")
      return { status: 200, body: { status: "available" } };
    if (method === "POST" && path === "/indexes") return this.enqueue("indexCreation");
    if (method === "PATCH" && /\/settings$/.test(path)) return this.enqueue("settingsUpdate");
    if (method === "POST" && /\/documents$/.test(path))
      return this.enqueue("documentAdditionOrUpdate");
    if (method === "POST" && /\/documents\/delete-batch$/.test(path))
      return this.enqueue("documentDeletion");
    if (method === "DELETE" && /\/documents$/.test(path)) return this.enqueue("documentDeletion");
    if (method === "GET" && /\/stats$/.test(path)) {
      return {
        status: 200,
        body: {
          numberOfDocuments: 7,
          isIndexing: false,
          fieldDistribution: {},
          indexSize: 0,
          usedIndexSize: 0,
        },
      };
    }
    if (method === "POST" && path === "/multi-search") {
      const queries = (body as { queries: { indexUid: string }[] }).queries;
      return {
        status: 200,
        body: {
          results: queries.map(
            (query, position) =>
              this.multiSearchResults[position] ?? {
                indexUid: query.indexUid,
                hits: [],
                query: "",
                processingTimeMs: 0,
                totalHits: 0,
                hitsPerPage: 20,
                page: 1,
                totalPages: 0,
              },
          ),
        },
      };
    }
    return {
      status: 404,
      body: {
        message: `No route ${method} ${path}`,
        code: "not_found",
        type: "invalid_request",
        link: "",
      },
    };
  }
}

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

describe("Meilisearch adapter (against a fake server)", () => {
  let fake: FakeMeilisearch;
  let host: string;

  beforeEach(async () => {
    fake = new FakeMeilisearch();
    host = await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const createEngine = (overrides: { batchSize?: number } = {}) =>
    createMeilisearchEngine({
      host,
      apiKey: "test-key",
      indexName: "test-index",
      taskTimeoutMs: 2_000,
      ...overrides,
    });

  it("creates the index with its primary key and applies the settings once", async () => {
    const engine = createEngine();
    await engine.search({ query: "gdpr" });
    await engine.search({ query: "gdpr" });

    expect(fake.requestsTo("POST", "/indexes")).toEqual([
      { method: "POST", path: "/indexes", body: { uid: "test-index", primaryKey: "pk" } },
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
    const synonyms = (settingsRequests[0]?.body as { synonyms: Record<string, string[]> }).synonyms;
    expect(synonyms.dsa).toContain("data sharing agreement");
    expect(synonyms.anonymization).toEqual(
      expect.arrayContaining(["deidentification", "anonymisation"]),
    );
  });

  it("retries the settings without disableOnNumbers on servers older than 1.15", async () => {
    fake.responders.push(({ method, path, body }) =>
      method === "PATCH" &&
      path.endsWith("/settings") &&
      JSON.stringify(body).includes("disableOnNumbers")
        ? {
            status: 400,
            body: {
              message: "Unknown field `disableOnNumbers` inside `.typoTolerance`",
              code: "invalid_settings_typo_tolerance",
              type: "invalid_request",
              link: "",
            },
          }
        : undefined,
    );
    await createEngine().search({ query: "" });
    const settingsRequests = fake.requestsTo("PATCH", "/indexes/test-index/settings");
    expect(settingsRequests).toHaveLength(2);
    expect(JSON.stringify(settingsRequests[1]?.body)).not.toContain("disableOnNumbers");
  });

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
    // Index creation, settings, and the three batches were all awaited.
    expect(fake.requestsTo("GET", /^\/tasks\/\d+$/)).toHaveLength(5);
  });

  it("reports a failed indexing task as SearchUnavailableError", async () => {
    fake.failedTaskUids.add(3); // 1: index creation, 2: settings, 3: the documents
    const failure = createEngine().index(documents);
    await expect(failure).rejects.toThrow(SearchUnavailableError);
    await expect(failure).rejects.toThrow(
      /task 3\): invalid_document_id: Document has no valid id/,
    );
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

  it("removes by encoded key, clears, counts and deletes the index, waiting for each task", async () => {
    const engine = createEngine();
    await engine.remove(["toolkit:gdpr", "lesson:d/e"]);
    expect(fake.requestsTo("POST", "/indexes/test-index/documents/delete-batch")[0]?.body).toEqual([
      Buffer.from("toolkit:gdpr").toString("base64url"),
      Buffer.from("lesson:d/e").toString("base64url"),
    ]);
    await engine.clear();
    expect(fake.requestsTo("DELETE", "/indexes/test-index/documents")).toHaveLength(1);
    expect(await engine.count()).toBe(7);
    fake.responders.push(({ method, path }) =>
      method === "DELETE" && path === "/indexes/test-index"
        ? {
            status: 202,
            body: {
              taskUid: 99,
              indexUid: "test-index",
              status: "enqueued",
              type: "indexDeletion",
              enqueuedAt: "",
            },
          }
        : undefined,
    );
    await engine.deleteIndex();
    expect(fake.requestsTo("GET", "/tasks/99")).toHaveLength(1);
  });

  it("reports health from the server", async () => {
    expect(await createEngine().health()).toEqual({
      ok: true,
      engine: "meilisearch",
      detail: "index test-index",
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
