import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/*
 * End-to-end tests run against the production build, started exactly as `npm start` starts it
 * (build when stale, migrate, seed the demo accounts, listen), on a data folder no earlier run
 * has touched.
 *
 * Playwright evaluates this file in the runner and again in every worker. The data folder is
 * chosen once, in the runner, and handed to the workers through the environment they inherit.
 */

const isCI = Boolean(process.env.CI);
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

const DATA_ROOT = path.join(os.tmpdir(), "practica-e2e");
const STALE_AFTER_MS = 60 * 60 * 1000;

function freshDataDir(): string {
  mkdirSync(DATA_ROOT, { recursive: true });
  // Folders of earlier runs. One younger than an hour may belong to a run still going, so it stays.
  for (const entry of readdirSync(DATA_ROOT)) {
    const folder = path.join(DATA_ROOT, entry);
    try {
      if (Date.now() - statSync(folder).mtimeMs > STALE_AFTER_MS)
        rmSync(folder, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
  const folder = path.join(
    DATA_ROOT,
    `run-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
  );
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

// Set here, in the runner; only someone pinning a folder on purpose sets it by hand.
process.env.E2E_DATA_DIR ??= freshDataDir();
const dataDir = process.env.E2E_DATA_DIR;

/** CHROMIUM_PATH, else Debian's chromium, else the browser Playwright downloads itself. */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

export default defineConfig({
  testDir: "./tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  // Two cores: the server and two browsers already share them.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "npm start",
    url: `${baseURL}/healthz`,
    // The first start builds the app (10 to 20 seconds), then migrates and seeds.
    timeout: 180_000,
    // A server already on the port would not have a fresh data folder; reuse it only when asked.
    reuseExistingServer: !isCI && process.env.E2E_REUSE_SERVER === "1",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      // Empty means unset: the embedded database with its demo accounts, mail kept in the outbox.
      DATABASE_URL: "",
      SEED_DEMO: "1",
      SMTP_URL: "",
      PUBLIC_URL: "",
      MEILI_HOST: "",
      MEILI_API_KEY: "",
      RATE_LIMIT_FACTOR: "1",
      TRUST_PROXY: "0",
      LOG_LEVEL: "warn",
    },
  },
});
