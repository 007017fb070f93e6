import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { COURSE_PATH, LESSON_PATH } from "../route-access";
import {
  cspViolations,
  DEMO,
  expectNoSeriousA11yViolations,
  recordCspViolations,
  signInWithRequest,
  signUpWithRequest,
  waitForHydration,
  watchForProblems,
} from "./utils";

/*
 * Courses end to end: the catalogue, enrolling, knowledge checks, completing lessons, the
 * certificate and who can see it, the private notebook, bad input, and the admin analytics.
 */

const VALUE_COURSE = {
  slug: "value-impact-sustainability",
  title: "Value, impact and sustainability of data partnerships",
  lessonCount: 5,
  checksPerLesson: 2,
};
const FOUNDATIONS_TITLE = "Foundations of responsible public-private data sharing";
const CERTIFICATE_PATH = /^\/certificates\/([0-9a-f-]{36})$/;
const FEEDBACK = /^(Correct\.|Not quite\.)/;

/** The lesson paths of a course, in order, read from the course page's list of lessons. */
async function lessonPaths(request: APIRequestContext, courseSlug: string): Promise<string[]> {
  const response = await request.get(`/courses/${courseSlug}`);
  expect(response.status(), `course page ${courseSlug}`).toBe(200);
  const list = /<ol class="lesson-list">([\s\S]*?)<\/ol>/.exec(await response.text())?.[1] ?? "";
  const paths = [...list.matchAll(/href="(\/courses\/[a-z0-9-]+\/[a-z0-9-]+)"/g)].map(
    (match) => match[1] ?? "",
  );
  expect(paths.length, `lessons listed on /courses/${courseSlug}`).toBeGreaterThan(0);
  return paths;
}

/**
 * Enrols the request's account in a course and completes it the way a form without
 * JavaScript would: answer every check of every lesson (first option), then mark the lesson
 * completed. Returns the certificate's path.
 */
async function completeCourseWithRequests(
  request: APIRequestContext,
  courseSlug: string,
): Promise<string> {
  const enrol = await request.post(`/courses/${courseSlug}`, {
    form: { intent: "enrol" },
    maxRedirects: 0,
  });
  expect(enrol.status(), `enrol in ${courseSlug}`).toBe(302);
  let location = "";
  for (const path of await lessonPaths(request, courseSlug)) {
    const html = await (await request.get(path)).text();
    const checkIds = [...html.matchAll(/name="checkId" value="([a-z0-9-]+)"/g)].map(
      (match) => match[1] ?? "",
    );
    for (const checkId of checkIds) {
      const answer = await request.post(path, {
        form: { intent: "answer-check", checkId, option: "0" },
      });
      expect(answer.status(), `answer ${checkId}`).toBe(200);
    }
    const complete = await request.post(path, {
      form: { intent: "complete-lesson" },
      maxRedirects: 0,
    });
    expect(complete.status(), `complete ${path}`).toBe(302);
    location = complete.headers().location ?? "";
  }
  const match = /^(\/certificates\/[0-9a-f-]{36})\?new=1$/.exec(location);
  expect(match, `the last lesson leads to a certificate, not ${location}`).not.toBeNull();
  return match?.[1] ?? "";
}

/** Today's date in UTC, the way a certificate shows its date of issue. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a new learner filters the catalogue, completes a course and gets a certificate", async ({
    page,
  }) => {
    test.slow();
    const learner = await signUpWithRequest(page.request, { label: "course-nojs" });

    // The catalogue, filtered by audience with the GET form.
    await page.goto("/courses");
    await page.getByLabel("Audience", { exact: true }).selectOption("data-holders");
    await page.getByRole("button", { name: "Show courses", exact: true }).click();
    await expect(page).toHaveURL(/\/courses\?(.*&)?audience=data-holders(&|$)/);
    await expect(page.getByLabel("Audience", { exact: true })).toHaveValue("data-holders");
    const results = page.locator('section[aria-labelledby="results-heading"]');
    await expect(results.getByRole("heading", { level: 2 })).toHaveText("1 of 4 courses matches");
    await expect(results.getByRole("heading", { level: 3 })).toHaveText([VALUE_COURSE.title]);
    await expect(results.getByRole("listitem")).toContainText([
      "For: Decision-makers, Data holders and partners",
    ]);
    await expectNoSeriousA11yViolations(page, "catalogue filtered by audience");

    // The course page, and enrolling.
    await results.getByRole("link", { name: VALUE_COURSE.title }).click();
    await expect(page).toHaveURL(`/courses/${VALUE_COURSE.slug}`);
    await page.getByRole("button", { name: "Enrol in this course", exact: true }).click();
    await expect(page).toHaveURL(/\/courses\/value-impact-sustainability\/why-value-matters$/);

    let certificatePath = "";
    for (let number = 1; number <= VALUE_COURSE.lessonCount; number += 1) {
      await expect(page.getByText(`Lesson ${number} of ${VALUE_COURSE.lessonCount}`)).toBeVisible();
      const markComplete = page.getByRole("button", { name: "Mark this lesson as completed" });

      if (number === 1) {
        // Too early: the checks are not answered yet.
        const refused = page.waitForResponse((response) => response.request().method() === "POST");
        await markComplete.click();
        expect((await refused).status()).toBe(409);
        await expect(page.locator("#complete-error")).toHaveText(
          "Answer the knowledge checks in this lesson first (2 left).",
        );
        await expect(markComplete).toHaveAttribute("aria-describedby", "complete-error");
        await expect(page.getByRole("heading", { name: "Finished this lesson?" })).toBeVisible();
        await expect(page.getByText("course 0% complete")).toBeVisible();
        await expectNoSeriousA11yViolations(page, "lesson refusing completion");
      }

      const checks = page.locator("section.knowledge-check");
      await expect(checks).toHaveCount(VALUE_COURSE.checksPerLesson);
      for (let index = 0; index < VALUE_COURSE.checksPerLesson; index += 1) {
        const check = checks.nth(index);
        await expect(check.getByRole("status")).toHaveText("");
        await check.getByRole("radio").first().check();
        await check.getByRole("button", { name: "Check my answer", exact: true }).click();
        await expect(check.getByRole("status")).toHaveText(FEEDBACK);
        // The page came back with the chosen option still selected.
        await expect(check.getByRole("radio").first()).toBeChecked();
      }
      // Both answers are kept: the first one was recorded before the second was posted.
      for (let index = 0; index < VALUE_COURSE.checksPerLesson; index += 1) {
        await expect(checks.nth(index).getByRole("status")).toHaveText(FEEDBACK);
      }
      if (number === 1) await expectNoSeriousA11yViolations(page, "lesson with checks answered");

      const nextLink = page
        .getByRole("navigation", { name: "Lessons", exact: true })
        .getByRole("link", { name: /^Next:/ });
      const nextPath =
        number < VALUE_COURSE.lessonCount ? await nextLink.getAttribute("href") : null;
      await markComplete.click();
      if (nextPath) {
        await expect(page).toHaveURL(nextPath);
      } else {
        await expect(page).toHaveURL(/\/certificates\/[0-9a-f-]{36}\?new=1$/);
        certificatePath = new URL(page.url()).pathname;
      }
    }

    // The certificate.
    expect(certificatePath).toMatch(CERTIFICATE_PATH);
    await expect(page.getByRole("status")).toHaveText(
      "Congratulations: you have completed every lesson of this course.",
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(learner.displayName);
    await expect(page.getByRole("link", { name: VALUE_COURSE.title })).toBeVisible();
    await expect(page.getByText(`Issued on ${todayUtc()}`)).toBeVisible();
    await expectNoSeriousA11yViolations(page, "new certificate");

    // The course page: 100%, with a link to the certificate.
    await page.goto(`/courses/${VALUE_COURSE.slug}`);
    await expect(page.getByText("100% complete: 5 of 5 lessons done")).toBeVisible();
    await expect(page.getByRole("link", { name: "View your certificate" })).toHaveAttribute(
      "href",
      certificatePath,
    );
    await expect(page.locator("ol.lesson-list .tag--done")).toHaveCount(VALUE_COURSE.lessonCount);

    // My learning: the course at 100%.
    await page.goto("/my-learning");
    const item = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: VALUE_COURSE.title }) });
    await expect(item).toContainText("100% complete: 5 of 5 lessons done");
    await expect(item.getByRole("progressbar")).toHaveAttribute("value", "100");
    await expect(item.getByRole("link", { name: "View your certificate" })).toHaveAttribute(
      "href",
      certificatePath,
    );
  });

  test("an anonymous visitor can try a check and sees feedback, which is not kept", async ({
    page,
  }) => {
    await page.goto(LESSON_PATH);
    const check = page.locator("section.knowledge-check").first();
    await expect(check.getByRole("link", { name: "Sign in" })).toBeVisible();
    await check.getByRole("radio").first().check();
    await check.getByRole("button", { name: "Check my answer", exact: true }).click();
    await expect(check.getByRole("status")).toHaveText(FEEDBACK);
    await expectNoSeriousA11yViolations(page, "anonymous lesson with a check answered");
    // Nothing was recorded: the page, loaded again, has no answer.
    await page.goto(LESSON_PATH);
    await expect(check.getByRole("status")).toHaveText("");
    await expect(check.getByRole("radio").first()).not.toBeChecked();
  });
});

test("anyone can verify a certificate; its holder can hide it and show it again", async ({
  page,
  browser,
}) => {
  test.slow();
  const holder = await signUpWithRequest(page.request, { label: "certificate" });
  const issuedFrom = todayUtc();
  const certificatePath = await completeCourseWithRequests(
    page.request,
    "foundations-of-data-sharing",
  );
  const issuedOn = new RegExp(`^Issued on (${issuedFrom}|${todayUtc()})$`);

  const anonymousContext = await browser.newContext();
  try {
    expect(await anonymousContext.cookies()).toEqual([]);
    const anonymous = await anonymousContext.newPage();
    const response = await anonymous.goto(certificatePath);
    expect(response?.status()).toBe(200);
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(holder.displayName);
    await expect(anonymous.getByRole("link", { name: FOUNDATIONS_TITLE })).toBeVisible();
    await expect(anonymous.getByText(issuedOn)).toBeVisible();
    await expect(anonymous.getByRole("button", { name: "Hide my certificate" })).toHaveCount(0);
    // The congratulations are for the holder, not for whoever adds ?new=1.
    await anonymous.goto(`${certificatePath}?new=1`);
    await expect(anonymous.getByText(/Congratulations/)).toHaveCount(0);

    // The holder hides it.
    await page.goto(certificatePath);
    await expect(page.getByText("Anyone with the link can see and verify it.")).toBeVisible();
    await page.getByRole("button", { name: "Hide my certificate", exact: true }).click();
    await expect(page.getByText(/^It is hidden:/)).toBeVisible();
    // The holder still sees it in full.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(holder.displayName);

    const hidden = await anonymous.goto(certificatePath);
    expect(hidden?.status()).toBe(200);
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(
      "Certificate not available",
    );
    await expect(anonymous.getByText(holder.displayName)).toHaveCount(0);
    // Not in the title, the meta description or the data sent to the page either.
    expect(await anonymous.content()).not.toContain(holder.displayName);
    await expectNoSeriousA11yViolations(anonymous, "hidden certificate, anonymous");

    // Another member cannot show it again.
    const stranger = await browser.newContext();
    try {
      await signUpWithRequest(stranger.request, { label: "certificate-stranger" });
      const attempt = await stranger.request.post(certificatePath, {
        form: { intent: "show" },
        maxRedirects: 0,
      });
      expect(attempt.status()).toBe(404);
    } finally {
      await stranger.close();
    }
    await anonymous.reload();
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(
      "Certificate not available",
    );

    // The holder shows it again.
    await page.getByRole("button", { name: "Show my certificate again", exact: true }).click();
    await expect(page.getByText("Anyone with the link can see and verify it.")).toBeVisible();
    await anonymous.reload();
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(holder.displayName);
    await expect(anonymous.getByRole("link", { name: FOUNDATIONS_TITLE })).toBeVisible();
  } finally {
    await anonymousContext.close();
  }
});



test.describe("with JavaScript", () => {
  test.beforeEach(async ({ page }) => {
    await recordCspViolations(page);
  });

  test("checks and reflections save in place, the notebook is private, and the next lesson loads client-side", async ({
    page,
    browser,
  }) => {
    test.slow();
    const problems = watchForProblems(page);
    await signUpWithRequest(page.request, { label: "course-js" });
    await page.goto(LESSON_PATH);
    await waitForHydration(page);
    await page.waitForLoadState("networkidle");

    // A marker on window survives only while no full page load happens.
    await page.evaluate(() => {
      (window as unknown as { __practicaMarker?: string }).__practicaMarker = "same document";
    });
    const marker = () =>
      page.evaluate(() => (window as unknown as { __practicaMarker?: string }).__practicaMarker);
    const documentLoads: string[] = [];
    page.on("request", (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        documentLoads.push(request.url());
      }
    });
    const lessonUrl = page.url();

    // A knowledge check: the feedback appears in place.
    const check = page.locator("section.knowledge-check").first();
    await check.getByRole("radio").nth(1).check();
    await check.getByRole("button", { name: "Check my answer", exact: true }).click();
    await expect(check.getByRole("status")).toHaveText(FEEDBACK);
    expect(page.url()).toBe(lessonUrl);
    expect(await marker()).toBe("same document");

    // A reflection, saved to the notebook in place.
    const text = `Our ministry would start with a trusted intermediary ${randomBytes(4).toString("hex")}.`;
    const reflection = page.locator("section.reflection").first();
    await reflection.getByRole("textbox").fill(text);
    await reflection.getByRole("button", { name: "Save to my notebook", exact: true }).click();
    await expect(reflection.getByRole("status")).toHaveText("Saved to your notebook.");
    expect(await marker()).toBe("same document");
    await expectNoSeriousA11yViolations(
      page,
      "lesson with a check answered and a reflection saved",
    );

    // The next lesson, by client-side navigation: its MDX script loads and renders.
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/content-code/")) scripts.push(request.url());
    });
    await page
      .getByRole("navigation", { name: "Lessons", exact: true })
      .getByRole("link", { name: /^Next:/ })
      .click();
    await expect(page).toHaveURL(`${COURSE_PATH}/private-data-in-covid-19`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Private data in the COVID-19 response",
    );
    const body = page.locator(".lesson__body");
    await expect(body.locator("section.knowledge-check")).toHaveCount(2);
    await expect(body.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await expect(
      body.getByRole("link", { name: "Google's Community Mobility Reports" }),
    ).toBeVisible();
    expect(scripts.length, "the lesson's compiled MDX script was fetched").toBeGreaterThan(0);
    expect(await marker(), "navigated without a full page load").toBe("same document");
    expect(documentLoads).toEqual([]);
    await page.waitForLoadState("networkidle");
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);

    // The notebook shows the reflection to its author...
    await page.goto("/notebook");
    await expect(page.getByText(text)).toBeVisible();

    // ...and to no one else.
    const otherContext = await browser.newContext();
    try {
      const other = await otherContext.newPage();
      await signUpWithRequest(other.request, { label: "notebook-other" });
      await other.goto("/notebook");
      await expect(
        other.getByText(
          "Nothing here yet: the reflection prompts in lessons save their answers here.",
        ),
      ).toBeVisible();
      expect(await other.content()).not.toContain(text);
      await other.goto(LESSON_PATH);
      await expect(other.locator("section.reflection").first().getByRole("textbox")).toHaveValue(
        "",
      );
      expect(await other.content()).not.toContain(text);
    } finally {
      await otherContext.close();
    }
  });
});

test.describe("bad input", () => {
  test("unknown course and lesson slugs answer 404", async ({ page }) => {
    for (const path of [
      "/courses/no-such-course",
      "/courses/no-such-course/what-is-a-data-collaborative",
      `${COURSE_PATH}/no-such-lesson`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    }
  });

  test("check answers with an unknown check or option are refused with 400, never 500", async ({
    page,
  }) => {
    // The number of options of the first check, to post the one past the end.
    await page.goto(LESSON_PATH);
    const firstCheck = page.locator("section.knowledge-check").first();
    const optionCount = await firstCheck.getByRole("radio").count();
    const checkId = await firstCheck.locator('input[name="checkId"]').inputValue();
    expect(optionCount).toBeGreaterThanOrEqual(2);

    const bad: Record<string, string>[] = [
      { intent: "answer-check", checkId: "no-such-check", option: "0" },
      { intent: "answer-check", checkId: "Not A Slug!", option: "0" },
      { intent: "answer-check", checkId, option: String(optionCount) },
      { intent: "answer-check", checkId, option: "99" },
      { intent: "answer-check", checkId, option: "-1" },
      { intent: "answer-check", checkId, option: "1.5" },
      { intent: "answer-check", checkId, option: "first" },
      { intent: "answer-check", checkId },
      { intent: "answer-check", option: "0" },
    ];
    // Anonymous, then signed in (where an answer would be recorded).
    for (const who of ["anonymous", "learner"]) {
      if (who === "learner") await signUpWithRequest(page.request, { label: "bad-check" });
      for (const form of bad) {
        // The full-page form post, and the same post as a fetcher sends it (JSON data request).
        for (const url of [
          LESSON_PATH,
          `${LESSON_PATH}?_data=${encodeURIComponent("routes/courses.$courseSlug.$lessonSlug")}`,
        ]) {
          const response = await page.request.post(url, { form, maxRedirects: 0 });
          expect(response.status(), `${who}: ${JSON.stringify(form)} to ${url}`).toBe(400);
        }
      }
    }
    // A check of this lesson posted to another lesson of the course is unknown there.
    const elsewhere = await page.request.post(`${COURSE_PATH}/private-data-in-covid-19`, {
      form: { intent: "answer-check", checkId, option: "0" },
    });
    expect(elsewhere.status()).toBe(400);
    // A check posted to a course that does not exist.
    const noCourse = await page.request.post("/courses/no-such-course/no-such-lesson", {
      form: { intent: "answer-check", checkId, option: "0" },
    });
    expect(noCourse.status()).toBe(404);
    // And the good answer is still accepted.
    const good = await page.request.post(LESSON_PATH, {
      form: { intent: "answer-check", checkId, option: "0" },
    });
    expect(good.status()).toBe(200);
  });

  test("anonymous visitors are sent to sign in to complete a lesson or save a reflection", async ({
    request,
  }) => {
    const signIn = `/sign-in?${new URLSearchParams({ redirectTo: LESSON_PATH })}`;
    const forms: Record<string, string>[] = [
      { intent: "complete-lesson" },
      { intent: "save-reflection", reflectionId: "found-l1-models", body: "Not kept" },
    ];
    for (const form of forms) {
      const response = await request.post(LESSON_PATH, { form, maxRedirects: 0 });
      expect(response.status(), form.intent).toBe(302);
      expect(response.headers().location).toBe(signIn);
    }
    const enrol = await request.post(COURSE_PATH, {
      form: { intent: "enrol" },
      maxRedirects: 0,
    });
    expect(enrol.status()).toBe(302);
    expect(enrol.headers().location).toBe(
      `/sign-in?${new URLSearchParams({ redirectTo: COURSE_PATH })}`,
    );
  });
});

test("admin: course analytics count enrolments and download as CSV", async ({ page, browser }) => {
  await signInWithRequest(page.request, DEMO.admin);
  const caption = page
    .locator("caption")
    .filter({ hasText: new RegExp(`^${VALUE_COURSE.title}: `) });
  const enrolled = async () => {
    const match = /: (\d+) enrolled, (\d+) completed$/.exec((await caption.textContent()) ?? "");
    expect(match, "the caption gives enrolment and completion numbers").not.toBeNull();
    return Number(match?.[1]);
  };
  await page.goto("/admin/courses");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Course analytics");
  const before = await enrolled();

  // A new learner enrols.
  const learnerContext = await browser.newContext();
  try {
    await signUpWithRequest(learnerContext.request, { label: "analytics" });
    const enrol = await learnerContext.request.post(`/courses/${VALUE_COURSE.slug}`, {
      form: { intent: "enrol" },
      maxRedirects: 0,
    });
    expect(enrol.status()).toBe(302);
  } finally {
    await learnerContext.close();
  }
  await page.reload();
  // Other tests may enrol at the same time: at least this one more.
  expect(await enrolled()).toBeGreaterThanOrEqual(before + 1);

  // The CSV, downloaded through the link.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as CSV", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^practica-course-analytics-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^section,course,lesson,group,/);
  const courseLine = lines.find((line) => line.startsWith(`course,${VALUE_COURSE.slug},`));
  expect(courseLine, "a row for the course").toBeDefined();
  expect(Number(courseLine?.split(",")[5])).toBeGreaterThanOrEqual(before + 1);

  const response = await page.request.get("/admin/courses.csv");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="/);
  expect((await response.text()).startsWith("section,course,lesson,group")).toBe(true);
});
