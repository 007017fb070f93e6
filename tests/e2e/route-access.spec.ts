import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from "@playwright/test";
import {
  COURSE_PATH,
  ROUTE_ACCESS,
  VISITORS,
  resolvePlaceholders,
  type Placeholders,
  type Visitor,
} from "../route-access";
import { DEMO, currentUserId, signInWithRequest } from "./utils";

const routesFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

/** Route modules as Remix sees them: remix.config.js ignores dotfiles and tests. */
function routeFiles(): string[] {
  return readdirSync(routesFolder).filter(
    (name) =>
      !name.startsWith(".") && !/\.test\.tsx?$/.test(name) && /\.(tsx?|jsx?|mdx?)$/.test(name),
  );
}

test("every route file in app/routes has a row in the authorization table", () => {
  const files = routeFiles();
  const declared = new Set(ROUTE_ACCESS.map((row) => row.file));
  const missing = files.filter((file) => !declared.has(file));
  expect(missing, `add rows to tests/route-access.ts for: ${missing.join(", ")}`).toEqual([]);
  const stale = [...declared].filter((file) => !files.includes(file));
  expect(
    stale,
    `tests/route-access.ts names files that no longer exist: ${stale.join(", ")}`,
  ).toEqual([]);
});

test.describe("authorization table", () => {
  const placeholders: Placeholders = { learnerId: "", codeId: "" };
  const contexts = new Map<Visitor, APIRequestContext>();

  test.beforeAll(async ({ baseURL }) => {
    for (const visitor of VISITORS) {
      const context = await playwrightRequest.newContext({ baseURL });
      if (visitor !== "anonymous") await signInWithRequest(context, DEMO[visitor]);
      contexts.set(visitor, context);
    }
    const learner = contexts.get("learner");
    if (!learner) throw new Error("no learner context");
    placeholders.learnerId = await currentUserId(learner);
    const coursePage = await learner.get(COURSE_PATH);
    const codeId = /\/content-code\/([\w-]+)\.js/.exec(await coursePage.text())?.[1];
    if (!codeId) throw new Error(`${COURSE_PATH} links no /content-code/<id>.js script`);
    placeholders.codeId = codeId;
  });

  test.afterAll(async () => {
    for (const context of contexts.values()) await context.dispose();
  });

  for (const visitor of VISITORS) {
    test(`${visitor}: every path answers as declared`, async () => {
      const context = contexts.get(visitor);
      if (!context) throw new Error(`no context for ${visitor}`);
      const mismatches: string[] = [];
      for (const row of ROUTE_ACCESS) {
        const pathToVisit = resolvePlaceholders(row.path, placeholders);
        const expected = row.expect[visitor];
        const expectedLocation =
          expected.location && resolvePlaceholders(expected.location, placeholders);
        const response = await context.get(pathToVisit, { maxRedirects: 0 });
        const location = response.headers().location;
        const actual = `${response.status()}${location ? ` → ${location}` : ""}`;
        const wanted = `${expected.status}${expectedLocation ? ` → ${expectedLocation}` : ""}`;
        if (actual !== wanted)
          mismatches.push(`${row.path} (${row.file}): expected ${wanted}, got ${actual}`);
      }
      // Every row is checked before failing, so one run lists every difference.
      expect(mismatches, `${visitor}:\n${mismatches.join("\n")}`).toEqual([]);
      if (visitor !== "anonymous") {
        // /sign-out was walked with GET: that must not have ended the session.
        const account = await context.get("/account", { maxRedirects: 0 });
        expect(account.status(), "still signed in after GET /sign-out").toBe(200);
      }
    });
  }
});
