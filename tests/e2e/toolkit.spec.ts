import { expect, test } from "@playwright/test";
import { COURSE_PATH, LESSON_PATH } from "../route-access";
import { waitForHydration } from "./utils";

/*
 * The guidance toolkit: the index (its search is in search.spec.ts), entry pages with their
 * facts and the link to the original, and the two-way links between lessons and entries.
 */

const GOVLAB = {
  path: "/toolkit/govlab-data-collaboratives",
  title: "Data Collaboratives (datacollaboratives.org)",
  publisher: "The GovLab, New York University",
  year: "2017",
  sourceUrl: "https://datacollaboratives.org/",
};

const TYPE_LABELS = ["Template", "Guide", "Framework or law", "Case study", "Tool", "Dataset", "Training"];

test("the toolkit lists every entry, with how many there are of each type", async ({ page }) => {
  await page.goto("/toolkit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guidance toolkit");
  const total = Number(
    /^(\d+) real tools/.exec((await page.locator(".lead").textContent()) ?? "")?.[1],
  );
  expect(total).toBeGreaterThan(0);
  // Browsing (no words, no filters) lists every entry.
  await expect(page.locator(".search-results__count")).toHaveText(`${total} entries`);

  // The type facet lists the types in the vocabulary's order; their counts add up to the total.
  const types = page.getByRole("group", { name: "Type", exact: true }).getByRole("checkbox");
  const labels = await types.evaluateAll((inputs) =>
    inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ""),
  );
  expect(labels.length).toBeGreaterThan(1);
  const names = labels.map((label) => label.replace(/ \(\d+\)$/, ""));
  expect(names).toEqual(TYPE_LABELS.filter((label) => names.includes(label)));
  const sum = labels.reduce((acc, label) => acc + Number(/\((\d+)\)$/.exec(label)?.[1]), 0);
  expect(sum).toBe(total);

  // An entry with its type, publisher and year. Browsing is not a logged search, so its link
  // goes straight to the page; a filtered list is, so its links count the click on the way.
  await page.goto("/toolkit");
  const browseLink = page.locator(".search-hit").getByRole("link", { name: GOVLAB.title });
  await expect(browseLink).toHaveAttribute("href", GOVLAB.path);
  await page.goto("/toolkit?type=guide");
  const card = page.locator(".search-hit").filter({ hasText: GOVLAB.title });
  await expect(card.getByRole("link", { name: GOVLAB.title })).toHaveAttribute(
    "href",
    /^\/search\/go\?qid=[0-9a-f-]{36}&doc=toolkit%3Agovlab-data-collaboratives&pos=\d+$/,
  );
  await expect(card).toContainText(`Guide · ${GOVLAB.publisher}, ${GOVLAB.year}`);
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

test("an entry page gives the exact published title and says the licence in words", async ({ page }) => {
  // A shorter display title, with the title as published under it; CC BY 2.5, as PLOS used in 2011.
  await page.goto("/toolkit/flowminder-haiti-earthquake-mobile-phone-study");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Tracking population movements after the 2010 Haiti earthquake with mobile phone data",
  );
  await expect(
    page.getByText(
      "Published as: Improved Response to Disasters and Outbreaks by Tracking Population Movements with Mobile Phone Network Data: A Post-Earthquake Geospatial Study in Haiti",
    ),
  ).toBeVisible();
  const licence = page.locator("aside dl.details dt:has-text('Licence') + dd");
  await expect(licence).toHaveText("CC-BY-2.5");

  // A licence that could not be confirmed, and a US federal work.
  await page.goto("/toolkit/african-union-data-policy-framework");
  await expect(page.getByText("Published as:")).toHaveCount(0);
  await expect(licence).toHaveText("Licence not stated: check the source before reuse");
  await page.goto("/toolkit/hhs-hipaa-de-identification-guidance");
  await expect(licence).toHaveText("Public domain in the United States (a US federal government work)");

  // The licence facet uses the same words, "not stated" last.
  await page.goto("/toolkit");
  const options = await page
    .getByRole("group", { name: "Licence", exact: true })
    .getByRole("checkbox")
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ""));
  expect(options.at(-1)).toMatch(/^Licence not stated: check the source before reuse \(\d+\)$/);
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
