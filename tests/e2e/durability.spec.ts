import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { inArray } from "drizzle-orm";
import { createDatabase } from "../../db/client";
import { lessonCompletions, users } from "../../db/schema";
import { GOOD_PASSWORD } from "./utils";
import { killServerProcess, startServerProcess, type ServerProcess } from "./server-process";

/*
 * The embedded database under a process manager: a server killed with SIGKILL while people
 * sign up and complete lessons must, once restarted on the same data folder, hold every write
 * whose response reached its user; SIGTERM must let a request in flight finish, then close the
 * database and exit before a process manager's own SIGKILL (10 s).
 */

const port = Number(process.env.E2E_PORT ?? 3210) + 4;
const COURSE = "foundations-of-data-sharing";
const WORKERS = 6;

let dataDir: string;
let server: ServerProcess | undefined;
const acknowledged = { signUps: [] as string[], completions: [] as string[] };
let lessonPath = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "practica-e2e-durability-"));
});

test.afterAll(async () => {
  await killServerProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A visitor without a browser: form posts, one cookie jar, redirects not followed. */
class Visitor {
  private cookie = "";
  constructor(private readonly origin: string) {}

  async send(pathname: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.origin}${pathname}`, {
      method: form ? "POST" : "GET",
      body: form ? new URLSearchParams(form) : undefined,
      headers: this.cookie ? { cookie: this.cookie } : {},
      redirect: "manual",
    });
    const setCookie = response.headers.getSetCookie().map((line) => line.split(";")[0]);
    if (setCookie.length) this.cookie = setCookie.join("; ");
    return response;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens the data folder itself (the server must be stopped) and reads what was kept. */
async function readKeptWrites(emails: string[]) {
  const handle = createDatabase({ dataDir });
  try {
    const accounts = await handle.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, emails));
    const completions = await handle.db
      .select({ userId: lessonCompletions.userId })
      .from(lessonCompletions)
      .where(
        inArray(
          lessonCompletions.userId,
          accounts.map((account) => account.id),
        ),
      );
    const completedIds = new Set(completions.map((row) => row.userId));
    return {
      emails: new Set(accounts.map((account) => account.email)),
      completedEmails: new Set(accounts.filter((account) => completedIds.has(account.id)).map((a) => a.email)),
    };
  } finally {
    await handle.close();
  }
}

test("a kill -9 during sign-ups and lesson completions loses no write a user saw succeed", async () => {
  test.setTimeout(120_000);
  server = await startServerProcess({ port, dataDir, env: { RATE_LIMIT_FACTOR: "1000", LOG_LEVEL: "warn" } });
  const origin = server.origin;

  const course = await (await fetch(`${origin}/courses/${COURSE}`)).text();
  lessonPath = /href="(\/courses\/[a-z0-9-]+\/[a-z0-9-]+)"/.exec(
    /<ol class="lesson-list">([\s\S]*?)<\/ol>/.exec(course)?.[1] ?? "",
  )?.[1] ?? "";
  expect(lessonPath, "the course lists its lessons").not.toBe("");
  const lesson = await (await fetch(`${origin}${lessonPath}`)).text();
  const checkIds = [...lesson.matchAll(/name="checkId" value="([a-z0-9-]+)"/g)].map((match) => match[1] ?? "");

  let killed = false;
  const run = Date.now().toString(36);
  const worker = async (workerNumber: number) => {
    for (let round = 0; !killed; round++) {
      const visitor = new Visitor(origin);
      const email = `durable-${run}-${workerNumber}-${round}@example.org`;
      try {
        const signUp = await visitor.send("/sign-up", { displayName: `Durable ${workerNumber}`, email, password: GOOD_PASSWORD });
        expect(signUp.status, `sign-up of ${email}`).toBe(302);
        acknowledged.signUps.push(email);
        for (const checkId of checkIds) {
          const answer = await visitor.send(lessonPath, { intent: "answer-check", checkId, option: "0" });
          expect(answer.status).toBe(200);
        }
        const complete = await visitor.send(lessonPath, { intent: "complete-lesson" });
        expect(complete.status, `completion by ${email}`).toBe(302);
        acknowledged.completions.push(email);
      } catch (error) {
        // Requests cut off by the kill; anything else before it is a failure of its own.
        if (!killed) throw error;
        return;
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, index) => worker(index));

  // Killed while every worker has a write in flight, once a few were answered.
  await waitFor(() => acknowledged.completions.length >= WORKERS, 60_000, "the first completions");
  server.child.kill("SIGKILL");
  killed = true;
  await server.exited;
  await Promise.all(workers);
  expect(existsSync(path.join(dataDir, "pglite.lock")), "kill -9 leaves its lock behind").toBe(true);

  // The restart takes over the dead process's lock and recovers the database.
  server = await startServerProcess({ port, dataDir, env: { RATE_LIMIT_FACTOR: "1000", LOG_LEVEL: "warn" } });
  const visitor = new Visitor(server.origin);
  const [someone] = acknowledged.completions;
  const signIn = await visitor.send("/sign-in", { email: someone ?? "", password: GOOD_PASSWORD });
  expect(signIn.status, "an account acknowledged before the kill signs in").toBe(302);
});

test("SIGTERM finishes a request in flight, then closes the database and exits within 8 s", async () => {
  test.setTimeout(60_000);
  const running = server;
  if (!running) throw new Error("no server from the previous test");

  const email = `durable-in-flight-${Date.now().toString(36)}@example.org`;
  const body = new URLSearchParams({ displayName: "In flight", email, password: GOOD_PASSWORD }).toString();
  const post = (length: number) =>
    `POST /sign-up HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;

  // One request whose body arrives after the signal, one whose body never finishes.
  const inFlight = net.connect(port, "127.0.0.1");
  let inFlightResponse = "";
  inFlight.on("data", (chunk: Buffer) => (inFlightResponse += chunk.toString()));
  const inFlightClosed = new Promise((resolve) => inFlight.once("close", resolve));
  inFlight.write(post(body.length) + body.slice(0, 10));
  const stuck = net.connect(port, "127.0.0.1");
  stuck.on("error", () => {});
  stuck.write(`${post(1000)}displayName=x`);
  await new Promise((resolve) => setTimeout(resolve, 500));

  const signalledAt = Date.now();
  running.child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  await expect(fetch(`${running.origin}/healthz`), "no new connection is accepted").rejects.toThrow();
  inFlight.write(body.slice(10));
  await inFlightClosed;
  expect(inFlightResponse).toMatch(/^HTTP\/1\.1 302 /);

  const code = await running.exited;
  const shutdownMs = Date.now() - signalledAt;
  expect(code, running.output()).toBe(0);
  expect(shutdownMs, "gone before a process manager's SIGKILL").toBeLessThan(8_500);
  expect(existsSync(path.join(dataDir, "pglite.lock")), "the database was closed and its lock released").toBe(false);
  stuck.destroy();

  const kept = await readKeptWrites([...acknowledged.signUps, email]);
  const lostSignUps = acknowledged.signUps.filter((address) => !kept.emails.has(address));
  const lostCompletions = acknowledged.completions.filter((address) => !kept.completedEmails.has(address));
  expect(lostSignUps, "acknowledged sign-ups lost").toEqual([]);
  expect(lostCompletions, "acknowledged lesson completions lost").toEqual([]);
  expect(kept.emails.has(email), "the sign-up in flight at SIGTERM was kept").toBe(true);
});
