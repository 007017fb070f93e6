import { json } from "@remix-run/node";
import { getEnv, type Env } from "./env.server";

/** Helpers for turning bad input into 4xx responses, never 500s. */

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function badRequest(message = "Bad request"): Response {
  return new Response(message, { status: 400, statusText: "Bad Request" });
}

/** A page number from the query string: 1 when absent; 400 when it is not a sane number. */
export function parsePage(url: URL, max = 10_000): number {
  const raw = url.searchParams.get("page");
  if (raw === null || raw === "") return 1;
  if (!/^\d{1,6}$/.test(raw)) throw badRequest("The page number must be a whole number.");
  const page = Number(raw);
  if (page < 1 || page > max) throw badRequest("The page number is out of range.");
  return page;
}

/** A short free-text query from the query string, trimmed and bounded. */
export function parseQuery(url: URL, name = "q", maxLength = 200): string | undefined {
  const value = url.searchParams.get(name)?.trim();
  if (!value) return undefined;
  return value.slice(0, maxLength);
}

/**
 * The origin of links sent by mail (and other links meant to leave the site). The Host header
 * is chosen by whoever sends the request, so it is never trusted by itself: PUBLIC_URL when set;
 * otherwise the request's own origin only when its host is in ALLOWED_HOSTS (or, outside
 * production, a loopback address); otherwise http://localhost:PORT.
 */
export function getPublicOrigin(request: Request, env: Env = getEnv()): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, "");
  const requestUrl = new URL(request.url);
  const host = requestUrl.host.toLowerCase();
  if (env.ALLOWED_HOSTS.includes(host)) return requestUrl.origin;
  if (env.NODE_ENV !== "production" && isLoopbackHost(requestUrl.hostname)) return requestUrl.origin;
  return defaultPublicOrigin(env);
}

/** What links use when nothing else is configured: this machine, as the start log says. */
export function defaultPublicOrigin(env: Env = getEnv()): string {
  return `http://localhost:${env.PORT}`;
}

function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/**
 * A line for the start log when links in mail will not point at a public address: in
 * production without PUBLIC_URL. Null when PUBLIC_URL is set or outside production.
 */
export function describeMailLinkOrigin(env: Env = getEnv()): string | null {
  if (env.PUBLIC_URL || env.NODE_ENV !== "production") return null;
  const allowed = env.ALLOWED_HOSTS.length
    ? ` (or the request's own address for ${env.ALLOWED_HOSTS.join(", ")})`
    : "";
  return `PUBLIC_URL is not set: links in mail will use ${defaultPublicOrigin(env)}${allowed}; set PUBLIC_URL to the site's public address`;
}

/** User ids are UUIDs; anything else cannot exist, so it is a 404 before touching the database. */
export function requireUuidParam(value: string | undefined): string {
  if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw notFound();
  }
  return value.toLowerCase();
}

/**
 * What an action returns when the input was refused: the same data the page renders
 * (so the form keeps what was typed and shows its errors), with a 4xx status.
 */
export function rejected<Data>(data: Data, status: 400 | 403 | 409 | 422 | 429 = 400) {
  return json(data, { status });
}
