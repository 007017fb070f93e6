import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPageCache } from "./page-cache";
import { assignCspNonce } from "./security";

/**
 * A small app standing in for Remix: each page renders a counter (so a cached copy is
 * visible) and the request's nonce in a script tag, streamed in two writes as React does.
 */
function startApp() {
  let clock = 1_000_000;
  const replayed: string[] = [];
  let replayCount = 0;
  const cache = createPageCache({
    sessionCookieName: "practica_session",
    now: () => clock,
    // Stands in for the search log: records the payload, returns a fresh token.
    replayers: {
      visit: (payload) => {
        replayed.push(payload);
        replayCount += 1;
        return `token-${String(replayCount).padStart(4, "0")}-fresh`;
      },
    },
  });
  let renders = 0;
  const app = express();
  app.use(compression());
  app.use(assignCspNonce);
  // As helmet does in the real server: the CSP header is set before the cache answers.
  app.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${String(res.locals.cspNonce)}'`);
    next();
  });
  app.use(cache.middleware);
  app.get("/cached", (_req, res) => {
    renders += 1;
    res.setHeader("X-Page-Cache", "10");
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.write(`<html><body><p>render ${renders}</p>`);
    res.end(`<script nonce="${String(res.locals.cspNonce)}">1</script></body></html>`);
  });
  app.get("/records-visits", (req, res) => {
    renders += 1;
    const token = `token-render-${renders}`;
    res.setHeader("X-Page-Cache", "10");
    res.setHeader("X-Page-Cache-Replay", `${String(req.query.kind ?? "visit")}:payload-${renders}`);
    res.setHeader("X-Page-Cache-Token", token);
    res
      .type("html")
      .send(`<a href="/go?id=${token}">result</a><p>render ${renders}</p><i>${token}</i>`);
  });
  app.get("/not-opted-in", (_req, res) => {
    renders += 1;
    res.type("html").send(`<p>render ${renders}</p>`);
  });
  app.get("/sets-cookie", (_req, res) => {
    renders += 1;
    res.setHeader("X-Page-Cache", "10");
    res.setHeader("Set-Cookie", "a=b");
    res.type("html").send(`<p>render ${renders}</p>`);
  });
  app.get("/missing", (_req, res) => {
    renders += 1;
    res.setHeader("X-Page-Cache", "10");
    res.status(404).type("html").send(`<p>render ${renders}</p>`);
  });
  return new Promise<{
    server: Server;
    origin: string;
    cache: typeof cache;
    advance: (ms: number) => void;
    renders: () => number;
    replayed: string[];
  }>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        origin: `http://127.0.0.1:${port}`,
        cache,
        advance: (ms) => {
          clock += ms;
        },
        renders: () => renders,
        replayed,
      });
    });
  });
}

describe("page micro-cache", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => {
    app.server.close();
  });
  beforeEach(() => app.cache.clear());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(app.origin + path, { headers });

  it("serves an opted-in anonymous page from the cache, with this response's own nonce", async () => {
    const first = await get("/cached");
    const firstBody = await first.text();
    const second = await get("/cached");
    const secondBody = await second.text();

    expect(secondBody.match(/render \d+/)?.[0]).toBe(firstBody.match(/render \d+/)?.[0]);
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(first.headers.get("x-page-cache")).toBeNull();
    expect(second.headers.get("x-page-cache")).toBeNull();
    // The nonce in the replayed page is the one its CSP header allows, not the first one.
    const secondNonce = /nonce="([^"]+)"/.exec(secondBody)?.[1];
    const firstNonce = /nonce="([^"]+)"/.exec(firstBody)?.[1];
    expect(secondNonce).toBeDefined();
    expect(secondNonce).not.toBe(firstNonce);
    expect(second.headers.get("content-security-policy")).toContain(`'nonce-${secondNonce}'`);
  });

  it("renders again once the page has expired", async () => {
    await (await get("/cached")).text();
    const before = app.renders();
    app.advance(11_000);
    const response = await get("/cached");
    await response.text();
    expect(app.renders()).toBe(before + 1);
    expect(response.headers.get("x-cache")).toBeNull();
  });

  it("never serves an anonymous page to someone with a session cookie, nor keeps theirs for others", async () => {
    await (await get("/cached")).text();
    const before = app.renders();
    const signedIn = await get("/cached", { Cookie: "theme=dark; practica_session=abc" });
    await signedIn.text();
    expect(signedIn.headers.get("x-cache")).toBeNull();
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(app.renders()).toBe(before + 1);
  });

  it("renders a signed-in person's page for every request, and keeps nothing for them", async () => {
    const ada = { Cookie: "practica_session=ada-session" };
    const sizeBefore = app.cache.size;
    const before = app.renders();
    for (let visit = 1; visit <= 3; visit += 1) {
      const response = await get("/cached", ada);
      expect(await response.text()).toContain(`render ${before + visit}`);
      expect(response.headers.get("x-cache")).toBeNull();
      expect(response.headers.get("x-page-cache")).toBeNull();
    }
    expect(app.cache.size).toBe(sizeBefore);
  });

  it("renders afresh for a hard reload (Cache-Control: no-cache), and keeps that render", async () => {
    const path = "/cached";
    await (await get(path)).text();
    const before = app.renders();
    const reload = await get(path, { "Cache-Control": "no-cache" });
    await reload.text();
    expect(reload.headers.get("x-cache"), path).toBeNull();
    expect(app.renders(), path).toBe(before + 1);
    const next = await get(path);
    expect(await next.text(), path).toContain(`render ${before + 1}`);
    expect(next.headers.get("x-cache"), path).toBe("hit");
  });

  it("leaves alone pages that did not opt in, set a cookie, or were not a 200", async () => {
    for (const path of ["/not-opted-in", "/sets-cookie", "/missing"]) {
      await (await get(path)).text();
      const before = app.renders();
      const again = await get(path);
      await again.text();
      expect(again.headers.get("x-cache"), path).toBeNull();
      expect(app.renders(), path).toBe(before + 1);
    }
    expect(app.cache.size).toBe(0);
  });

  it("records every visit of a page that asks for it, each with a fresh token in place of the rendered one", async () => {
    const first = await get("/records-visits");
    const firstBody = await first.text();
    expect(firstBody).toContain("token-render-");
    for (const name of ["x-page-cache", "x-page-cache-replay", "x-page-cache-token"])
      expect(first.headers.get(name), name).toBeNull();
    const rendersBefore = app.renders();
    const replayedBefore = app.replayed.length;

    const second = await get("/records-visits");
    const secondBody = await second.text();
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(app.renders()).toBe(rendersBefore);
    expect(app.replayed.slice(replayedBefore)).toEqual([`payload-${rendersBefore}`]);
    // Both places the token was rendered carry the new one; the rest of the page is unchanged.
    const fresh = /token-\d{4}-fresh/.exec(secondBody)?.[0];
    expect(fresh).toBeDefined();
    expect(secondBody).toBe(firstBody.replaceAll(`token-render-${rendersBefore}`, fresh ?? ""));
    expect(Number(second.headers.get("content-length"))).toBe(Buffer.byteLength(secondBody));

    const third = await (await get("/records-visits")).text();
    expect(/token-\d{4}-fresh/.exec(third)?.[0]).not.toBe(fresh);
  });

  it("records no visit for a HEAD request served from the cache", async () => {
    await (await get("/records-visits")).text();
    const replayedBefore = app.replayed.length;
    const head = await fetch(`${app.origin}/records-visits`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-cache")).toBe("hit");
    expect(app.replayed.length).toBe(replayedBefore);
    // A page that records nothing still says how long it is.
    await (await get("/cached")).text();
    const plainHead = await fetch(`${app.origin}/cached`, { method: "HEAD" });
    expect(plainHead.headers.get("x-cache")).toBe("hit");
    expect(Number(plainHead.headers.get("content-length"))).toBeGreaterThan(0);
  });

  it("does not keep a page that records visits when nothing could replay them", async () => {
    await (await get("/records-visits?kind=unknown")).text();
    const before = app.renders();
    const again = await get("/records-visits?kind=unknown");
    await again.text();
    expect(again.headers.get("x-cache")).toBeNull();
    expect(app.renders()).toBe(before + 1);
  });

  it("replays a compressed page correctly for a client that did not ask for compression", async () => {
    const gzipped = await get("/cached", { "Accept-Encoding": "gzip" });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    const body = await gzipped.text();
    const plain = await fetch(app.origin + "/cached", {
      headers: { "Accept-Encoding": "identity" },
    });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toContain(body.match(/render \d+/)?.[0]);
  });
});
