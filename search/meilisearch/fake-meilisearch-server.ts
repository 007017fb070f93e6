/**
 * For tests only: a stand-in for the parts of Meilisearch's HTTP API the adapter uses, on the
 * loopback interface, so the real `meilisearch` client can be tested without a server. It
 * records every request and answers as Meilisearch does: indexes that exist or not
 * (`index_not_found`), settings read back as they were written, enqueued tasks and their
 * polling, multi-search results and typed errors. `responders` let a test answer otherwise
 * (a proxy's HTML error page, a wrong key).
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  /** Size of the request body as sent, in bytes. */
  bytes: number;
}

export interface FakeAnswer {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is instead of `body` (an HTML error page). */
  raw?: string;
  contentType?: string;
}

export type Responder = (request: RecordedRequest) => FakeAnswer | undefined;

export type FakeSettings = Record<string, unknown>;

/** What GET /indexes/{uid}/settings answers for a new index (Meilisearch 1.15 and later). */
export function defaultSettings(
  options: { supportsDisableOnNumbers?: boolean } = {},
): FakeSettings {
  return {
    displayedAttributes: ["*"],
    searchableAttributes: ["*"],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: {},
    distinctAttribute: null,
    proximityPrecision: "byWord",
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
      ...(options.supportsDisableOnNumbers === false ? {} : { disableOnNumbers: false }),
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "alpha" } },
    pagination: { maxTotalHits: 1000 },
    searchCutoffMs: null,
  };
}

const apiError = (status: number, code: string, message: string): FakeAnswer => ({
  status,
  body: {
    message,
    code,
    type: "invalid_request",
    link: `https://docs.meilisearch.com/errors#${code}`,
  },
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  /** Checked before the default behaviour; return undefined to fall through. */
  responders: Responder[] = [];
  /** Indexes that exist, with their settings. */
  readonly indexes = new Map<string, FakeSettings>();
  /** Tasks that end as failed. */
  failedTaskUids = new Set<number>();
  /** Tasks that stay "processing" while listed (a slow merged batch). */
  processingTaskUids = new Set<number>();
  multiSearchResults: unknown[] = [];
  numberOfDocuments = 7;
  /** Servers before 1.15 neither report nor accept typoTolerance.disableOnNumbers. */
  supportsDisableOnNumbers = true;
  private nextTaskUid = 1;
  private readonly taskTypes = new Map<number, string>();
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

  createIndex(uid: string) {
    this.indexes.set(
      uid,
      defaultSettings({ supportsDisableOnNumbers: this.supportsDisableOnNumbers }),
    );
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.requests.filter(
      (request) =>
        request.method === method &&
        (typeof path === "string" ? request.path === path : path.test(request.path)),
    );
  }

  private enqueue(type: string, indexUid: string): FakeAnswer {
    const taskUid = this.nextTaskUid++;
    this.taskTypes.set(taskUid, type);
    return {
      status: 202,
      body: { taskUid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() },
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? "/", "http://fake");
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      body: raw.length > 0 ? (JSON.parse(raw.toString("utf8")) as unknown) : undefined,
      bytes: raw.length,
    };
    this.requests.push(recorded);
    const answer =
      this.responders.map((responder) => responder(recorded)).find(Boolean) ??
      this.defaultAnswer(recorded);
    response.writeHead(answer.status, {
      "content-type": answer.contentType ?? "application/json",
    });
    response.end(answer.raw ?? JSON.stringify(answer.body));
  }

  private taskAnswer(uid: number): FakeAnswer {
    const failed = this.failedTaskUids.has(uid);
    const status = this.processingTaskUids.has(uid)
      ? "processing"
      : failed
        ? "failed"
        : "succeeded";
    return {
      status: 200,
      body: {
        uid,
        batchUid: uid,
        indexUid: "test-index",
        status,
        type: this.taskTypes.get(uid) ?? "documentAdditionOrUpdate",
        canceledBy: null,
        error:
          status === "failed"
            ? {
                message: "Document has no valid id",
                code: "invalid_document_id",
                type: "invalid_request",
                link: "",
              }
            : null,
        duration: status === "processing" ? null : "PT0.001S",
        enqueuedAt: new Date().toISOString(),
        startedAt: new Date().toISOString(),
        finishedAt: status === "processing" ? null : new Date().toISOString(),
      },
    };
  }

  private updateSettings(uid: string, body: unknown): FakeAnswer {
    // Meilisearch creates a missing index with these settings.
    if (!this.indexes.has(uid)) this.createIndex(uid);
    const current = this.indexes.get(uid) ?? {};
    if (!isRecord(body)) return apiError(400, "bad_request", "settings must be an object");
    const typoTolerance = body.typoTolerance;
    if (
      !this.supportsDisableOnNumbers &&
      isRecord(typoTolerance) &&
      "disableOnNumbers" in typoTolerance
    ) {
      return apiError(
        400,
        "invalid_settings_typo_tolerance",
        "Unknown field `disableOnNumbers` inside `.typoTolerance`",
      );
    }
    for (const [key, value] of Object.entries(body)) {
      const before = current[key];
      // Nested settings (typoTolerance, faceting) are merged, as Meilisearch's PATCH does.
      current[key] =
        isRecord(before) && isRecord(value) && key !== "synonyms" ? { ...before, ...value } : value;
    }
    return this.enqueue("settingsUpdate", uid);
  }

  private defaultAnswer({ method, path, body }: RecordedRequest): FakeAnswer {
    const taskMatch = /^\/tasks\/(\d+)$/.exec(path);
    if (method === "GET" && taskMatch) return this.taskAnswer(Number(taskMatch[1]));
    if (method === "GET" && path === "/health")
      return { status: 200, body: { status: "available" } };
    if (method === "POST" && path === "/indexes") {
      const { uid } = body as { uid: string };
      if (!this.indexes.has(uid)) this.createIndex(uid);
      return this.enqueue("indexCreation", uid);
    }
    if (method === "POST" && path === "/multi-search") {
      const queries = (body as { queries: { indexUid: string }[] }).queries;
      const missing = queries.findIndex((query) => !this.indexes.has(query.indexUid));
      if (missing >= 0) {
        return apiError(
          400,
          "index_not_found",
          `Inside \`.queries[${missing}]\`: Index \`${queries[missing]?.indexUid}\` not found.`,
        );
      }
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

    const indexMatch = /^\/indexes\/([^/]+)(\/.*)?$/.exec(path);
    const uid = indexMatch?.[1];
    const rest = indexMatch?.[2] ?? "";
    if (uid === undefined) return apiError(404, "not_found", `No route ${method} ${path}`);
    if (method === "DELETE" && rest === "") {
      this.indexes.delete(uid);
      return this.enqueue("indexDeletion", uid);
    }
    // Writes to a missing index create it (Meilisearch does); reads answer index_not_found.
    if (method === "POST" && rest === "/documents") {
      if (!this.indexes.has(uid)) this.createIndex(uid);
      return this.enqueue("documentAdditionOrUpdate", uid);
    }
    if (method === "PATCH" && rest === "/settings") return this.updateSettings(uid, body);
    const settings = this.indexes.get(uid);
    if (!settings) return apiError(404, "index_not_found", `Index \`${uid}\` not found.`);
    if (method === "GET" && rest === "/settings") return { status: 200, body: settings };
    if (method === "POST" && rest === "/documents/delete-batch")
      return this.enqueue("documentDeletion", uid);
    if (method === "DELETE" && rest === "/documents") return this.enqueue("documentDeletion", uid);
    if (method === "GET" && rest === "/stats") {
      return {
        status: 200,
        body: {
          numberOfDocuments: this.numberOfDocuments,
          isIndexing: false,
          fieldDistribution: {},
          rawDocumentDbSize: 0,
          avgDocumentSize: 0,
        },
      };
    }
    return apiError(404, "not_found", `No route ${method} ${path}`);
  }
}
