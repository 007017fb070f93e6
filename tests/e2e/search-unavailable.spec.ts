import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { npmStartNodeArguments } from "../npm-start";
import { DEMO, expectNoSeriousA11yViolations, signInWithRequest } from "./utils";

/*
 * A second server, configured for a Meilisearch that is not there (nothing listens on port 9):
 * the site must start, pages must say search is unavailable instead of failing, and writes
 * that change the index must still succeed, waiting in the queue. The build is the one the
 * main web server (playwright.config.ts) made before any test ran.
 */

const port = Number(process.env.E2E_PORT ?? 3210) + 1;
const origin = `http://127.0.0.1:${port}`;
const ENTRY_PATH = "/toolkit/govlab-data-collaboratives";

let server: ChildProcess | undefined;
let dataDir: string;
let serverOutput = "";

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) {
      throw new Error(`the server exited with ${server.exitCode}:\n${serverOutput}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${serverOutput}`);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "practica-e2e-search-down-"));
  // As `npm start` runs it: the compiled server (the build is fresh by now).
  server = spawn(process.execPath, npmStartNodeArguments(), {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      SEED_DEMO: "1",
      SMTP_URL: "",
      MEILI_HOST: "http://127.0.0.1:9",
      MEILI_API_KEY: "",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  await waitForHealth(100_000);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function newRequest(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: origin });
}

test("the site starts and /healthz reports the engine unreachable with its backlog", async () => {
  const api = await newRequest();
  const response = await api.get("/healthz");
  expect(response.status()).toBe(200);
  const health = (await response.json()) as {
    status: string;
    search: { engine: string; reachable: boolean; backlog: { pending: number } | null };
  };
  expect(health.status).toBe("ok");
  expect(health.search.engine).toBe("meilisearch");
  expect(health.search.reachable).toBe(false);
  // Everything was queued at start, for the worker to apply once the engine is back.
  expect(health.search.backlog?.pending).toBeGreaterThan(60);
  await api.dispose();
});

test("the toolkit says search is unavailable and still lists every entry", async ({ page }) => {
  const response = await page.goto(`${origin}/toolkit?q=dpia`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Search is not available at the moment", { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Data Collaboratives (datacollaboratives.org)" }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "toolkit with search unavailable");

  const site = await page.goto(`${origin}/search?q=dpia`);
  expect(site?.status()).toBe(200);
  await expect(page.getByText("Search is not available at the moment", { exact: false }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "site search with search unavailable");
});

test("a vote still succeeds while the engine is down: the change waits in the queue", async () => {
  const api = await newRequest();
  await signInWithRequest(api, DEMO.learner);
  const vote = await api.post(ENTRY_PATH, { form: { intent: "vote", useful: "yes" }, maxRedirects: 0 });
  expect([200, 204, 302, 303]).toContain(vote.status());
  const entry = await (await api.get(ENTRY_PATH)).text();
  expect(entry).toContain("1 person found this useful");
  await api.dispose();
});
