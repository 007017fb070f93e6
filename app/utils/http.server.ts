import { json } from "@remix-run/node";

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

/** The origin links in mails should use: PUBLIC_URL when set, else this request's. */
export function getPublicOrigin(request: Request, publicUrl: string | undefined): string {
  return publicUrl ? publicUrl.replace(/\/$/, "") : new URL(request.url).origin;
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
