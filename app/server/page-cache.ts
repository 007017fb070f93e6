/**
 * A micro-cache for pages anonymous visitors read (the home page, the catalogue, lessons,
 * toolkit entries): the same HTML is rendered at most once per key every few seconds, which
 * is what lets one process serve a class of 40 opening the same lesson at once.
 *
 * What is cached is decided by the route, not here: a loader or `headers` export that sets
 * `X-Page-Cache: <seconds>` opts the response in (the header never reaches the browser).
 * Only GET and HEAD requests without a session cookie, answered 200 with HTML and without
 * Set-Cookie, are stored. Each page carries a fresh CSP nonce in its inline scripts, so the
 * stored copy keeps a placeholder where the nonce was and gets the new nonce on every hit.
 */
import type { NextFunction, Request, Response } from "express";

export const PAGE_CACHE_HEADER = "x-page-cache";
const NONCE_PLACEHOLDER = "\u0000nonce\u0000";
/** Stored pages beyond this are dropped oldest first; a page is ~30 KB, so ~15 MB at most. */
const MAX_ENTRIES = 500;
const MAX_TTL_SECONDS = 60;

interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  /** The body with every occurrence of the nonce it was rendered with replaced by a placeholder. */
  body: string;
  expiresAt: number;
}

export interface PageCacheOptions {
  /** The session cookie's name: a request carrying it is personal and never cached. */
  sessionCookieName: string;
  now?: () => number;
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
  PAGE_CACHE_HEADER,
]);

export function createPageCache({ sessionCookieName, now = Date.now }: PageCacheOptions) {
  const pages = new Map<string, CachedPage>();
  const sessionCookie = new RegExp(`(?:^|;\\s*)${sessionCookieName}=[^;]`);

  function isCacheableRequest(req: Request): boolean {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const cookie = req.headers.cookie;
    return !(cookie && sessionCookie.test(cookie));
  }

  function store(key: string, page: CachedPage) {
    if (pages.size >= MAX_ENTRIES) {
      const oldest = pages.keys().next().value;
      if (oldest !== undefined) pages.delete(oldest);
    }
    pages.set(key, page);
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (!isCacheableRequest(req)) {
      // The route may still have opted in; the header is for this middleware only.
      const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        res.removeHeader(PAGE_CACHE_HEADER);
        return originalWriteHead(...args);
      }) as Response["writeHead"];
      return next();
    }
    const key = req.originalUrl;
    const nonce = String(res.locals.cspNonce);
    const cached = pages.get(key);
    if (cached && cached.expiresAt > now()) {
      res.status(cached.status);
      for (const [name, value] of cached.headers) res.setHeader(name, value);
      res.setHeader("X-Cache", "hit");
      res.end(req.method === "HEAD" ? undefined : cached.body.replaceAll(NONCE_PLACEHOLDER, nonce));
      return;
    }
    if (cached) pages.delete(key);

    // Record what the route writes, and decide once it has finished. The opt-in header is
    // read and removed as the status line goes out, so the browser never sees it.
    const chunks: Buffer[] = [];
    let ttlSeconds = 0;
    let recording = true;
    const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
    const originalEnd = res.end.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      ttlSeconds = Number(res.getHeader(PAGE_CACHE_HEADER));
      res.removeHeader(PAGE_CACHE_HEADER);
      return originalWriteHead(...args);
    }) as Response["writeHead"];
    const record = (chunk: unknown, encoding: unknown) => {
      if (!recording || chunk === undefined || chunk === null || typeof chunk === "function") return;
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      else recording = false;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(chunk, rest[0]);
      return originalWrite(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      record(chunk, rest[0]);
      if (!res.headersSent) {
        // Ended without a body write: the status line has not gone out yet.
        ttlSeconds = Number(res.getHeader(PAGE_CACHE_HEADER));
        res.removeHeader(PAGE_CACHE_HEADER);
      }
      const contentType = String(res.getHeader("content-type") ?? "");
      if (
        recording &&
        req.method === "GET" &&
        res.statusCode === 200 &&
        Number.isFinite(ttlSeconds) &&
        ttlSeconds > 0 &&
        contentType.startsWith("text/html") &&
        res.getHeader("set-cookie") === undefined
      ) {
        const headers: Array<[string, string]> = [];
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value === undefined || PER_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
          headers.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
        }
        store(key, {
          status: 200,
          headers,
          body: Buffer.concat(chunks).toString("utf8").replaceAll(nonce, NONCE_PLACEHOLDER),
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
    get size() {
      return pages.size;
    },
  };
}
