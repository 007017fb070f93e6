/**
 * Several server processes on one PostgreSQL (`WEB_CONCURRENCY`, or several hosts): what one
 * changes, the others see at their next request. Each server here is the compiled server
 * started as `npm start` starts it, on the test file's own database.
 *
 * PostgreSQL only: the embedded database (PGlite) lives inside one process, so there is
 * nothing to share. Run with TEST_DATABASE_URL=postgres://… to include it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { approveSuggestion, createSuggestion } from "~/modules/toolkit/suggestions.server";
import { createTestUser } from "../db-utils";
import { freePort, httpRequest, signUp } from "../bench/lib/http";
import { killServerProcess, startServerProcess, type ServerProcess } from "../e2e/server-process";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const START_TIMEOUT_MS = 240_000;

if (!onPostgres) {
  console.info(
    "tests/db/scale-out.test.ts: the two-process tests need PostgreSQL (TEST_DATABASE_URL); skipped on PGlite, which is one process",
  );
}

const dataDirs: string[] = [];
const servers: ServerProcess[] = [];

async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "practica-scale-out-"));
  dataDirs.push(dataDir);
  const server = await startServerProcess({
    port: await freePort(),
    dataDir,
    timeoutMs: START_TIMEOUT_MS,
    env: {
      DATABASE_URL: onPostgres ? (process.env.DATABASE_URL ?? "") : "",
      RATE_LIMIT_FACTOR: "1000",
      LOG_LEVEL: "info",
      // Inherited from this test run, it would silence the server's log (logger.server.ts).
      VITEST: "",
      ...env,
    },
  });
  servers.push(server);
  return server;
}

/** SIGTERM, as a process manager stops it; the exit code it ends with. */
async function stopServer(server: ServerProcess): Promise<number | null> {
  server.child.kill("SIGTERM");
  return server.exited;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => killServerProcess(server)));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Asks `url` (rendered afresh, not from the anonymous page cache) until `accept` holds. */
async function pollUntil(url: string, accept: (body: string) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let body = "";
  while (Date.now() < deadline) {
    body = (await httpRequest(url, { headers: { "Cache-Control": "no-cache" } })).body;
    if (accept(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return body;
}

describe.skipIf(!onPostgres)("two server processes on one PostgreSQL (PostgreSQL only)", () => {
  it(
    "a session started, a sign-out, and a search document published through one are seen through the other",
    async () => {
      // One after the other: the first builds, when the build is stale, for both.
      const first = await startServer();
      const second = await startServer();
      const member = {
        displayName: "Scale-out member",
        email: `scale-out-${Date.now()}@practica.test`,
        password: "two processes share one database",
      };

      // Signed up (a session made) through the first, recognised by the second.
      const cookie = await signUp(first.origin, member);
      const account = await httpRequest(`${second.origin}/account`, {
        headers: { Cookie: cookie },
      });
      expect(account.status).toBe(200);
      expect(account.body).toContain(member.displayName);

      // Signed out through the first: the second refuses the cookie at its next request.
      const signOut = await httpRequest(`${first.origin}/sign-out`, {
        method: "POST",
        headers: {
          Cookie: cookie,
          Origin: first.origin,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "",
      });
      expect(signOut.status).toBeGreaterThanOrEqual(300);
      expect(signOut.status).toBeLessThan(400);
      const afterSignOut = await httpRequest(`${second.origin}/account`, {
        headers: { Cookie: cookie },
      });
      expect(afterSignOut.status).toBe(302);
      expect(afterSignOut.headers.location).toMatch(/^\/sign-in/);

      // A suggestion approved by a moderator: one process drains the search queue, and each
      // keeps its own embedded index, so both must find it.
      const [moderator, author] = await Promise.all([
        createTestUser({ roles: ["moderator"] }),
        createTestUser(),
      ]);
      const word = `zephyrine${Date.now()}`;
      const created = await createSuggestion(author.id, {
        title: `Data trust charter ${word}`,
        publisher: "OECD",
        year: 2020,
        sourceUrl: `https://example.org/scale-out/${word}`,
        type: "framework",
        topics: ["governance"],
        audiences: ["decision-makers"],
        regions: ["global"],
        languages: ["en"],
        licence: "proprietary",
        summary: "How two organisations agree on sharing data through a trust.",
        howToUse: "Read it before drafting a data sharing agreement between two organisations.",
      });
      if (!created.ok) throw new Error("suggestion refused");
      expect(
        await approveSuggestion({ id: moderator.id, roles: ["moderator"] }, created.id),
      ).toMatchObject({ ok: true });
      for (const server of [first, second]) {
        const results = await pollUntil(`${server.origin}/toolkit?q=${word}`, (body) =>
          body.includes(`Data trust charter ${word}`),
        );
        expect(results, server.origin).toContain(`Data trust charter ${word}`);
      }

      expect(await stopServer(first)).toBe(0);
      expect(await stopServer(second)).toBe(0);
    },
    2 * START_TIMEOUT_MS,
  );

  it(
    "WEB_CONCURRENCY=2 runs two server processes on one port, and stops them both on SIGTERM",
    async () => {
      const cluster = await startServer({ WEB_CONCURRENCY: "2" });
      expect(cluster.output()).toContain("starting 2 server processes");
      const response = await httpRequest(`${cluster.origin}/`);
      expect(response.status).toBe(200);
      // Every process announces itself once it listens.
      await expect
        .poll(() => cluster.output().match(/Practica listening/g)?.length ?? 0, { timeout: 60_000 })
        .toBe(2);
      expect(await stopServer(cluster)).toBe(0);
    },
    START_TIMEOUT_MS,
  );
});

describe.skipIf(onPostgres)("WEB_CONCURRENCY on the embedded database", () => {
  it(
    "serves from one process and says why in the log",
    async () => {
      const server = await startServer({ WEB_CONCURRENCY: "2" });
      expect(server.output()).toContain("WEB_CONCURRENCY ignored");
      expect(server.output()).not.toContain("starting 2 server processes");
      expect(await stopServer(server)).toBe(0);
    },
    START_TIMEOUT_MS,
  );
});
