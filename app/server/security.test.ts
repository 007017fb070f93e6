import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assignCspNonce,
  clientAddressOf,
  limitBodySize,
  refuseCrossOriginWrites,
  securityHeaders,
  trustProxies,
} from "./security";

function startApp(options: { trustProxy: boolean }) {
  const app = express();
  if (options.trustProxy) app.set("trust proxy", true);
  app.use(refuseCrossOriginWrites);
  app.use(limitBodySize(1024));
  app.all("*", (_req, res) => {
    res.status(200).send("ok");
  });
  return new Promise<{ server: Server; origin: string }>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

describe("request guards", () => {
  let direct: { server: Server; origin: string };
  let proxied: { server: Server; origin: string };
  beforeAll(async () => {
    direct = await startApp({ trustProxy: false });
    proxied = await startApp({ trustProxy: true });
  });
  afterAll(() => {
    direct.server.close();
    proxied.server.close();
  });

  it("refuses a POST whose Origin is another site, and allows same-origin and origin-less ones", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(direct.origin, { method: "POST", headers, body: "a=1" }).then((response) => response.status);
    expect(await post({ Origin: "http://evil.example" })).toBe(403);
    expect(await post({ Origin: direct.origin })).toBe(200);
    expect(await post({})).toBe(200);
    expect(await fetch(direct.origin, { headers: { Origin: "http://evil.example" } }).then((r) => r.status)).toBe(200);
  });

  it("believes X-Forwarded-Host only behind a trusted proxy", async () => {
    const headers = { Origin: "https://practica.example", "X-Forwarded-Host": "practica.example" };
    expect((await fetch(direct.origin, { method: "POST", headers, body: "a=1" })).status).toBe(403);
    expect((await fetch(proxied.origin, { method: "POST", headers, body: "a=1" })).status).toBe(200);
  });

  it("refuses bodies over the limit before reading them", async () => {
    const response = await fetch(direct.origin, { method: "POST", body: "x".repeat(2048) });
    expect(response.status).toBe(413);
    expect((await fetch(direct.origin, { method: "POST", body: "x".repeat(512) })).status).toBe(200);
  });
});

describe("client address behind proxies", () => {
  function startAddressEcho(hops: number) {
    const app = express();
    trustProxies(app, hops);
    app.get("*", (req, res) => {
      res.type("text/plain").send(clientAddressOf(req));
    });
    return new Promise<{ server: Server; origin: string }>((resolve) => {
      const server = app.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        resolve({ server, origin: `http://127.0.0.1:${port}` });
      });
    });
  }
  const addressSeen = (origin: string, forwardedFor?: string) =>
    fetch(origin, { headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {} }).then((r) => r.text());

  it("behind one proxy, is the address that proxy appended, whatever the client wrote before it", async () => {
    const { server, origin } = await startAddressEcho(1);
    try {
      // The proxy appends the address it saw (198.51.100.7) to what the client sent.
      expect(await addressSeen(origin, "198.51.100.7")).toBe("198.51.100.7");
      expect(await addressSeen(origin, "203.0.113.66, 198.51.100.7")).toBe("198.51.100.7");
      expect(await addressSeen(origin, "10.0.0.1, 203.0.113.66, 198.51.100.7")).toBe("198.51.100.7");
    } finally {
      server.close();
    }
  });

  it("behind two proxies, skips exactly two hops", async () => {
    const { server, origin } = await startAddressEcho(2);
    try {
      expect(await addressSeen(origin, "203.0.113.66, 198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
    } finally {
      server.close();
    }
  });

  it("without a proxy, ignores X-Forwarded-For", async () => {
    const { server, origin } = await startAddressEcho(0);
    try {
      expect(await addressSeen(origin, "203.0.113.66")).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});

describe("Strict-Transport-Security", () => {
  async function hstsOf(hops: number, headers: Record<string, string>) {
    const app = express();
    trustProxies(app, hops);
    app.use(assignCspNonce);
    app.use(securityHeaders({ isDevelopment: false }));
    app.get("*", (_req, res) => {
      res.send("ok");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
      return response.headers.get("strict-transport-security");
    } finally {
      server.close();
    }
  }

  it("is sent when the site is served over HTTPS (behind a trusted proxy)", async () => {
    expect(await hstsOf(1, { "X-Forwarded-Proto": "https" })).toBe("max-age=31536000");
  });

  it("is not sent over plain HTTP, nor when an untrusted client claims HTTPS", async () => {
    expect(await hstsOf(1, { "X-Forwarded-Proto": "http" })).toBeNull();
    expect(await hstsOf(0, {})).toBeNull();
    expect(await hstsOf(0, { "X-Forwarded-Proto": "https" })).toBeNull();
  });
});

describe("CSP nonces", () => {
  it("are 16 random bytes, never repeated, also across refills of the random pool", () => {
    const nonces = new Set<string>();
    for (let response = 0; response < 1_000; response++) {
      const res = { locals: {} as Record<string, unknown> };
      assignCspNonce({} as never, res as never, () => undefined);
      const nonce = String(res.locals.cspNonce);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(1_000);
  });
});
