import { randomBytes } from "node:crypto";
import type { Express, NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { withSessionRenewal } from "../modules/auth/session-renewal.server";

/**
 * Random bytes drawn a few kilobytes at a time: one call into the CSPRNG per 256 nonces instead
 * of one per response (what node's randomUUID does for the same reason). Each byte is used once.
 */
const NONCE_BYTES = 16;
const POOL_BYTES = NONCE_BYTES * 256;
let noncePool = randomBytes(POOL_BYTES);
let noncePoolOffset = 0;

function nextNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > POOL_BYTES) {
    noncePool = randomBytes(POOL_BYTES);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/** A fresh nonce per response: the only inline scripts allowed are Remix's own, which carry it. */
export function assignCspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = nextNonce();
  next();
}

/** Browsers that reached the site over HTTPS keep to it for a year. */
const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

export function securityHeaders({ isDevelopment }: { isDevelopment: boolean }) {
  const headers = helmetHeaders({ isDevelopment });
  return (req: Request, res: Response, next: NextFunction) => {
    // Only over HTTPS (req.secure believes X-Forwarded-Proto behind TRUST_PROXY): sent on plain
    // http://127.0.0.1 it would make browsers ask for https assets that do not exist.
    if (req.secure) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    headers(req, res, next);
  };
}

function helmetHeaders({ isDevelopment }: { isDevelopment: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": [
          "'self'",
          (_req, res) => `'nonce-${String((res as Response).locals.cspNonce)}'`,
        ],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        // Live reload talks to the dev server over a websocket on another port.
        "connect-src": isDevelopment ? ["'self'", "ws:", "http://localhost:*"] : ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
      },
    },
    // Set above, over HTTPS only.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xContentTypeOptions: true,
    xFrameOptions: { action: "deny" },
  });
}

/**
 * Behind `hops` reverse proxies, the client address is the one the outermost of them saw: the
 * entry that many places from the right of X-Forwarded-For. Anything further left was written by
 * the client itself, so `trust proxy` is never `true` (which would believe the leftmost entry).
 */
export function trustProxies(app: Express, hops: number): void {
  if (hops > 0) app.set("trust proxy", hops);
}

/** The address rate limits count against: the client as the trusted proxies saw it. */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * A session lucia extends while this request is served gets its renewed cookie on this response
 * (app/modules/auth/session-renewal.server.ts). A response that sets a cookie is never cached.
 */
export function sendRenewedSessionCookies(_req: Request, res: Response, next: NextFunction) {
  withSessionRenewal((setCookie) => {
    if (!res.headersSent) res.append("Set-Cookie", setCookie);
  }, next);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser says come from another site (CSRF).
 * With SameSite=Lax cookies this is a second line of defence, and it costs nothing.
 */
export function refuseCrossOriginWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  if (!origin) return next();
  // X-Forwarded-Host is only believed behind a proxy we trust (TRUST_PROXY).
  const forwardedHost = req.app.get("trust proxy") ? req.get("x-forwarded-host") : undefined;
  const host = forwardedHost ?? req.get("host");
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost && host && originHost === host) return next();
  res.status(403).type("text/plain").send("Cross-origin request refused.");
}

/**
 * Form posts are small; anything larger is refused before Remix reads it. Browsers always
 * declare the length of a form post, so a body of unknown length is refused too (411).
 */
export function limitBodySize(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = req.get("content-length");
    if (length === undefined) {
      if (req.get("transfer-encoding")) {
        res.status(411).type("text/plain").send("Length required.");
        return;
      }
      return next();
    }
    const declared = Number(length);
    if (!Number.isSafeInteger(declared) || declared < 0) {
      res.status(400).type("text/plain").send("Invalid Content-Length.");
      return;
    }
    if (declared > maxBytes) {
      res.status(413).type("text/plain").send("Request body too large.");
      return;
    }
    next();
  };
}
