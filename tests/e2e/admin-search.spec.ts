import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectFieldError, expectNoSeriousA11yViolations, signInWithRequest } from "./utils";

/*
 * Admin search analytics (/admin/search): searches made on the toolkit page show up, the
 * period and group form works with and without JavaScript, the CSV downloads, wrong
 * parameters give messages next to their fields, and only admins get in.
 */

/** Letters only: digit runs would be scrubbed from the log as possible phone numbers. */
function uniqueQuery(): string {
  const letters = [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
  return `analytics probe ${letters}`;
}

function tableCaptioned(page: Page, heading: string) {
  return page.getByRole("region", { name: heading });
}

test("admin: a search on the toolkit shows in the analytics and the CSV", async ({
  page,
  browser,
}) => {
  const query = uniqueQuery();
  const visitor = await browser.newContext();
  try {
    const search = await visitor.request.get(`/toolkit?${new URLSearchParams({ q: query })}`);
    expect(search.status()).toBe(200);
  } finally {
    await visitor.close();
  }

  await signInWithRequest(page.request, DEMO.admin);
  await page.goto("/admin/search");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search analytics");
  await expect(
    page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Search", exact: true }),
  ).toHaveAttribute("aria-current", "page");
  // Nothing matches the probe, so it is a top query and a query without results.
  await expect(
    tableCaptioned(page, "Top queries").getByRole("rowheader", { name: query, exact: true }),
  ).toBeVisible();
  await expect(
    tableCaptioned(page, "Queries with no results").getByRole("rowheader", {
      name: query,
      exact: true,
    }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page, "/admin/search");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as CSV", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^practica-search-analytics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toBe(
    "section,item,id,searches,average_results,searches_with_click,click_through_rate,no_result_searches,clicks,average_click_position,last_seen,useful,votes,useful_share,saves",
  );
  expect(lines.some((line) => line.startsWith(`top-query,${query},,`))).toBe(true);
  expect(lines.some((line) => line.startsWith(`no-result-query,${query},,`))).toBe(true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("admin: changes the period with the presets and the form", async ({ page }) => {
    await signInWithRequest(page.request, DEMO.admin);
    await page.goto("/admin/search");
    const presets = page.getByRole("navigation", { name: "Quick periods" });
    await expect(presets.getByRole("link", { name: "Last 30 days" })).toHaveAttribute(
      "aria-current",
      "page",
    );

    await presets.getByRole("link", { name: "Last 7 days" }).click();
    await expect(page).toHaveURL(/\/admin\/search\?days=7$/);
    await expect(presets.getByRole("link", { name: "Last 7 days" })).toHaveAttribute(
      "aria-current",
      "page",
    );

    // A quiet month long ago: every table says it is empty.
    await page.getByLabel("From", { exact: true }).fill("2001-01-01");
    await page.getByLabel("To", { exact: true }).fill("2001-01-31");
    await page.getByLabel("Audience", { exact: true }).selectOption("analysts");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL(/from=2001-01-01&to=2001-01-31&audience=analysts/);
    await expect(page.getByText("From 2001-01-01 to 2001-01-31 (UTC)")).toBeVisible();
    await expect(presets.locator('[aria-current="page"]')).toHaveCount(0);
    await expect(page.getByLabel("Audience", { exact: true })).toHaveValue("analysts");
    // The demo data has fewer than five analysts: the group is too small to show.
    // With enough members the empty states show instead; either way nothing is listed.
    const tooSmall = page.getByRole("status").filter({ hasText: "Fewer than 5 members" });
    const empty = page.getByText("No searches in this period.");
    await expect(tooSmall.or(empty)).toBeVisible();

    // Everyone, in that month: the empty states.
    await page.getByLabel("Audience", { exact: true }).selectOption("");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page.getByText("No searches in this period.")).toBeVisible();
    await expect(page.getByText("Every search in this period found something.")).toBeVisible();
    await expect(page.getByText("No one marked an entry as useful in this period.")).toBeVisible();
    await expect(page.getByText("No entry was saved in this period.")).toBeVisible();
    await expectNoSeriousA11yViolations(page, "/admin/search, empty period");

    const csvHref = await page
      .getByRole("link", { name: "Download as CSV", exact: true })
      .getAttribute("href");
    expect(csvHref).toBe("/admin/search.csv?from=2001-01-01&to=2001-01-31");
    const response = await page.request.get(csvHref ?? "");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers()["content-disposition"]).toBe(
      'attachment; filename="practica-search-analytics-2001-01-01-to-2001-01-31.csv"',
    );
    const text = await response.text();
    expect(text).toContain("period,2001-01-01/2001-01-31,");
    expect(text).toContain("summary,all searches,,0,,0,,0,0,,,,,,");
  });

  test("admin: wrong parameters give messages next to their fields and a 400", async ({ page }) => {
    await signInWithRequest(page.request, DEMO.admin);
    const response = await page.goto("/admin/search?from=2025-02-30&audience=robots&days=12");
    expect(response?.status()).toBe(400);
    await expectFieldError(page.getByLabel("From", { exact: true }), "Enter a real day");
    await expectFieldError(
      page.getByLabel("Audience", { exact: true }),
      "Choose an audience from the list.",
    );
    await expect(page.getByRole("alert")).toContainText("Choose a period of 7, 30 or 90 days");
    await expect(
      page.getByText("Correct the period or group above to see the analytics."),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Download as CSV" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, "/admin/search with errors");

    const reversed = await page.goto("/admin/search?from=2025-03-10&to=2025-03-01");
    expect(reversed?.status()).toBe(400);
    await expectFieldError(
      page.getByLabel("To", { exact: true }),
      "The last day must be on or after the first day.",
    );

    const csv = await page.request.get("/admin/search.csv?to=yesterday");
    expect(csv.status()).toBe(400);
    expect(await csv.text()).toContain("Enter a real day");
  });
});

test("only admins see search analytics", async ({ browser }) => {
  const learner = await browser.newContext();
  const visitor = await browser.newContext();
  try {
    await signInWithRequest(learner.request, DEMO.learner);
    for (const path of ["/admin/search", "/admin/search.csv", "/admin/search?days=7"]) {
      const forLearner = await learner.request.get(path, { maxRedirects: 0 });
      expect(forLearner.status(), `${path} for a learner`).toBe(403);
      const forVisitor = await visitor.request.get(path, { maxRedirects: 0 });
      expect(forVisitor.status(), `${path} for a visitor`).toBe(302);
      expect(forVisitor.headers().location).toBe(
        `/sign-in?${new URLSearchParams({ redirectTo: path })}`,
      );
    }
  } finally {
    await learner.close();
    await visitor.close();
  }
});
