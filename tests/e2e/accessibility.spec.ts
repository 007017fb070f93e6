import { expect, test, type APIRequestContext } from "@playwright/test";
import { COURSE_PATH, LESSON_PATH, TOOLKIT_ENTRY_PATH } from "../route-access";
import {
  DEMO,
  currentUserId,
  expectNoSeriousA11yViolations,
  signInWithRequest,
  signUpWithRequest,
  visit,
  waitForHydration,
} from "./utils";

/*
 * axe (WCAG 2.0, 2.1 and 2.2, A and AA) on every page, in light and dark colour schemes.
 * Flows in the other specs check the pages they pass through as well, in the states they
 * reach (forms with errors, status messages).
 */

/**
 * Enrols the request's account and completes the course by posting the lesson forms (every
 * check answered with its first option); returns the certificate's path.
 */
async function completeCourse(request: APIRequestContext, coursePath: string): Promise<string> {
  await request.post(coursePath, { form: { intent: "enrol" }, maxRedirects: 0 });
  const coursePage = await (await request.get(coursePath)).text();
  const list = /<ol class="lesson-list">([\s\S]*?)<\/ol>/.exec(coursePage)?.[1] ?? "";
  let location = "";
  for (const [, lessonPath = ""] of list.matchAll(/href="(\/courses\/[a-z0-9-]+\/[a-z0-9-]+)"/g)) {
    const lessonPage = await (await request.get(lessonPath)).text();
    for (const [, checkId = ""] of lessonPage.matchAll(/name="checkId" value="([a-z0-9-]+)"/g)) {
      await request.post(lessonPath, { form: { intent: "answer-check", checkId, option: "0" } });
    }
    const completed = await request.post(lessonPath, {
      form: { intent: "complete-lesson" },
      maxRedirects: 0,
    });
    location = completed.headers().location ?? "";
  }
  expect(location).toMatch(/^\/certificates\/[0-9a-f-]{36}\?new=1$/);
  return location.replace(/\?new=1$/, "");
}

const PUBLIC_PAGES = [
  "/",
  "/courses",
  // The catalogue filtered, with results and with none.
  "/courses?audience=data-holders&level=&topic=",
  "/courses?audience=facilitators&level=advanced&topic=",
  COURSE_PATH,
  LESSON_PATH,
  "/glossary",
  "/toolkit",
  TOOLKIT_ENTRY_PATH,
  // An entry that lessons link to, so it lists them.
  "/toolkit/govlab-data-collaboratives",
  // An entry with a shorter display title and its published title under the heading.
  "/toolkit/flowminder-haiti-earthquake-mobile-phone-study",
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

    test("lesson page with a check answered, anonymous", async ({ page }) => {
      await page.goto(LESSON_PATH);
      await waitForHydration(page);
      const check = page.locator("section.knowledge-check").first();
      await check.getByRole("radio").first().check();
      await check.getByRole("button", { name: "Check my answer", exact: true }).click();
      await expect(check.getByRole("status")).not.toHaveText("");
      await expectNoSeriousA11yViolations(page, "anonymous lesson with a check answered");
    });

    test("course pages as a learner goes through a course", async ({ page, browser }) => {
      test.slow();
      await signUpWithRequest(page.request, { label: `a11y-${colorScheme}` });
      await visit(page, "/my-learning");
      await visit(page, "/notebook");

      // Enrolled: the course page with its progress, then a lesson with a check answered
      // and a reflection saved.
      await page.goto(COURSE_PATH);
      await page.getByRole("button", { name: "Enrol in this course", exact: true }).click();
      await expect(page).toHaveURL(LESSON_PATH);
      await waitForHydration(page);
      const check = page.locator("section.knowledge-check").first();
      await check.getByRole("radio").nth(1).check();
      await check.getByRole("button", { name: "Check my answer", exact: true }).click();
      await expect(check.getByRole("status")).not.toHaveText("");
      const reflection = page.locator("section.reflection").first();
      await reflection.getByRole("textbox").fill("A reflection to check the notebook page with.");
      await reflection.getByRole("button", { name: "Save to my notebook", exact: true }).click();
      await expect(reflection.getByRole("status")).toHaveText("Saved to your notebook.");
      await expectNoSeriousA11yViolations(page, "lesson with a check answered and a reflection");
      // Marking complete too early shows an error.
      await page.getByRole("button", { name: "Mark this lesson as completed" }).click();
      await expect(page.locator("#complete-error")).not.toHaveText("");
      await expectNoSeriousA11yViolations(page, "lesson refusing completion");
      await visit(page, COURSE_PATH);
      await visit(page, "/notebook");

      // Completed: the certificate, its holder's view shown and hidden, and anyone's view.
      const certificatePath = await completeCourse(page.request, COURSE_PATH);
      await visit(page, `${certificatePath}?new=1`);
      await visit(page, COURSE_PATH);
      await visit(page, "/my-learning");
      const anonymousContext = await browser.newContext({ colorScheme });
      try {
        const anonymous = await anonymousContext.newPage();
        await visit(anonymous, certificatePath);
        await page.goto(certificatePath);
        await page.getByRole("button", { name: "Hide my certificate", exact: true }).click();
        await expect(page.getByText(/^It is hidden:/)).toBeVisible();
        await expectNoSeriousA11yViolations(page, "hidden certificate, its holder");
        await visit(anonymous, certificatePath);
        await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(
          "Certificate not available",
        );
      } finally {
        await anonymousContext.close();
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
