import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO, expectNoSeriousA11yViolations, signInWithRequest, signUpWithRequest, visit } from "./utils";

/*
 * Notifications through the first kind that exists: a member's toolkit suggestions, reviewed
 * by the demo moderator. Each test signs up its own member, so the count starts at zero.
 */

/** Posts a toolkit suggestion as the request's member, the way the form does. */
async function suggest(request: APIRequestContext, title: string): Promise<void> {
  const body = new URLSearchParams({
    title,
    publisher: "Example Foundation",
    year: "2021",
    sourceUrl: `https://example.org/${randomBytes(6).toString("hex")}`,
    type: "guide",
    licence: "CC-BY-4.0",
    summary: "A practical playbook for setting up a data sharing partnership between a city and a company.",
    howToUse: "Work through the checklist with both partners, then agree who does what.",
  });
  for (const [name, value] of [
    ["topics", "data-ethics"],
    ["audiences", "analysts"],
    ["regions", "global"],
    ["languages", "en"],
  ] as const)
    body.append(name, value);
  const response = await request.post("/toolkit/suggest", {
    data: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
  });
  expect(response.status(), `suggestion ${title}`).toBeLessThan(400);
}

/** The demo moderator publishes one suggestion and declines the other. */
async function review(browser: Browser, approveTitle: string, rejectTitle: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const { request } = await context.newPage();
    await signInWithRequest(request, DEMO.moderator);
    const queue = await (await request.get("/moderation/toolkit-suggestions")).text();
    const idOf = (title: string) => {
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const match = new RegExp(`href="/moderation/toolkit-suggestions/([0-9a-f-]{36})"[^>]*>${escaped}<`).exec(queue);
      expect(match, `${title} in the moderators' queue`).not.toBeNull();
      return match?.[1] ?? "";
    };
    const approve = await request.post(`/moderation/toolkit-suggestions/${idOf(approveTitle)}`, {
      form: { intent: "approve" },
      maxRedirects: 0,
    });
    expect(approve.status()).toBeLessThan(400);
    const reject = await request.post(`/moderation/toolkit-suggestions/${idOf(rejectTitle)}`, {
      form: { intent: "reject", reason: "This is a sales brochure, not guidance." },
      maxRedirects: 0,
    });
    expect(reject.status()).toBeLessThan(400);
  } finally {
    await context.close();
  }
}

async function memberWithTwoNotifications(page: Page, browser: Browser, label: string) {
  await signUpWithRequest(page.request, { label });
  const marker = randomBytes(4).toString("hex");
  const published = `Mobility data playbook ${marker}`;
  const declined = `Vendor brochure ${marker}`;
  await suggest(page.request, published);
  await suggest(page.request, declined);
  await review(browser, published, declined);
  return { published, declined };
}

async function seeReadAndChoose(page: Page, browser: Browser, label: string) {
  const { published, declined } = await memberWithTwoNotifications(page, browser, label);

  await visit(page, "/");
  const headerLink = page.getByRole("banner").getByRole("link", { name: "Notifications, 2 unread" });
  await expect(headerLink).toBeVisible();
  await headerLink.click();
  await expect(page).toHaveURL("/notifications");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  const items = page.locator(".notification-list > li");
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: "Unread" })).toHaveCount(2);
  await expect(items.filter({ hasText: declined })).toContainText("Reason: This is a sales brochure, not guidance.");
  await expectNoSeriousA11yViolations(page, "notifications page, unread");

  // Opening one marks it read and goes where it points.
  await page.getByRole("button", { name: `Your suggestion “${published}” is published in the toolkit` }).click();
  await expect(page).toHaveURL(/\/toolkit\/mobility-data-playbook-/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();

  await visit(page, "/notifications");
  await expect(items.filter({ hasText: "Unread" })).toHaveCount(1);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status")).toHaveText("1 notification marked as read.");
  await expect(items.filter({ hasText: "Unread" })).toHaveCount(0);
  await expect(page.getByRole("banner").getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "notifications page, all read");

  // Settings: reached from the account page.
  await visit(page, "/account");
  await page.getByRole("link", { name: "Choose which notifications you get" }).click();
  await expect(page).toHaveURL("/account/notifications");
  const choice = page.getByLabel("Your toolkit suggestions are reviewed");
  await expect(choice).toHaveValue("both");
  await choice.selectOption("page");
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Your notification settings are saved.");
  await expect(page.getByLabel("Your toolkit suggestions are reviewed")).toHaveValue("page");
  await expectNoSeriousA11yViolations(page, "notification settings, saved");
}

test("a member sees the count, opens a notification, marks all read and changes a setting", async ({ page, browser }) => {
  test.slow();
  await seeReadAndChoose(page, browser, "notify");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same, with forms and links only", async ({ page, browser }) => {
    test.slow();
    await seeReadAndChoose(page, browser, "notify-nojs");
  });
});

test("an unsubscribe link that is not valid says so, to anyone, and changes nothing", async ({ page }) => {
  await visit(page, "/notifications/unsubscribe/not-a-real-token");
  await expect(page.getByRole("status")).toContainText("This link is not valid any more");
  await expect(page.getByRole("button", { name: "Stop these emails" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "unsubscribe, invalid link");
  const posted = await page.request.post("/notifications/unsubscribe/not-a-real-token", { form: {} });
  expect(posted.status()).toBe(200);
});

test("notifications are for members only", async ({ page }) => {
  const response = await page.request.get("/notifications", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toBe("/sign-in?redirectTo=%2Fnotifications");
});
