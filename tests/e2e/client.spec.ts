import { expect, test } from "@playwright/test";
import {
  cspViolations,
  DEMO,
  expectNoSeriousA11yViolations,
  recordCspViolations,
  signInWithRequest,
  waitForHydration,
  watchForProblems,
} from "./utils";



test.describe("Content Security Policy and hydration", () => {
  test.beforeEach(async ({ page }) => {
    await recordCspViolations(page);
  });

  test("home page: no CSP violations or console errors, and client navigation works", async ({
    page,
  }) => {
    const problems = watchForProblems(page);
    const response = await page.goto("/");
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
    await waitForHydration(page);
    await page.waitForLoadState("networkidle");

    // A client-side navigation fetches data and route modules: allowed by connect-src and script-src.
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Toolkit" })
      .click();
    await expect(page).toHaveURL(/\/toolkit$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(
      requests.some((url) => url.includes("_data=")),
      "navigated without a full page load",
    ).toBe(true);

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("sign-up page: no CSP violations, and client-side validation runs on blur", async ({
    page,
  }) => {
    const problems = watchForProblems(page);
    await page.goto("/sign-up");
    await waitForHydration(page);

    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    const email = page.getByLabel("Email address");
    await email.fill("not-an-email");
    await email.blur();
    await expect(page.getByText("Enter an email address like name@example.org")).toBeVisible();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    // Correcting it clears the message as the person types.
    await email.fill("someone@example.org");
    await expect(page.getByText("Enter an email address like name@example.org")).toHaveCount(0);
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    expect(posts, "validation happened in the browser").toEqual([]);

    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  test("signed-in pages: no CSP violations or console errors", async ({ page }) => {
    await signInWithRequest(page.request, DEMO.learner);
    const problems = watchForProblems(page);
    for (const path of ["/account", "/account/profile", "/people"]) {
      await page.goto(path);
      await waitForHydration(page);
    }
    await page.waitForLoadState("networkidle");
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

test.describe("narrow screens", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const path of ["/", "/sign-up", "/sign-in", "/courses"]) {
    test(`${path} has no horizontal scroll at 320 px`, async ({ page }) => {
      await page.goto(path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(320);
      await expectNoSeriousA11yViolations(page, `${path} at 320 px`);
    });
  }

  test("signed-in pages have no horizontal scroll at 320 px", async ({ page }) => {
    await signInWithRequest(page.request, DEMO.admin);
    // Some mail in the outbox, with its long links.
    await page.request.post("/forgot-password", { form: { email: DEMO.learner } });
    for (const path of [
      "/",
      "/account",
      "/account/profile",
      "/people",
      "/my-learning",
      "/admin/people",
      "/admin/audit",
      "/admin/outbox",
      "/admin/courses",
    ]) {
      await page.goto(path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, path).toBeLessThanOrEqual(320);
    }
  });
});
