import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  cspViolations,
  expectNoSeriousA11yViolations,
  recordCspViolations,
  visit,
  waitForHydration,
  watchForProblems,
} from "./utils";

/*
 * Search end to end: the toolkit page (words, facets, chips, sort, pages, nothing found, bad
 * input), the site-wide page reached from the header, and the click-through redirect; with
 * and without JavaScript.
 */

const GDPR = {
  path: "/toolkit/gdpr-general-data-protection-regulation",
  title: "General Data Protection Regulation (Regulation (EU) 2016/679)",
};
const ICO_DPIA = "Data protection impact assessments (DPIAs): guidance and sample template";
const WP29_DPIA = "Guidelines on Data Protection Impact Assessment (WP248 rev.01)";
const ICO_ANONYMISATION = "Anonymisation and pseudonymisation guidance";
const GOOGLE_DP = "Google Differential Privacy libraries";

const toolkitForm = (page: Page) => page.getByRole("search", { name: "Toolkit search" });
const toolkitBox = (page: Page) => page.getByRole("searchbox", { name: "Search the toolkit" });
const resultCount = (page: Page) => page.locator(".search-results__count");
/** The titles on the page as it stands once loaded (a no-JS navigation commits before it loads). */
async function resultTitles(page: Page): Promise<string[]> {
  await page.waitForLoadState();
  return page.locator(".search-hit__title").allInnerTexts();
}
const facet = (page: Page, legend: string) =>
  page.getByRole("group", { name: legend, exact: true });

/** The number in a facet option's label, "Tool (6)" → 6. */
async function optionCount(option: Locator): Promise<number> {
  const label =
    (await option.getAttribute("aria-label")) ??
    (await option.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ""));
  const match = /\((\d+)\)\s*$/.exec(label);
  expect(match, `a count in "${label}"`).not.toBeNull();
  return Number(match?.[1]);
}

/** "12 entries match …" → 12 */
async function shownTotal(page: Page): Promise<number> {
  await page.waitForLoadState();
  const text = (await resultCount(page).textContent()) ?? "";
  const match = /^(\d+) (entry|entries|results?)/.exec(text);
  expect(match, `a count in "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the toolkit box searches with a plain GET form, and matches are highlighted", async ({
    page,
  }) => {
    await visit(page, "/toolkit");
    await toolkitBox(page).fill("differential privacy");
    await toolkitForm(page).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/toolkit\?q=differential\+privacy/);
    await expect(toolkitBox(page)).toHaveValue("differential privacy");
    await expect(resultCount(page)).toHaveText(
      /^\d+ entr(y|ies) match(es)? “differential privacy”$/,
    );
    const titles = await resultTitles(page);
    expect(titles.slice(0, 5)).toContain(GOOGLE_DP);
    // The engine's highlights are rendered as <mark>, nothing else.
    const firstTitle = page.locator(".search-hit__title").filter({ hasText: GOOGLE_DP });
    await expect(firstTitle.locator("mark").first()).toHaveText(/differential|privacy/i);
    // A logged search links its results through the click-through redirect.
    await expect(firstTitle.getByRole("link")).toHaveAttribute(
      "href",
      /^\/search\/go\?qid=[0-9a-f-]{36}&doc=toolkit%3Agoogle-differential-privacy-library&pos=\d+$/,
    );
    await expectNoSeriousA11yViolations(page);
  });

  test("a typo and an acronym find the right entries", async ({ page }) => {
    // One letter wrong in a short word, two in a long phrase.
    await page.goto("/toolkit?q=sdcmikro");
    expect((await resultTitles(page))[0]).toBe(
      "sdcMicro: statistical disclosure control for microdata",
    );
    await page.goto("/toolkit?q=anonimisation+techniqes");
    expect((await resultTitles(page))[0]).toBe(
      "Opinion 05/2014 on Anonymisation Techniques (WP216)",
    );

    // DPIA is a synonym of "data protection impact assessment".
    await page.goto("/toolkit?q=DPIA");
    const titles = await resultTitles(page);
    expect(titles.slice(0, 5)).toEqual(expect.arrayContaining([ICO_DPIA, WP29_DPIA]));
    expect(titles.length).toBeGreaterThanOrEqual(3);
  });

  test("facets narrow the results, their counts are the totals they lead to, and others stay", async ({
    page,
  }) => {
    await page.goto("/toolkit?q=privacy");
    const total = await shownTotal(page);
    const tool = facet(page, "Type").getByRole("checkbox", { name: /^Tool \(\d+\)$/ });
    const toolCount = await optionCount(tool);
    expect(toolCount).toBeGreaterThan(0);
    expect(toolCount).toBeLessThan(total);

    await tool.check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]type=tool(&|$)/);
    expect(await shownTotal(page)).toBe(toolCount);
    await expect(
      facet(page, "Type").getByRole("checkbox", { name: /^Tool \(\d+\)$/ }),
    ).toBeChecked();
    for (const meta of await page.locator(".search-hit__meta").allInnerTexts())
      expect(meta).toMatch(/^Tool · /);
    // Disjunctive within a facet: the other types keep their counts, so the search can widen.
    const guide = facet(page, "Type").getByRole("checkbox", { name: /^Guide \(\d+\)$/ });
    expect(await optionCount(guide)).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("a chip removes its filter and keeps the others; the last link clears them all", async ({
    page,
  }) => {
    await page.goto("/toolkit?q=data&type=guide&type=framework&region=europe");
    const chips = page.getByRole("navigation", { name: "Active filters" });
    await expect(chips.getByRole("link")).toHaveText([
      /Type: Guide/,
      /Type: Framework or law/,
      /Region: Europe/,
      "Clear all filters",
    ]);
    await chips.getByRole("link", { name: "Remove filter: Type: Guide" }).click();
    await expect(page).toHaveURL("/toolkit?q=data&type=framework&region=europe");
    await expect(facet(page, "Type").getByRole("checkbox", { name: /^Guide / })).not.toBeChecked();
    await expect(
      facet(page, "Type").getByRole("checkbox", { name: /^Framework or law / }),
    ).toBeChecked();
    await page.getByRole("link", { name: "Clear all filters" }).click();
    await expect(page).toHaveURL("/toolkit?q=data");
    await expect(page.getByRole("navigation", { name: "Active filters" })).toHaveCount(0);
  });

  test("sorting by newest orders results by year", async ({ page }) => {
    await page.goto("/toolkit");
    await page.getByLabel("Sort by").selectOption("newest");
    await page.getByRole("button", { name: "Sort", exact: true }).click();
    await expect(page).toHaveURL(/sort=newest/);
    await expect(page.getByLabel("Sort by")).toHaveValue("newest");
    const years = (await page.locator(".search-hit__meta").allInnerTexts()).map((meta) =>
      Number(/(\d{4})$/.exec(meta)?.[1]),
    );
    expect(years.length).toBeGreaterThan(5);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  test("browsing pages through every entry, twenty at a time", async ({ page }) => {
    await page.goto("/toolkit");
    const total = await shownTotal(page);
    const pages = Math.ceil(total / 20);
    expect(pages).toBeGreaterThan(1);
    await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
    const firstPage = await resultTitles(page);
    expect(firstPage).toHaveLength(20);
    await page
      .getByRole("navigation", { name: "Pages of results" })
      .getByRole("link", { name: "Next page" })
      .click();
    await expect(page).toHaveURL("/toolkit?page=2");
    await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
    await expect(page.locator("ol.search-hits")).toHaveAttribute("start", "21");
    const secondPage = await resultTitles(page);
    expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
  });

  test("nothing found: says so, suggests a corrected spelling and links to support", async ({
    page,
  }) => {
    await visit(page, "/toolkit?q=dpai");
    await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();
    await expect(page.getByText("No entry matches “dpai”.")).toBeVisible();
    await expect(page.getByRole("link", { name: "ask for support" })).toHaveAttribute(
      "href",
      "/support",
    );
    const suggestion = page.getByRole("link", { name: "dpia", exact: true });
    await expect(suggestion).toHaveAttribute("href", "/toolkit?q=dpia");
    await suggestion.click();
    await expect(page).toHaveURL("/toolkit?q=dpia");
    expect((await resultTitles(page)).slice(0, 5)).toContain(ICO_DPIA);
  });

  test("nothing found with filters: offers the same words without them", async ({ page }) => {
    await visit(page, "/toolkit?q=differential+privacy&type=template");
    await expect(
      page.getByText("No entry matches “differential privacy” with these filters."),
    ).toBeVisible();
    const withoutFilters = page.getByRole("link", {
      name: /^Search without the filters \(\d+ results?\)$/,
    });
    await expect(withoutFilters).toHaveAttribute("href", "/toolkit?q=differential+privacy");
    await withoutFilters.click();
    await expect(page).toHaveURL("/toolkit?q=differential+privacy");
    expect(await resultTitles(page)).toContain(GOOGLE_DP);
  });

  test("a query with no match anywhere still shows the support link", async ({ page }) => {
    await page.goto("/search?q=xylophonequartzzz");
    await expect(page.getByText("Nothing on Practica matches “xylophonequartzzz”.")).toBeVisible();
    await expect(page.getByRole("link", { name: "ask for support" })).toHaveAttribute(
      "href",
      "/support",
    );
    await expectNoSeriousA11yViolations(page);
  });

  test("the header box leads to results grouped by kind, with a way to all toolkit results", async ({
    page,
  }) => {
    await visit(page, "/courses");
    const header = page.getByRole("search", { name: "Site search" });
    await header.getByRole("searchbox", { name: "Search Practica" }).fill("mobile phone data");
    await header.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL("/search?q=mobile+phone+data");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search Practica");
    const headings = await page.getByRole("heading", { level: 2 }).allInnerTexts();
    expect(headings).toEqual([
      expect.stringMatching(/^Toolkit entries \(\d+\)$/),
      expect.stringMatching(/^Courses \(\d+\)$/),
      expect.stringMatching(/^Lessons \(\d+\)$/),
    ]);
    const toolkitTotal = Number(/\((\d+)\)/.exec(headings[0] ?? "")?.[1]);
    expect(toolkitTotal).toBeGreaterThan(1);
    const lessons = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { level: 2, name: /^Lessons/ }) });
    await expect(lessons.locator(".search-hit").first()).toBeVisible();
    await expect(lessons.locator(".search-hit__meta").first()).toHaveText(/^Lesson in /);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("link", { name: `See all ${toolkitTotal} toolkit results` }).click();
    await expect(page).toHaveURL("/toolkit?q=mobile+phone+data");
    expect(await shownTotal(page)).toBe(toolkitTotal);
  });

  test("one kind at a time, paginated, with a way back to every kind", async ({ page }) => {
    await visit(page, "/search?q=data&kind=lesson");
    const headings = await page.getByRole("heading", { level: 2 }).allInnerTexts();
    expect(headings).toEqual([expect.stringMatching(/^Lessons \(\d+\)$/)]);
    const lessonTotal = Number(/\((\d+)\)/.exec(headings[0] ?? "")?.[1]);
    expect(lessonTotal).toBeGreaterThan(20);
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL("/search?q=data&kind=lesson&page=2");
    await expect(page.locator("ol.search-hits")).toHaveAttribute("start", "21");
    await page.getByRole("link", { name: "All results for “data”" }).click();
    await expect(page).toHaveURL("/search?q=data");
  });

  test("an anonymous results page may come from the page cache, with its own search id each time", async ({
    request,
  }) => {
    const url = "/toolkit?q=anonymisation+guidance";
    const ids: string[] = [];
    let hits = 0;
    for (let visit = 0; visit < 3; visit++) {
      const response = await request.get(url);
      expect(response.status()).toBe(200);
      if (response.headers()["x-cache"] === "hit") hits += 1;
      for (const name of ["x-page-cache", "x-page-cache-replay", "x-page-cache-token"])
        expect(response.headers()[name], name).toBeUndefined();
      const qids = new Set((await response.text()).match(/qid=[0-9a-f-]{36}/g));
      expect(qids.size).toBe(1);
      ids.push(...qids);
    }
    expect(hits).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(3);
  });

  test("opening a result logs the click and redirects to the entry", async ({ page }) => {
    await page.goto("/toolkit?q=gdpr");
    const link = page.locator(".search-hit__title").getByRole("link", { name: GDPR.title });
    await expect(link).toHaveAttribute("href", /^\/search\/go\?qid=[0-9a-f-]{36}&/);
    const redirect = page.waitForResponse((response) => response.url().includes("/search/go?"));
    await link.click();
    expect((await redirect).status()).toBe(303);
    await expect(page).toHaveURL(GDPR.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(GDPR.title);
  });
});

test.describe("bad input gives a page, never a 500", () => {
  test("a page number that is not one is a 400 that keeps the search", async ({ page }) => {
    for (const bad of ["abc", "-1", "0", "1.5", "99999999"]) {
      const response = await page.goto(`/toolkit?q=gdpr&type=framework&page=${bad}`);
      expect(response?.status(), `page=${bad}`).toBe(400);
      await expect(page.getByRole("alert")).toHaveText(
        /The page number must be a whole number from 1 to 10000/,
      );
      await expect(toolkitBox(page)).toHaveValue("gdpr");
      await expect(
        page.getByRole("navigation", { name: "Active filters" }).getByRole("link"),
      ).toHaveText([/Type: Framework or law/]);
    }
    expect((await page.request.get("/search?q=data&page=abc")).status()).toBe(400);
    await expectNoSeriousA11yViolations(page);
  });

  test("a page past the end says there is nothing there and links to the last page", async ({
    page,
  }) => {
    const response = await page.goto("/toolkit?page=999");
    expect(response?.status()).toBe(200);
    await expect(
      page.getByText(/There are no results on page 999: this search has \d+ pages\./),
    ).toBeVisible();
    const last = page.getByRole("link", { name: /^Go to the last page \(page \d+\)$/ });
    await last.click();
    await expect(page).toHaveURL(/\/toolkit\?page=\d$/);
    expect((await resultTitles(page)).length).toBeGreaterThan(0);
    expect((await page.request.get("/search?q=data&kind=lesson&page=999")).status()).toBe(200);
  });

  test("unknown filter values and sort orders are ignored, with a notice", async ({ page }) => {
    const response = await page.goto(
      "/toolkit?q=privacy&type=bogus&topic=data-ethics&sort=cheapest&language=zz",
    );
    expect(response?.status()).toBe(200);
    await expect(page.locator(".search-notices")).toHaveText(
      "Some choices in the address were not recognised and were ignored: type=bogus, language=zz, sort=cheapest.",
    );
    await expect(
      page.getByRole("navigation", { name: "Active filters" }).getByRole("link"),
    ).toHaveText([/Topic: Data ethics/]);
    const site = await page.request.get("/search?q=data&kind=cohort");
    expect(site.status()).toBe(200);
    expect(await site.text()).toContain("kind=cohort");
    await expectNoSeriousA11yViolations(page);
  });

  test("markup in a query is shown as text, never run", async ({ page }) => {
    const problems = watchForProblems(page);
    const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    for (const path of ["/toolkit", "/search"]) {
      const response = await page.goto(`${path}?q=${encodeURIComponent(markup)}`);
      expect(response?.status(), path).toBe(200);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      await expect(page.locator("main img")).toHaveCount(0);
      await expect(page.getByText(markup, { exact: false }).first()).toBeVisible();
    }
    expect(problems).toEqual([]);
  });

  test("a very long query is cut to what the engine reads, and the page says so", async ({
    page,
  }) => {
    const long = `privacy ${"x".repeat(3000)}`;
    for (const path of ["/toolkit", "/search"]) {
      const response = await page.goto(`${path}?q=${encodeURIComponent(long)}`);
      expect(response?.status(), path).toBe(200);
      await expect(
        page.getByText(
          "Your search was longer than 512 characters, so only the first 512 were used.",
        ),
      ).toBeVisible();
      const box = page.getByRole("searchbox", {
        name: path === "/toolkit" ? "Search the toolkit" : "What are you looking for?",
      });
      expect((await box.inputValue()).length).toBe(512);
    }
  });

  test("odd query strings never cause a 500", async ({ request }) => {
    const paths = [
      "/toolkit?q=%00%01%02",
      "/toolkit?q=%F0%9F%98%80%F0%9F%98%80",
      "/toolkit?q=%E0%A4%A",
      "/toolkit?q=%25%25%25&page=%20",
      `/toolkit?${Array.from({ length: 300 }, (_, index) => `topic=t${index}`).join("&")}`,
      "/toolkit?licence=%3Cb%3E&region=EUROPE&q=%22%27%3B--",
      "/toolkit?q=2016/679",
      "/toolkit?q=*&sort=most-useful",
      "/search?q=%00",
      "/search?q=&kind=",
      "/search/go",
      "/search/go?doc=https://evil.example/",
      "/search/go?doc=toolkit:../../etc/passwd&qid=1&pos=1",
    ];
    for (const path of paths) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(500);
    }
  });

  test("the click-through redirect never leaves the site and tolerates a bad query id", async ({
    request,
  }) => {
    const ok = await request.get(
      `/search/go?qid=abc&doc=toolkit:gdpr-general-data-protection-regulation&pos=x`,
      { maxRedirects: 0 },
    );
    expect(ok.status()).toBe(303);
    expect(ok.headers().location).toBe(GDPR.path);
    const lesson = await request.get(
      `/search/go?doc=${encodeURIComponent("lesson:foundations-of-data-sharing/what-is-a-data-collaborative")}`,
      { maxRedirects: 0 },
    );
    expect(lesson.status()).toBe(303);
    expect(lesson.headers().location).toBe(
      "/courses/foundations-of-data-sharing/what-is-a-data-collaborative",
    );
    for (const doc of [
      "https://evil.example/",
      "//evil.example",
      "toolkit:no-such-entry",
      "course:nope",
      "lesson:a/b/c",
      "",
    ]) {
      const response = await request.get(`/search/go?qid=1&pos=1&doc=${encodeURIComponent(doc)}`, {
        maxRedirects: 0,
      });
      expect(response.status(), doc).toBe(404);
    }
  });
});

test.describe("with JavaScript", () => {
  test.beforeEach(async ({ page }) => {
    await recordCspViolations(page);
  });

  test("results update as you type, focus stays in the box, and history is not spammed", async ({
    page,
  }) => {
    const problems = watchForProblems(page);
    await page.goto("/courses");
    await page.goto("/toolkit");
    await waitForHydration(page);
    const box = toolkitBox(page);
    await box.click();
    await box.pressSequentially("anonymisation", { delay: 60 });
    await expect(page).toHaveURL("/toolkit?q=anonymisation");
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("anonymisation");
    await expect(resultCount(page)).toHaveText(/match(es)? “anonymisation”$/);
    expect(await resultTitles(page)).toContain(ICO_ANONYMISATION);

    // A second word replaces the history entry rather than adding one per keystroke.
    await box.pressSequentially(" guidance", { delay: 60 });
    await expect(page).toHaveURL("/toolkit?q=anonymisation+guidance");
    await expect(box).toBeFocused();
    await page.goBack();
    await expect(page).toHaveURL("/toolkit");
    await expect(box).toHaveValue("");
    await page.goBack();
    await expect(page).toHaveURL("/courses");

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("a synonym typed live finds its entries; a facet applies at once; axe passes", async ({
    page,
  }) => {
    const problems = watchForProblems(page);
    await page.goto("/toolkit");
    await waitForHydration(page);
    await toolkitBox(page).fill("DPIA");
    await expect(page).toHaveURL("/toolkit?q=DPIA");
    await expect(page.locator(".search-hit__title").first()).toBeVisible();
    expect((await resultTitles(page)).slice(0, 5)).toEqual(expect.arrayContaining([ICO_DPIA]));

    const guide = facet(page, "Type").getByRole("checkbox", { name: /^Guide \(\d+\)$/ });
    const guideCount = await optionCount(guide);
    await guide.check();
    await expect(page).toHaveURL("/toolkit?q=DPIA&type=guide");
    await expect(resultCount(page)).toHaveText(new RegExp(`^${guideCount} entr`));
    await expectNoSeriousA11yViolations(page);

    // Sorting applies on change, too.
    await page.getByLabel("Sort by").selectOption("newest");
    await expect(page).toHaveURL("/toolkit?q=DPIA&type=guide&sort=newest");

    // Removing the chip unticks the box.
    await page.getByRole("link", { name: "Remove filter: Type: Guide" }).click();
    await expect(page).toHaveURL("/toolkit?q=DPIA&sort=newest");
    await expect(facet(page, "Type").getByRole("checkbox", { name: /^Guide / })).not.toBeChecked();

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("opening a result goes through the redirect to the entry page", async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto("/toolkit?q=gdpr");
    await waitForHydration(page);
    await page.locator(".search-hit__title").getByRole("link", { name: GDPR.title }).click();
    await expect(page).toHaveURL(GDPR.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(GDPR.title);
    await expect(page.getByRole("heading", { level: 2, name: "What it is" })).toBeVisible();
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("the header search fits a 320 px screen", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("/");
    const header = page.getByRole("search", { name: "Site search" });
    await expect(header.getByRole("searchbox", { name: "Search Practica" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Search" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await page.goto("/toolkit?q=data+sharing+agreement&type=template");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await expectNoSeriousA11yViolations(page);
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`axe in the ${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    for (const path of [
      "/toolkit?q=privacy&type=guide&region=europe",
      "/toolkit?q=dpai",
      "/toolkit?page=999",
      "/search",
      "/search?q=mobile+phone+data",
      "/search?q=data&kind=lesson&page=2",
    ]) {
      test(path, async ({ page }) => {
        await visit(page, path);
      });
    }
  });
}
