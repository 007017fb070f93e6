/**
 * A micro-cache for pages (the home page, the catalogue, lessons, toolkit entries, a
 * member's own account pages): the same HTML is rendered at most once per key every few
 * seconds, which is what lets one process serve a class of 40 opening the same lesson at once.
 *
 * What is cached is decided by the route, not here, and separately for the two kinds of
 * visitor (helpers in app/utils/page-cache.ts):
 * - anonymous: `X-Page-Cache: <seconds>` keeps the page for every request without a session
 *   cookie, keyed by URL;
 * - signed in ("personal"): `X-Page-Cache-Personal: <seconds>` keeps the page for one cookie
 *   header and URL, at most SESSION_CACHE_MS, and only while `personalGeneration()` (the
 *   session cache's generation) is what it was when rendering began. Every change to
 *   sessions, accounts or roles, and every non-GET request to this server, moves it on, so a
 *   personal page is never served after a write this server saw; a write by another server
 *   sharing PostgreSQL shows within SESSION_CACHE_MS, as sessions do (ADR 008).
 * The opt-in headers never reach the browser. Only GET and HEAD requests answered 200 with
 * HTML and without Set-Cookie are stored, and a request sent with `Cache-Control: no-cache`
 * (a hard reload) is always rendered afresh.
 *
 * Each page carries a fresh CSP nonce in its inline scripts, so the stored copy keeps a slot
 * where the nonce was and gets the new nonce on every hit.
 *
 * An anonymous page that records each visit (a search results page logs the search) opts in
 * with a replay (`cacheWithReplay`): on every hit the replayer registered for its kind records
 * the visit and returns a fresh token, which fills the slots where the rendered token was
 * (the search's id in result links). A page whose replay kind has no replayer is not cached;
 * personal pages never replay.
 *
 * The stored body is kept as UTF-8 buffers between the slots, so a hit copies bytes instead
 * of searching and re-encoding the page.
 */
import type { NextFunction, Request, Response } from "express";
import { SESSION_CACHE_MS } from "../modules/auth/session-cache";
import {
  PAGE_CACHE_HEADER as TTL_HEADER,
  PAGE_CACHE_PERSONAL_HEADER as PERSONAL_TTL_HEADER,
  PAGE_CACHE_REPLAY_HEADER as REPLAY_HEADER,
  PAGE_CACHE_ROUTE_HEADERS,
  PAGE_CACHE_TOKEN_HEADER as TOKEN_HEADER,
} from "../utils/page-cache";

const PAGE_CACHE_HEADER = TTL_HEADER.toLowerCase();
const PAGE_CACHE_PERSONAL_HEADER = PERSONAL_TTL_HEADER.toLowerCase();
const PAGE_CACHE_REPLAY_HEADER = REPLAY_HEADER.toLowerCase();
const PAGE_CACHE_TOKEN_HEADER = TOKEN_HEADER.toLowerCase();
const ROUTE_HEADERS = PAGE_CACHE_ROUTE_HEADERS.map((name) => name.toLowerCase());

/** Records a visit served from the cache and returns the token for this response (or null). */
export type PageCacheReplayer = (payload: string) => string | null;
/** Stored pages beyond this are dropped oldest first; a page is ~30 KB, so ~15 MB at most. */
const MAX_ENTRIES = 500;
const MAX_TTL_SECONDS = 60;
/** Personal pages (~10 KB each) are kept for fewer people at once, and never longer than a session is remembered. */
const MAX_PERSONAL_ENTRIES = 500;
const MAX_PERSONAL_TTL_SECONDS = SESSION_CACHE_MS / 1000;

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
  /** The session cookie's name: a request carrying it is personal. */
  sessionCookieName: string;
  /**
   * Moves on whenever who is signed in, or what anyone may see, may have changed (the session
   * cache's generation). Without it, personal pages are never cached.
   */
  personalGeneration?: () => number;
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

function storeIn(
  pages: Map<string, CachedPage>,
  maxEntries: number,
  key: string,
  page: CachedPage,
) {
  if (pages.size >= maxEntries) {
    const oldest = pages.keys().next().value;
    if (oldest !== undefined) pages.delete(oldest);
  }
  pages.set(key, page);
}

export function createPageCache({
  sessionCookieName,
  personalGeneration,
  replayers = {},
  now = Date.now,
}: PageCacheOptions) {
  const pages = new Map<string, CachedPage>();
  const personalPages = new Map<string, CachedPage>();
  // The generation the personal pages were stored under: when it moves on, they all go.
  let personalPagesGeneration = personalGeneration?.() ?? 0;
  const sessionCookie = new RegExp(`(?:^|;\\s*)${sessionCookieName}=[^;]`);

  /** Where a request's page would be kept, or null when it can be neither served nor stored. */
  function placeOf(req: Request) {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const cookie = req.headers.cookie;
    if (!(cookie && sessionCookie.test(cookie)))
      return { personal: false, key: req.originalUrl, generation: 0 } as const;
    if (!personalGeneration) return null;
    const generation = personalGeneration();
    if (generation !== personalPagesGeneration) {
      personalPages.clear();
      personalPagesGeneration = generation;
    }
    // The whole cookie header, not only the session: nothing a cookie changes is ever shared.
    return { personal: true, key: `${cookie}\n${req.originalUrl}`, generation } as const;
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    const place = placeOf(req);
    if (!place) {
      // The route may still have opted in; the header is for this middleware only.
      const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        removeRouteHeaders(res);
        return originalWriteHead(...args);
      }) as Response["writeHead"];
      return next();
    }
    const { personal, key, generation } = place;
    const stored = personal ? personalPages : pages;
    const nonce = String(res.locals.cspNonce);
    const cached = wantsFreshPage(req) ? undefined : stored.get(key);
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
    if (cached) stored.delete(key);

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
      ttlSeconds = Number(res.getHeader(personal ? PAGE_CACHE_PERSONAL_HEADER : PAGE_CACHE_HEADER));
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
      const replayer = replay && !personal ? replayers[replayKind] : undefined;
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
        (replay === "" || (replayer !== undefined && token !== "")) &&
        // Something changed while this personal page rendered: it may already be out of date.
        (!personal || personalGeneration?.() === generation)
      ) {
        const headers: Array<[string, string]> = [];
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value === undefined || PER_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
          headers.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
        }
        const body = Buffer.concat(chunks).toString("utf8");
        const maxTtlSeconds = personal ? MAX_PERSONAL_TTL_SECONDS : MAX_TTL_SECONDS;
        storeIn(stored, personal ? MAX_PERSONAL_ENTRIES : MAX_ENTRIES, key, {
          status: 200,
          headers,
          ...cutAtSlots(body, nonce, replayer ? token : null),
          replay: replayer ? { replayer, payload: replay.slice(replayKind.length + 1) } : null,
          expiresAt: now() + Math.min(ttlSeconds, maxTtlSeconds) * 1000,
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
    clear: () => {
      pages.clear();
      personalPages.clear();
    },
    /** Stored pages, anonymous and personal. */
    get size() {
      return pages.size + personalPages.size;
    },
  };
}
