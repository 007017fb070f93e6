import { expect, test } from "@playwright/test";
import { COURSE_PATH, LESSON_PATH, TOOLKIT_ENTRY_PATH } from "../route-access";
import {
  DEMO,
  currentUserId,
  expectNoSeriousA11yViolations,
  signInWithRequest,
  visit,
} from "./utils";

/*
 * axe (WCAG 2.0, 2.1 and 2.2, A and AA) on every page, in light and dark colour schemes.
 * Flows in the other specs check the pages they pass through as well, in the states they
 * reach (forms with errors, status messages).
 */

const PUBLIC_PAGES = [
  "/",
  "/courses",
  COURSE_PATH,
  LESSON_PATH,
  "/glossary",
  "/toolkit",
  TOOLKIT_ENTRY_PATH,
  "/cohorts",
  "/discussions",
  "/support",
  "/sign-in",
  "/sign-up",
  "/forgot-password",
  "/reset-password/not-a-real-token",
  "/verify-email/not-a-real-token",
  "/no-such-page",
];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    for (const path of PUBLIC_PAGES) {
      test(`public page ${path}`, async ({ page }) => {
        await visit(page, path);
        const isDark = await page.evaluate(
          () => window.matchMedia("(prefers-color-scheme: dark)").matches,
        );
        expect(isDark, `${path} rendered in the ${colorScheme} scheme`).toBe(
          colorScheme === "dark",
        );
      });
    }

    test("sign-up and sign-in forms showing errors", async ({ page }) => {
      await page.goto("/sign-up");
      await page.getByRole("button", { name: "Create account", exact: true }).click();
      await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
      await expectNoSeriousA11yViolations(page, "sign-up with errors");

      await page.goto("/sign-in");
      await page.getByLabel("Email address").fill("nobody-at-all@example.org");
      await page.getByLabel("Password", { exact: true }).fill("wrong password here");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("alert")).toContainText(
        "The email address or password is not right.",
      );
      await expectNoSeriousA11yViolations(page, "sign-in with an error");
    });

    test("member pages", async ({ page }) => {
      test.slow();
      await signInWithRequest(page.request, DEMO.learner);
      const learnerId = await currentUserId(page.request);
      for (const path of [
        "/",
        "/account",
        "/account/profile",
        "/people",
        `/people/${learnerId}`,
        "/my-learning",
        "/notebook",
        LESSON_PATH,
        "/no-such-page",
      ]) {
        await visit(page, path);
      }
      // The account menu, open.
      await page.goto("/");
      await page.locator("details.account-menu > summary").click();
      await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "home with the account menu open");
      // A page a learner may not see.
      const forbidden = await page.goto("/admin/people");
      expect(forbidden?.status()).toBe(403);
      await expectNoSeriousA11yViolations(page, "403 page");
    });

    test("admin pages", async ({ page }) => {
      test.slow();
      await signInWithRequest(page.request, DEMO.admin);
      const adminId = await currentUserId(page.request);
      await visit(page, "/admin/people");
      const learnerLink = page.getByRole("link", { name: "Manage Joseph Mwangi" });
      const learnerPath = await learnerLink.getAttribute("href");
      expect(learnerPath).toMatch(/^\/admin\/people\/[0-9a-f-]{36}$/);
      for (const path of [
        "/admin/people?q=practica.test",
        "/admin/people?q=nobody-matches-this",
        learnerPath ?? "",
        `/admin/people/${adminId}`,
        "/admin/audit",
        "/admin/outbox",
        "/admin/courses",
      ]) {
        await visit(page, path);
      }
    });
  });
}

test("keyboard: the first Tab focuses the skip link, which moves focus to the main content", async ({
  page,
}) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to main content" });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press("Tab");
  const focusedInMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
  expect(focusedInMain).toBe(true);
});

test.describe("keyboard without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the skip link works without JavaScript too", async ({ page }) => {
    await page.goto("/sign-up");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });
});
