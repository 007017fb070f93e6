import { expect, test } from "@playwright/test";
import { expectFieldError, expectNoSeriousA11yViolations, signUpWithRequest, visit } from "./utils";

/*
 * Cohorts from a participant's side, on the demo series (db/demo-cohorts.ts). Each test signs up
 * its own member, so enrolments and applications start empty whatever else runs.
 */

const RUNNING = "/cohorts/drafting-a-data-sharing-agreement-together";
const BY_APPLICATION = "/cohorts/mobility-data-for-city-decision-makers";
const MEETING_LINK = "https://meet.example.org/practica-demo";

test("anyone can browse and filter cohorts; rosters and meeting links stay with members", async ({
  page,
}) => {
  await visit(page, "/cohorts");
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await expect(page.getByRole("link", { name: /four-part learning series/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "/cohorts");

  await page.getByLabel("Status").selectOption("finished");
  await page.getByRole("button", { name: "Show cohorts" }).click();
  await expect(page).toHaveURL(/status=finished/);
  await expect(page.getByRole("link", { name: /four-part learning series/ })).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Drafting a data sharing agreement, together" }),
  ).toHaveCount(0);

  await visit(page, RUNNING);
  await expect(page.getByRole("link", { name: "Sign in to join this cohort" })).toBeVisible();
  await expect(
    page.getByText("Members see the roster, meeting links, materials and takeaways."),
  ).toBeVisible();
  await expect(page.locator(`a[href="${MEETING_LINK}"]`)).toHaveCount(0);
  const calendar = await page.request.get(`${RUNNING}/calendar.ics`);
  expect(calendar.headers()["content-type"]).toContain("text/calendar");
  const text = await calendar.text();
  expect(text).toContain("BEGIN:VEVENT");
  expect(text).not.toContain(MEETING_LINK);
  await expectNoSeriousA11yViolations(page, RUNNING);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a member applies, is told what is missing without losing what they typed, and can withdraw", async ({
      page,
    }) => {
      await signUpWithRequest(page.request, { label: `apply-${javaScriptEnabled}` });
      await visit(page, BY_APPLICATION);
      const first = page.getByLabel("Which decision would mobility data inform in your city?");
      const second = page.getByLabel("Which data holder could you work with?");
      await first.fill("Where to add night bus routes");
      await page.getByRole("button", { name: "Send my application" }).click();
      await expectFieldError(second, "Please answer this question.");
      await expect(first).toHaveValue("Where to add night bus routes");
      await expectNoSeriousA11yViolations(page, `${BY_APPLICATION} with an error`);

      await second.fill("The city's largest mobile operator");
      await page.getByRole("button", { name: "Send my application" }).click();
      await expect(page.getByRole("status")).toContainText("Your application has been sent");
      await page.getByRole("button", { name: "Withdraw my application" }).click();
      await expect(page.getByRole("status")).toContainText("You left this cohort.");
    });

    test("a member joins, sees the roster and meeting link, says they cannot attend, writes a takeaway and subscribes to their calendar", async ({
      page,
    }) => {
      const member = await signUpWithRequest(page.request, { label: `join-${javaScriptEnabled}` });
      await visit(page, RUNNING);
      await page.getByRole("button", { name: "Join this cohort" }).click();
      await expect(page.getByRole("status")).toContainText("You are enrolled in this cohort.");
      await expect(
        page
          .getByRole("table", { name: "Members of this cohort" })
          .getByRole("link", { name: member.displayName }),
      ).toBeVisible();
      await expect(
        page.getByText(/participants from \d+ organisations in \d+ countries/),
      ).toBeVisible();
      await expect(page.locator(`a[href="${MEETING_LINK}"]`).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${RUNNING} as a member`);

      const takeaway = page.getByLabel("Your takeaway");
      await page.getByRole("button", { name: "Add my takeaway" }).click();
      await expectFieldError(takeaway, "Please write something first.");
      const mine = `Ask the operator's legal team for their template first (${member.displayName}).`;
      await takeaway.fill(mine);
      await page.getByRole("button", { name: "Add my takeaway" }).click();
      await expect(page.getByText(mine)).toBeVisible();

      // The next session: "Access models and safeguards" is in the future in the demo.
      await page.getByRole("link", { name: "Access models and safeguards" }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: "Access models and safeguards" }),
      ).toBeVisible();
      await page.getByLabel("Note for the facilitator (optional)").fill("Travelling that week");
      await page.getByRole("button", { name: "I cannot attend" }).click();
      await expect(page.getByRole("status")).toContainText(
        "You told the facilitator you cannot attend.",
      );
      await expectNoSeriousA11yViolations(page, "a session page");

      await visit(page, "/my-cohorts");
      await expect(
        page.getByRole("link", { name: "Drafting a data sharing agreement, together" }),
      ).toBeVisible();
      await page.getByRole("button", { name: "Create my calendar feed" }).click();
      const address = await page.getByLabel("Calendar feed address").inputValue();
      expect(address).toMatch(/\/calendar\/[\w-]+\/sessions\.ics$/);
      const feed = await page.request.get(new URL(address).pathname);
      expect(feed.status()).toBe(200);
      const body = await feed.text();
      expect(body).toContain("Access models and safeguards");
      expect(body).toContain(MEETING_LINK);
      await expectNoSeriousA11yViolations(page, "/my-cohorts");

      await page.getByRole("button", { name: "Turn the feed off" }).click();
      await expect(page.getByRole("status")).toContainText("Your calendar feed is off.");
      expect((await page.request.get(new URL(address).pathname)).status()).toBe(404);
    });
  });
}
