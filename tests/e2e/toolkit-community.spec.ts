import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_SUGGESTION_ID } from "../route-access";
import {
  DEMO,
  expectFieldError,
  expectNoSeriousA11yViolations,
  signInWithRequest,
  signUpWithRequest,
  visit,
  waitForHydration,
} from "./utils";

/*
 * "Was this useful?" votes, "my toolkit" saves, member suggestions and the moderators' queue.
 * Each test signs up its own member, so counts and lists start empty whatever else runs.
 */

const HTTPS_ERROR = "Enter an address starting with https://";

function usefulPanel(page: Page) {
  return page.locator("section[aria-labelledby='useful-heading']");
}
function savePanel(page: Page) {
  return page.locator("section[aria-labelledby='save-heading']");
}

test("anonymous visitors see the counts and are asked to sign in to vote", async ({ page }) => {
  const path = "/toolkit/govlab-data-collaboratives";
  await visit(page, path);
  const panel = usefulPanel(page);
  await expect(panel.getByRole("heading", { name: "Was this useful?" })).toBeVisible();
  await expect(panel.getByRole("button")).toHaveCount(0);
  await expect(panel.getByRole("link", { name: "Sign in to vote and to save this entry to your toolkit" })).toHaveAttribute(
    "href",
    `/sign-in?${new URLSearchParams({ redirectTo: path })}`,
  );
  await expect(savePanel(page)).toHaveCount(0);

  // Posting anyway is sent to sign in, and back.
  const response = await page.request.post(path, { form: { intent: "vote", useful: "yes" }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toBe(`/sign-in?${new URLSearchParams({ redirectTo: path })}`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a member votes, changes the vote, saves, finds the entry in my toolkit and removes it", async ({ page }) => {
    await signUpWithRequest(page.request, { label: "vote-nojs" });
    const path = "/toolkit/cnil-pia-methodology";
    await visit(page, path);
    const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    const details = page.locator("aside dl.details");
    const publisher = (await details.locator("dt:has-text('Publisher') + dd").textContent()) ?? "";
    const year = (await details.locator("dt:has-text('Year') + dd").textContent()) ?? "";
    const type = (await details.locator("dt:has-text('Type') + dd").textContent()) ?? "";

    const panel = usefulPanel(page);
    await expect(panel).toContainText("Nobody has said yet whether this was useful.");
    await panel.getByRole("button", { name: "Yes" }).click();
    await expect(page).toHaveURL(path);
    await expect(panel).toContainText("1 person found this useful");
    await expect(panel.getByRole("button", { name: "Yes" })).toHaveAttribute("aria-pressed", "true");
    await expect(panel.getByRole("status")).toHaveText("Your answer: useful. You can change it at any time.");
    await expectNoSeriousA11yViolations(page, "entry after voting");

    await panel.getByRole("button", { name: "No" }).click();
    await expect(panel).toContainText("0 people found this useful");
    await expect(panel.getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "true");
    await expect(panel.getByRole("button", { name: "Yes" })).toHaveAttribute("aria-pressed", "false");

    await savePanel(page).getByRole("button", { name: "Save to my toolkit" }).click();
    await expect(savePanel(page).getByRole("status")).toHaveText("This entry is in your toolkit.");
    await expect(savePanel(page).getByRole("button", { name: "Remove from my toolkit" })).toBeVisible();

    await visit(page, "/my-toolkit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My toolkit");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    await expect(row.getByRole("link", { name: title })).toHaveAttribute("href", path);
    const today = new Date().toISOString().slice(0, 10);
    await expect(row.getByRole("cell")).toHaveText([type, publisher, year, today, /Remove/]);
    await row.getByRole("button", { name: `Remove from my toolkit: ${title}` }).click();
    await expect(page.getByRole("status")).toHaveText(`“${title}” was removed from your toolkit.`);
    await expect(page.getByText("You have not saved any entries yet.")).toBeVisible();
    await expectNoSeriousA11yViolations(page, "my toolkit, empty");
  });

  test("a suggestion with a bad field comes back with the error next to it and everything typed kept", async ({ page }) => {
    await signUpWithRequest(page.request, { label: "suggest-nojs" });
    await visit(page, "/toolkit/suggest");
    const title = `Playbook kept ${randomBytes(3).toString("hex")}`;
    await fillSuggestion(page, { title, sourceUrl: "http://example.org/not-secure" });
    const posted = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().includes("/toolkit/suggest"),
    );
    await page.getByRole("button", { name: "Send the suggestion" }).click();
    expect((await posted).status()).toBe(400);
    await expectFieldError(page.getByLabel("Address of the original", { exact: true }), HTTPS_ERROR);
    await expect(page.getByLabel("Name of the resource", { exact: true })).toHaveValue(title);
    await expect(page.getByLabel("Address of the original", { exact: true })).toHaveValue("http://example.org/not-secure");
    await expect(page.getByRole("checkbox", { name: "Data ethics" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Analysts" })).toBeChecked();
    await expect(page.getByLabel("How to use it", { exact: true })).toHaveValue(/Work through the checklist/);
    await expectNoSeriousA11yViolations(page, "suggestion form with an error");

    // A resource already in the toolkit is refused with a link to it.
    await page.getByLabel("Address of the original", { exact: true }).fill("https://datacollaboratives.org/");
    await page.getByRole("button", { name: "Send the suggestion" }).click();
    await expectFieldError(
      page.getByLabel("Address of the original", { exact: true }),
      "This address is already in the toolkit or waiting for review",
    );
    await expect(page.getByRole("link", { name: "Data Collaboratives (datacollaboratives.org)" })).toHaveAttribute(
      "href",
      "/toolkit/govlab-data-collaboratives",
    );
  });
});

test("with JavaScript, votes and saves update in place and announce the new state", async ({ page }) => {
  await signUpWithRequest(page.request, { label: "vote-js" });
  const path = "/toolkit/cnil-pia-software";
  await visit(page, path);
  await waitForHydration(page);
  const panel = usefulPanel(page);
  await panel.scrollIntoViewIfNeeded();
  // A full page load would drop this marker and reset the scroll position.
  await page.evaluate(() => Object.assign(window, { __stillHere: true }));
  const scrollBefore = await page.evaluate(() => window.scrollY);

  await panel.getByRole("button", { name: "Yes" }).click();
  await expect(panel.getByRole("status")).toHaveText("Your answer: useful. You can change it at any time.");
  await expect(panel).toContainText("1 person found this useful");
  await panel.getByRole("button", { name: "No" }).click();
  await expect(panel.getByRole("status")).toHaveText("Your answer: not useful. You can change it at any time.");
  await expect(panel).toContainText("0 people found this useful");
  await expect(panel.getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "true");

  const save = savePanel(page);
  await save.getByRole("button", { name: "Save to my toolkit" }).click();
  await expect(save.getByRole("status")).toHaveText("This entry is in your toolkit.");
  await save.getByRole("button", { name: "Remove from my toolkit" }).click();
  await expect(save.getByRole("status")).toHaveText("Removed from your toolkit.");
  await save.getByRole("button", { name: "Save to my toolkit" }).click();
  await expect(save.getByRole("status")).toHaveText("This entry is in your toolkit.");

  expect(await page.evaluate(() => "__stillHere" in window)).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
  await expect(page).toHaveURL(path);
  await expectNoSeriousA11yViolations(page, "entry after voting with JavaScript");

  await save.getByRole("link", { name: "Open my toolkit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My toolkit");
  await expect(page.getByRole("row")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page, "my toolkit");
});

test("a member suggests a resource, a moderator edits and approves it, and it is published", async ({ page, browser }) => {
  // Two people, seven pages, each checked with axe.
  test.slow();
  const member = await signUpWithRequest(page.request, { label: "suggest" });
  await visit(page, "/toolkit/suggest");
  await waitForHydration(page);
  const marker = randomBytes(4).toString("hex");
  const title = `Community data playbook ${marker}`;
  const rejectedTitle = `Vendor brochure ${marker}`;

  // A bad field is caught next to it, and what was typed stays.
  await fillSuggestion(page, { title, sourceUrl: "http://example.org/playbook" });
  await page.getByRole("button", { name: "Send the suggestion" }).click();
  await expectFieldError(page.getByLabel("Address of the original", { exact: true }), HTTPS_ERROR);
  await expect(page.getByLabel("Name of the resource", { exact: true })).toHaveValue(title);
  await expectNoSeriousA11yViolations(page, "suggestion form with an error");

  await page.getByLabel("Address of the original", { exact: true }).fill(`https://example.org/playbook-${marker}`);
  await page.getByRole("button", { name: "Send the suggestion" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thank you" })).toBeVisible();
  await expect(page.getByLabel("Name of the resource", { exact: true })).toHaveValue("");
  const mine = page.locator("section[aria-labelledby='your-suggestions']");
  await expect(mine.getByRole("listitem").filter({ hasText: title })).toContainText("Waiting for review");

  await fillSuggestion(page, { title: rejectedTitle, sourceUrl: `https://example.org/brochure-${marker}` });
  await page.getByRole("button", { name: "Send the suggestion" }).click();
  await expect(mine.getByRole("listitem").filter({ hasText: rejectedTitle })).toContainText("Waiting for review");
  await expectNoSeriousA11yViolations(page, "suggestion form after sending");

  // The moderator's queue, oldest first: the demo suggestions come before ours.
  const moderatorContext = await browser.newContext();
  try {
    const moderator = await moderatorContext.newPage();
    await signInWithRequest(moderator.request, DEMO.moderator);
    await visit(moderator, "/moderation/toolkit-suggestions");
    const queue = moderator.locator("section[aria-labelledby='queue-heading'] ol > li");
    const titles = await queue.getByRole("heading").allTextContents();
    expect(titles.indexOf(title)).toBeGreaterThan(-1);
    expect(titles.indexOf(title)).toBeLessThan(titles.indexOf(rejectedTitle));
    await expect(queue.filter({ hasText: title })).toContainText(`Suggested by ${member.displayName} on`);

    // Edit, then approve.
    await queue.getByRole("link", { name: title }).click();
    await expect(moderator.getByRole("heading", { level: 1 })).toHaveText(`Review: ${title}`);
    await expectNoSeriousA11yViolations(moderator, "moderation: review a suggestion");
    await moderator.getByLabel("Publisher", { exact: true }).fill("Example Data Institute");
    await moderator.getByRole("button", { name: "Save changes" }).click();
    await expect(moderator.getByRole("status")).toHaveText("Changes saved.");
    await moderator.getByRole("button", { name: "Approve and publish" }).click();
    await expect(moderator.getByRole("status")).toHaveText("Approved and published.");
    const published = moderator.getByRole("link", { name: /^\/toolkit\// });
    const slug = `community-data-playbook-${marker}`;
    await expect(published).toHaveAttribute("href", `/toolkit/${slug}`);

    // Reject the other one; a reason is required.
    await moderator.goto("/moderation/toolkit-suggestions");
    await queue.getByRole("link", { name: rejectedTitle }).click();
    await moderator.getByRole("button", { name: "Reject the suggestion" }).click();
    await expectFieldError(moderator.getByLabel("Reason", { exact: true }), "Say why, so that the member who suggested it understands");
    await moderator.getByLabel("Reason", { exact: true }).fill("This is a sales brochure, not guidance.");
    await moderator.getByRole("button", { name: "Reject the suggestion" }).click();
    await expect(moderator.getByRole("status")).toHaveText("Rejected. The member who suggested it sees your reason.");
    await expectNoSeriousA11yViolations(moderator, "moderation: after rejecting");

    // The published page, with the same facts as a file entry and the member's text as text.
    await visit(page, `/toolkit/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("Suggested by a member, reviewed by our moderators")).toBeVisible();
    const details = page.locator("aside dl.details");
    await expect(details.locator("dt:has-text('Publisher') + dd")).toHaveText("Example Data Institute");
    await expect(details.locator("dt:has-text('Year') + dd")).toHaveText("2021");
    await expect(details.locator("dt:has-text('Licence') + dd")).toHaveText("CC-BY-4.0");
    await expect(page.getByRole("link", { name: "Open the original resource" })).toHaveAttribute(
      "href",
      `https://example.org/playbook-${marker}`,
    );
    await expect(page.getByText("<b>Work through the checklist</b>", { exact: false })).toBeVisible();
    await expect(page.locator("main b")).toHaveCount(0);
    await usefulPanel(page).getByRole("button", { name: "Yes" }).click();
    await expect(usefulPanel(page)).toContainText("1 person found this useful");

    // The member sees both outcomes, with the moderator's reason.
    await visit(page, "/toolkit/suggest");
    await expect(mine.getByRole("listitem").filter({ hasText: title })).toContainText("Published");
    await expect(mine.getByRole("listitem").filter({ hasText: title }).getByRole("link")).toHaveAttribute("href", `/toolkit/${slug}`);
    const refused = mine.getByRole("listitem").filter({ hasText: rejectedTitle });
    await expect(refused).toContainText("Not published");
    await expect(refused).toContainText("Moderator's reason: This is a sales brochure, not guidance.");

    // Suggesting the published resource again is refused, with a link to it.
    await fillSuggestion(page, { title: `${title} again`, sourceUrl: `https://example.org/playbook-${marker}/` });
    await page.getByRole("button", { name: "Send the suggestion" }).click();
    await expect(page.locator(".form-errors").getByRole("link", { name: title })).toHaveAttribute("href", `/toolkit/${slug}`);
  } finally {
    await moderatorContext.close();
  }
});

test("learners get 403 on the moderation pages and cannot approve by posting", async ({ page }) => {
  await signInWithRequest(page.request, DEMO.learner);
  const queue = await page.request.get("/moderation/toolkit-suggestions", { maxRedirects: 0 });
  expect(queue.status()).toBe(403);
  const detailPath = `/moderation/toolkit-suggestions/${DEMO_SUGGESTION_ID}`;
  expect((await page.request.get(detailPath, { maxRedirects: 0 })).status()).toBe(403);
  const approve = await page.request.post(detailPath, { form: { intent: "approve" }, maxRedirects: 0 });
  expect(approve.status()).toBe(403);

  await page.goto("/moderation/toolkit-suggestions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expectNoSeriousA11yViolations(page, "moderation page for a learner");
  // The account menu (closed, so its links are looked up by address) offers no moderation to a learner.
  await expect(page.locator('.account-menu__list a[href="/moderation/toolkit-suggestions"]')).toHaveCount(0);
  await expect(page.locator('.account-menu__list a[href="/my-toolkit"]')).toHaveCount(1);
});

test.describe("dark colour scheme", () => {
  test.use({ colorScheme: "dark" });

  test("the community pages pass axe", async ({ page, browser }) => {
    await signUpWithRequest(page.request, { label: "dark" });
    await visit(page, "/toolkit/govlab-data-collaboratives");
    await savePanel(page).getByRole("button", { name: "Save to my toolkit" }).click();
    await expect(savePanel(page).getByRole("status")).toHaveText("This entry is in your toolkit.");
    await expectNoSeriousA11yViolations(page, "entry, saved, dark");
    await visit(page, "/my-toolkit");
    await visit(page, "/toolkit/suggest");
    await page.getByRole("button", { name: "Send the suggestion" }).click();
    await expectFieldError(page.getByLabel("Name of the resource", { exact: true }), "This field is required");
    await expectNoSeriousA11yViolations(page, "suggestion form with errors, dark");

    const moderatorContext = await browser.newContext({ colorScheme: "dark" });
    try {
      const moderator = await moderatorContext.newPage();
      await signInWithRequest(moderator.request, DEMO.admin);
      await visit(moderator, "/moderation/toolkit-suggestions");
      await visit(moderator, `/moderation/toolkit-suggestions/${DEMO_SUGGESTION_ID}`);
      await expect(moderator.getByRole("heading", { level: 1 })).toHaveText("Review: Recommendation of the Council on Health Data Governance");
    } finally {
      await moderatorContext.close();
    }
  });
});

test("votes and saves on an entry that does not exist are not found", async ({ page }) => {
  await signUpWithRequest(page.request, { label: "vote-404" });
  const forms: Array<Record<string, string>> = [{ intent: "vote", useful: "yes" }, { intent: "save" }, { intent: "unsave" }];
  for (const form of forms) {
    const response = await page.request.post("/toolkit/no-such-entry", { form, maxRedirects: 0 });
    expect(response.status(), form.intent).toBe(404);
  }
  const nonsense = await page.request.post("/toolkit/govlab-data-collaboratives", {
    form: { intent: "vote", useful: "maybe" },
    maxRedirects: 0,
  });
  expect(nonsense.status()).toBe(400);
});

/** Fills every field of the suggestion form with good values, except the ones given. */
async function fillSuggestion(page: Page, values: { title: string; sourceUrl: string }) {
  await page.getByLabel("Name of the resource", { exact: true }).fill(values.title);
  await page.getByLabel("Publisher", { exact: true }).fill("Example Foundation");
  await page.getByLabel("Year of publication", { exact: true }).fill("2021");
  await page.getByLabel("Address of the original", { exact: true }).fill(values.sourceUrl);
  await page.getByLabel("Type", { exact: true }).selectOption("guide");
  for (const name of ["Data ethics", "Governance"]) await page.getByRole("checkbox", { name, exact: true }).check();
  await page.getByRole("checkbox", { name: "Analysts", exact: true }).check();
  await page.getByRole("checkbox", { name: "Global", exact: true }).check();
  await page.getByLabel("Licence", { exact: true }).fill("CC-BY-4.0");
  await page
    .getByLabel("Summary", { exact: true })
    .fill("A practical playbook for setting up a data sharing partnership between a city and a company.");
  await page
    .getByLabel("How to use it", { exact: true })
    .fill("<b>Work through the checklist</b> with both partners.\n\nThen agree who does what.");
}
