import { expect, test } from "@playwright/test";
import {
  DEMO,
  expectFieldError,
  expectNoSeriousA11yViolations,
  signInWithRequest,
  signUpWithRequest,
  visit,
} from "./utils";

/*
 * A facilitator creates a cohort with three sessions, a learner applies and is accepted,
 * downloads the calendar, checks in during the first session and writes a takeaway; the
 * facilitator takes attendance. With JavaScript on and off.
 */

/** A datetime-local value `minutesFromNow` ahead, in UTC (the cohort's zone below). */
function wallTime(minutesFromNow: number): string {
  return new Date(Date.now() + minutesFromNow * 60_000).toISOString().slice(0, 16);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a facilitator runs a cohort from creation to attendance; a learner applies, is accepted, checks in and writes a takeaway", async ({
      browser,
    }) => {
      // Two people, three pages each, axe on five of them: longer than one page's test.
      test.setTimeout(180_000);
      const title = `Agreements studio ${javaScriptEnabled ? "js" : "nojs"} ${Date.now().toString(36)}`;
      const facilitatorContext = await browser.newContext({ javaScriptEnabled });
      const facilitator = await facilitatorContext.newPage();
      await signInWithRequest(facilitator.request, DEMO.facilitator);

      await visit(facilitator, "/facilitate");
      await expectNoSeriousA11yViolations(facilitator, "/facilitate");
      await facilitator.getByRole("link", { name: "New cohort" }).click();
      await expect(
        facilitator.getByRole("heading", { level: 1, name: "Create a cohort" }),
      ).toBeVisible();
      await facilitator.getByLabel("Title").fill(title);
      await facilitator.getByLabel("Summary").fill("Too short");
      await facilitator.getByLabel("How people join").selectOption("application");
      await facilitator.getByRole("button", { name: "Create the cohort" }).click();
      await expectFieldError(
        facilitator.getByLabel("Summary"),
        "Please write at least 20 characters.",
      );
      await expectFieldError(
        facilitator.getByLabel("Application questions"),
        "Add at least one question for applicants.",
      );
      await expect(facilitator.getByLabel("Title")).toHaveValue(title);
      await expectNoSeriousA11yViolations(facilitator, "new cohort with errors");

      await facilitator
        .getByLabel("Summary")
        .fill("Bring the agreement you are negotiating; leave with a reviewed draft.");
      await facilitator.getByLabel("Application questions").fill("Which agreement will you bring?");
      await facilitator.getByLabel("Status").selectOption("open");
      await facilitator
        .getByLabel("Your time zone (session times are entered in it)")
        .selectOption("UTC");
      await facilitator.getByRole("button", { name: "Create the cohort" }).click();
      await expect(facilitator.getByRole("status")).toContainText("The cohort is created.");

      // A session that ends before it starts is refused next to the field; three good ones are added.
      const sessions = [
        { name: "Purpose and parties", starts: 5, ends: 65 },
        { name: "Safeguards", starts: 7 * 24 * 60, ends: 7 * 24 * 60 + 60 },
        { name: "Exit and review", starts: 14 * 24 * 60, ends: 14 * 24 * 60 + 60 },
      ];
      await facilitator.getByLabel("Session title").fill("Backwards");
      await facilitator.getByLabel("Starts").fill(wallTime(120));
      await facilitator.getByLabel("Ends").fill(wallTime(60));
      await facilitator.getByLabel("Time zone of these times").selectOption("UTC");
      await facilitator.getByRole("button", { name: "Add a session" }).click();
      await expectFieldError(
        facilitator.getByLabel("Ends"),
        "The session must end after it starts.",
      );
      await expect(facilitator.getByLabel("Session title")).toHaveValue("Backwards");
      for (const session of sessions) {
        await facilitator.getByLabel("Session title").fill(session.name);
        await facilitator.getByLabel("Starts").fill(wallTime(session.starts));
        await facilitator.getByLabel("Ends").fill(wallTime(session.ends));
        await facilitator.getByLabel("Time zone of these times").selectOption("UTC");
        await facilitator.getByRole("button", { name: "Add a session" }).click();
        await expect(facilitator.getByRole("status")).toContainText("The session is added.");
      }
      await expect(
        facilitator.getByRole("heading", { level: 3, name: "Purpose and parties" }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(facilitator, "manage cohort");
      const manageUrl = new URL(facilitator.url()).pathname;
      const cohortPath = manageUrl.replace("/facilitate", "");

      // The learner applies.
      const learnerContext = await browser.newContext({ javaScriptEnabled });
      const learnerPage = await learnerContext.newPage();
      const learner = await signUpWithRequest(learnerPage.request, {
        label: `studio-${javaScriptEnabled}`,
      });
      await visit(learnerPage, cohortPath);
      await learnerPage
        .getByLabel("Which agreement will you bring?")
        .fill("A data sharing agreement with a mobile operator");
      await learnerPage.getByRole("button", { name: "Send my application" }).click();
      await expect(learnerPage.getByRole("status")).toContainText("Your application has been sent");

      // The facilitator accepts with a message.
      await visit(facilitator, manageUrl);
      const application = facilitator.locator("form", {
        has: facilitator.getByRole("heading", { name: learner.displayName }),
      });
      await application
        .getByLabel("Message to the applicant (optional)")
        .fill("Welcome to the studio");
      await application.getByRole("button", { name: "Accept" }).click();
      await expect(facilitator.getByRole("status")).toContainText("Decision sent.");

      // The learner is enrolled, is told, downloads the calendar, checks in and writes a takeaway.
      await visit(learnerPage, "/notifications");
      await expect(learnerPage.getByText(`You are enrolled in “${title}”`)).toBeVisible();
      await visit(learnerPage, cohortPath);
      await expect(learnerPage.getByText("You are enrolled in this cohort.").first()).toBeVisible();
      const calendar = await learnerPage.request.get(`${cohortPath}/calendar.ics`);
      const ics = await calendar.text();
      for (const session of sessions) expect(ics).toContain(session.name);
      await learnerPage.getByRole("link", { name: "Purpose and parties" }).click();
      await learnerPage.getByRole("button", { name: "Check in" }).click();
      await expect(learnerPage.getByRole("status")).toContainText("You are checked in.");
      await learnerPage
        .getByLabel("Your takeaway")
        .fill("Write the purpose clause before anything else.");
      await learnerPage.getByRole("button", { name: "Add my takeaway" }).click();
      await expect(
        learnerPage.getByText("Write the purpose clause before anything else."),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(learnerPage, "session page after check-in");

      // The facilitator sees the check-in and saves attendance; the CSV has it.
      await visit(facilitator, manageUrl);
      const attendance = facilitator.getByRole("group", {
        name: "Who attended “Purpose and parties”",
      });
      await expect(attendance.getByLabel(learner.displayName)).toBeChecked();
      await facilitator
        .locator("form", { has: attendance })
        .getByRole("button", { name: "Save attendance" })
        .click();
      await expect(facilitator.getByRole("status")).toContainText("Attendance saved.");
      const csv = await (await facilitator.request.get(`${manageUrl}/roster.csv`)).text();
      expect(csv).toContain(`${learner.displayName},`);
      expect(csv).toMatch(/,enrolled,present,,\s*$/m);

      await facilitatorContext.close();
      await learnerContext.close();
    });
  });
}
