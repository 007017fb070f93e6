import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectNoSeriousA11yViolations } from "./utils";
import { killServerProcess, startServerProcess, type ServerProcess } from "./server-process";

/*
 * The embedded default, SEED_DEMO unset, as someone trying Practica runs it: the demo accounts
 * exist and sign in on this machine, but the published password opens nothing for a visitor
 * from elsewhere (here, one arriving through a proxy). The main web server runs with
 * SEED_DEMO=1, so this needs a server of its own.
 */

const port = Number(process.env.E2E_PORT ?? 3210) + 5;
let dataDir: string;
let server: ServerProcess | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "practica-e2e-demo-"));
  server = await startServerProcess({ port, dataDir, env: { SEED_DEMO: "", LOG_LEVEL: "warn" } });
});

test.afterAll(async () => {
  await killServerProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Posts the sign-in form with node:http, which (unlike fetch) sends the Host header it is given. */
function signIn(headers: Record<string, string> = {}): Promise<{ status: number; setCookie: string[]; body: string }> {
  const body = new URLSearchParams({ email: DEMO.admin, password: DEMO_PASSWORD }).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/sign-in",
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, setCookie: response.headers["set-cookie"] ?? [], body: text }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

test("the start log and the sign-in page say that demo accounts exist and sign in on this machine only", async ({ page }) => {
  expect(server?.output()).toContain("they sign in only from this machine");
  await page.goto(`${server?.origin}/sign-in`);
  await expect(page.locator("#demo-accounts-notice")).toContainText("They sign in only on the computer that runs it");
  await expectNoSeriousA11yViolations(page, "sign-in with the demo notice");
});

test("the published password signs in from this machine", async () => {
  const response = await signIn();
  expect(response.status).toBe(302);
});

test("the published password is refused to a visitor from elsewhere, with a reason", async () => {
  const fromElsewhere: Array<Record<string, string>> = [
    { "X-Forwarded-For": "203.0.113.50" },
    { Host: "learn.example.org" },
  ];
  for (const headers of fromElsewhere) {
    const response = await signIn(headers);
    expect(response.status, JSON.stringify(headers)).toBe(403);
    expect(response.setCookie).toEqual([]);
    expect(response.body).toContain("Demo accounts sign in only on the computer that runs this Practica");
  }
});
