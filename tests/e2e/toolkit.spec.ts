import { expect, test } from "@playwright/test";
import { COURSE_PATH, LESSON_PATH } from "../route-access";
import { waitForHydration } from "./utils";

/*
 * The guidance toolkit: the index grouped by type, entry pages with their facts and the link
 * to the original, and the two-way links between lessons and entries.
 */

const GOVLAB = {
  path: "/toolkit/govlab-data-collaboratives",
  title: "Data Collaboratives (datacollaboratives.org)",
  publisher: "The GovLab, New York University",
  year: "2017",
  sourceUrl: "https://datacollaboratives.org/",
};

const TYPE_HEADINGS = [
  "Templates",
  "Guides",
  "Frameworks and laws",
  "Case studies",
  "Tools",
  "Datasets",
  "Training",
];

test("the toolkit lists every entry under its type", async ({ page }) => {
  await page.goto("/toolkit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guidance toolkit");
  const total = Number(
    /^(\d+) real tools/.exec((await page.locator(".lead").textContent()) ?? "")?.[1],
  );
  expect(total).toBeGreaterThan(0);

  // One section per type that has entries, in the order of the list of types.
  const sections = page.locator("section[aria-labelledby^='type-']");
  const headings = await sections.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.length).toBeGreaterThan(1);
  expect(headings).toEqual(TYPE_HEADINGS.filter((heading) => headings.includes(heading)));

  // The "by type" links jump to those sections and give their sizes, which add up to the total.
  const typeLinks = page.getByRole("navigation", { name: "Entries by type" }).getByRole("link");
  await expect(typeLinks).toHaveCount(headings.length);
  let sum = 0;
  for (let index = 0; index < headings.length; index += 1) {
    const section = sections.nth(index);
    const titles = await section.getByRole("heading", { level: 3 }).allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles, `${headings[index]} sorted by title`).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, "en")),
    );
    const link = typeLinks.nth(index);
    await expect(link).toHaveText(`${headings[index]} (${titles.length})`);
    const anchor = (await link.getAttribute("href")) ?? "";
    await expect(section.locator(`h2${anchor}`)).toHaveCount(1);
    sum += titles.length;
  }
  expect(sum).toBe(total);

  // An entry sits under its own type, with its publisher and year.
  const guides = sections.filter({ has: page.getByRole("heading", { level: 2, name: "Guides" }) });
  const card = guides.getByRole("listitem").filter({ hasText: GOVLAB.title });
  await expect(card.getByRole("link", { name: GOVLAB.title })).toHaveAttribute("href", GOVLAB.path);
  await expect(card).toContainText(`${GOVLAB.publisher}, ${GOVLAB.year}`);
});

test("an entry page shows its publisher, year and a link to the original", async ({ page }) => {
  const response = await page.goto(GOVLAB.path);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(GOVLAB.title);
  const details = page.locator("aside dl.details");
  await expect(details.locator("dt:has-text('Publisher') + dd")).toHaveText(GOVLAB.publisher);
  await expect(details.locator("dt:has-text('Year') + dd")).toHaveText(GOVLAB.year);
  await expect(details.locator("dt:has-text('Type') + dd")).toHaveText("Guide");
  const original = page.getByRole("link", { name: "Open the original resource" });
  await expect(original).toHaveAttribute("href", GOVLAB.sourceUrl);
  await expect(original).toHaveAttribute("rel", /noopener/);
  // The body, compiled from MDX.
  await expect(page.getByRole("heading", { level: 2, name: "What it is" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Related entries" })).toBeVisible();
});

test("a toolkit link in a lesson leads to the entry, which lists the lessons that use it", async ({
  page,
}) => {
  await page.goto(LESSON_PATH);
  await waitForHydration(page);
  const link = page
    .locator(".lesson__body")
    .getByRole("link", { name: "the GovLab's data collaboratives resource" });
  await expect(link).toHaveAttribute("href", GOVLAB.path);
  expect((await page.request.get(GOVLAB.path)).status()).toBe(200);

  await link.click();
  await expect(page).toHaveURL(GOVLAB.path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(GOVLAB.title);
  await expect(page.getByRole("heading", { level: 2, name: "What it is" })).toBeVisible();

  const usedIn = page.locator('section[aria-labelledby="used-in"]');
  await expect(usedIn.getByRole("heading", { level: 2 })).toHaveText("Used in these lessons");
  await expect(usedIn.getByRole("link", { name: "What is a data collaborative?" })).toHaveAttribute(
    "href",
    LESSON_PATH,
  );
  await expect(usedIn).toContainText("Foundations of responsible public-private data sharing");

  // Back to the lesson from there.
  await usedIn.getByRole("link", { name: "What is a data collaborative?" }).click();
  await expect(page).toHaveURL(LESSON_PATH);
});

test("an entry linked from several lessons lists each; one linked from none lists none", async ({
  page,
}) => {
  await page.goto("/toolkit/google-covid-19-community-mobility-reports");
  const usedIn = page.locator('section[aria-labelledby="used-in"]');
  await expect(
    usedIn.getByRole("link", { name: "Private data in the COVID-19 response" }),
  ).toHaveAttribute("href", `${COURSE_PATH}/private-data-in-covid-19`);
  await expect(usedIn.getByRole("link", { name: "Costs and incentives" })).toHaveAttribute(
    "href",
    "/courses/value-impact-sustainability/costs-and-incentives",
  );

  await page.goto("/toolkit/african-union-data-policy-framework");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("AU Data Policy Framework");
  await expect(page.getByRole("heading", { name: "Used in these lessons" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the lesson's toolkit link is a plain link to a page that answers 200", async ({ page }) => {
    await page.goto(LESSON_PATH);
    const response = page.waitForResponse((candidate) => candidate.url().endsWith(GOVLAB.path));
    await page
      .locator(".lesson__body")
      .getByRole("link", { name: "the GovLab's data collaboratives resource" })
      .click();
    expect((await response).status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(GOVLAB.title);
    await expect(page.getByRole("heading", { level: 2, name: "What it is" })).toBeVisible();
  });
});
