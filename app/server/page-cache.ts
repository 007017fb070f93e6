/**
 * A micro-cache for anonymous pages (the home page, the catalogue, lessons, toolkit entries):
 * the same HTML is rendered at most once per URL every few seconds.
 *
 * What is cached is decided by the route, not here (helpers in app/utils/page-cache.ts):
 * `X-Page-Cache: <seconds>` keeps the page for every request without a session cookie, keyed
 * by URL. A request with a session cookie is never served from here nor stored: a signed-in
 * person's page is rendered for each request from what the database says now
 * (docs/decisions/014), so nothing has to be forgotten when something changes. Each process
 * keeps its own copies; a change shows in them within the page's few seconds, in every process
 * alike. The opt-in header never reaches the browser. Only GET and HEAD requests answered 200 with
 * HTML and without Set-Cookie are stored, and a request sent with `Cache-Control: no-cache`
 * (a hard reload) is always rendered afresh.
 *
 * Each page carries a fresh CSP nonce in its inline scripts, so the stored copy keeps a slot
 * where the nonce was and gets the new nonce on every hit.
 *
 * An anonymous page that records each visit (a search results page logs the search) opts in
 * with a replay (`cacheWithReplay`): on every hit the replayer registered for its kind records
 * the visit and returns a fresh token, which fills the slots where the rendered token was
 * (the search's id in result links). A page whose replay kind has no replayer is not cached.
 *
 * The stored body is kept as UTF-8 buffers between the slots, so a hit copies bytes instead
 * of searching and re-encoding the page.
 */
import type { NextFunction, Request, Response } from "express";
import {
  PAGE_CACHE_HEADER as TTL_HEADER,
  PAGE_CACHE_REPLAY_HEADER as REPLAY_HEADER,
  PAGE_CACHE_ROUTE_HEADERS,
  PAGE_CACHE_TOKEN_HEADER as TOKEN_HEADER,
} from "../utils/page-cache";

const PAGE_CACHE_HEADER = TTL_HEADER.toLowerCase();
const PAGE_CACHE_REPLAY_HEADER = REPLAY_HEADER.toLowerCase();
const PAGE_CACHE_TOKEN_HEADER = TOKEN_HEADER.toLowerCase();
const ROUTE_HEADERS = PAGE_CACHE_ROUTE_HEADERS.map((name) => name.toLowerCase());

/** Records a visit served from the cache and returns the token for this response (or null). */
export type PageCacheReplayer = (payload: string) => string | null;
/** Stored pages beyond this are dropped oldest first; a page is ~30 KB, so ~15 MB at most. */
const MAX_ENTRIES = 500;
const MAX_TTL_SECONDS = 60;

type Slot = "nonce" | "token";

interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  /** The body cut at every occurrence of the nonce (and token) it was rendered with. */
  segments: Buffer[];
  /** What goes between segments[i] and segments[i + 1]. */
  slots: Slot[];
  replay: { replayer: PageCacheReplayer; payload: string } | null;
  expiresAt: number;
}

export interface PageCacheOptions {
  /** The session cookie's name: a request carrying it is never cached. */
  sessionCookieName: string;
  /** Replayers by kind, for pages that record each visit. */
  replayers?: Record<string, PageCacheReplayer>;
  now?: () => number;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Cuts `body` at each occurrence of the nonce and the token (a token is never empty). */
function cutAtSlots(body: string, nonce: string, token: string | null) {
  const pattern = new RegExp(
    [nonce, token]
      .filter((value): value is string => !!value)
      .map(escapeForRegExp)
      .join("|"),
    "g",
  );
  const segments: Buffer[] = [];
  const slots: Slot[] = [];
  let from = 0;
  for (const match of body.matchAll(pattern)) {
    segments.push(Buffer.from(body.slice(from, match.index), "utf8"));
    slots.push(match[0] === nonce ? "nonce" : "token");
    from = match.index + match[0].length;
  }
  segments.push(Buffer.from(body.slice(from), "utf8"));
  return { segments, slots };
}

function assemble(page: CachedPage, values: Record<Slot, Buffer>): Buffer {
  const parts: Buffer[] = [];
  page.segments.forEach((segment, index) => {
    parts.push(segment);
    const slot = page.slots[index];
    if (slot) parts.push(values[slot]);
  });
  return Buffer.concat(parts);
}

/** Headers that describe one response and must not be replayed. */
const PER_RESPONSE_HEADERS = new Set([
  "content-security-policy",
  "x-request-id",
  "content-length",
  "date",
  "set-cookie",
  "etag",
  // Set by the compression middleware for this request's Accept-Encoding.
  "content-encoding",
  "vary",
  "transfer-encoding",
  ...ROUTE_HEADERS,
]);

function removeRouteHeaders(res: Response): void {
  for (const name of ROUTE_HEADERS) res.removeHeader(name);
}

/** A hard reload (and `curl -H "Cache-Control: no-cache"`) asks for a page rendered now. */
function wantsFreshPage(req: Request): boolean {
  const cacheControl = req.headers["cache-control"];
  return (
    (cacheControl !== undefined && /\bno-cache\b/i.test(cacheControl)) ||
    req.headers.pragma === "no-cache"
  );
}

function storeIn(pages: Map<string, CachedPage>, key: string, page: CachedPage) {
  if (pages.size >= MAX_ENTRIES) {
    const oldest = pages.keys().next().value;
    if (oldest !== undefined) pages.delete(oldest);
  }
  pages.set(key, page);
}

export function createPageCache({
  sessionCookieName,
  replayers = {},
  now = Date.now,
}: PageCacheOptions) {
  const pages = new Map<string, CachedPage>();
  const sessionCookie = new RegExp(`(?:^|;\\s*)${sessionCookieName}=[^;]`);

  /** The key a request's page is kept under, or null when it can be neither served nor stored. */
  function keyOf(req: Request): string | null {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const cookie = req.headers.cookie;
    if (cookie && sessionCookie.test(cookie)) return null;
    return req.originalUrl;
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    const key = keyOf(req);
    if (key === null) {
      // The route may still have opted in; the header is for this middleware only.
      const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        removeRouteHeaders(res);
        return originalWriteHead(...args);
      }) as Response["writeHead"];
      return next();
    }
    const nonce = String(res.locals.cspNonce);
    const cached = wantsFreshPage(req) ? undefined : pages.get(key);
    if (cached && cached.expiresAt > now()) {
      // A HEAD request shows the page to nobody, so it records no visit; the page's length
      // (which depends on the token) is then left out.
      const isHead = req.method === "HEAD";
      const token = cached.replay && !isHead ? cached.replay.replayer(cached.replay.payload) : "";
      if (token !== null) {
        res.status(cached.status);
        for (const [name, value] of cached.headers) res.setHeader(name, value);
        res.setHeader("X-Cache", "hit");
        const body = assemble(cached, { nonce: Buffer.from(nonce), token: Buffer.from(token) });
        if (!(isHead && cached.replay)) res.setHeader("Content-Length", body.length);
        res.end(isHead ? undefined : body);
        return;
      }
    }
    if (cached) pages.delete(key);

    // Record what the route writes, and decide once it has finished. The opt-in header is
    // read and removed as the status line goes out, so the browser never sees it.
    const chunks: Buffer[] = [];
    let ttlSeconds = 0;
    let replay = "";
    let token = "";
    let recording = true;
    const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
    const originalEnd = res.end.bind(res) as (...args: unknown[]) => Response;
    const readRouteHeaders = () => {
      ttlSeconds = Number(res.getHeader(PAGE_CACHE_HEADER));
      replay = String(res.getHeader(PAGE_CACHE_REPLAY_HEADER) ?? "");
      token = String(res.getHeader(PAGE_CACHE_TOKEN_HEADER) ?? "");
      removeRouteHeaders(res);
    };
    res.writeHead = ((...args: unknown[]) => {
      readRouteHeaders();
      return originalWriteHead(...args);
    }) as Response["writeHead"];
    const record = (chunk: unknown, encoding: unknown) => {
      if (!recording || chunk === undefined || chunk === null || typeof chunk === "function")
        return;
      if (typeof chunk === "string")
        chunks.push(
          Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
        );
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      else recording = false;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(chunk, rest[0]);
      return originalWrite(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      record(chunk, rest[0]);
      // Ended without a body write: the status line has not gone out yet.
      if (!res.headersSent) readRouteHeaders();
      const replayKind = replay.slice(0, Math.max(0, replay.indexOf(":")));
      const replayer = replay ? replayers[replayKind] : undefined;
      const contentType = String(res.getHeader("content-type") ?? "");
      if (
        recording &&
        req.method === "GET" &&
        res.statusCode === 200 &&
        Number.isFinite(ttlSeconds) &&
        ttlSeconds > 0 &&
        contentType.startsWith("text/html") &&
        res.getHeader("set-cookie") === undefined &&
        // A page that records visits is kept only if its visits can be recorded from the cache.
        (replay === "" || (replayer !== undefined && token !== ""))
      ) {
        const headers: Array<[string, string]> = [];
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value === undefined || PER_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
          headers.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
        }
        const body = Buffer.concat(chunks).toString("utf8");
        storeIn(pages, key, {
          status: 200,
          headers,
          ...cutAtSlots(body, nonce, replayer ? token : null),
          replay: replayer ? { replayer, payload: replay.slice(replayKind.length + 1) } : null,
          expiresAt: now() + Math.min(ttlSeconds, MAX_TTL_SECONDS) * 1000,
        });
      }
      chunks.length = 0;
      return originalEnd(chunk, ...rest);
    }) as Response["end"];
    next();
  }

  return {
    middleware,
    /** Forget every stored page (content reloaded, or a test needs a clean slate). */
    clear: () => pages.clear(),
    /** Stored pages. */
    get size() {
      return pages.size;
    },
  };
}
