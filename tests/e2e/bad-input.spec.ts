import { expect, test } from "@playwright/test";
import {
  DEMO,
  accountMenu,
  expectFieldError,
  expectNoSeriousA11yViolations,
  signInWithRequest,
  signUpWithRequest,
  visit,
} from "./utils";

const INVALID_CHOICE = "Choose one of the options in the list";

test.describe("profile form without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("values no form offers are refused with errors, and what was typed is kept", async ({
    page,
  }) => {
    await signUpWithRequest(page.request, { label: "profile-bad" });
    await visit(page, "/account/profile");

    await page.getByLabel("Your name", { exact: true }).fill("");
    await page.getByLabel("Organisation (optional)", { exact: true }).fill("Kept Organisation");
    // A tampered form: options the page never offered, and a bio past its limit.
    await page.evaluate(() => {
      const choose = (name: string, value: string) => {
        const select = document.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
        if (!select) throw new Error(`no select ${name}`);
        select.add(new Option(value, value, true, true));
      };
      choose("sector", "bogus-sector");
      choose("country", "ZZ");
      choose("timeZone", "Mars/Olympus_Mons");
      document.querySelector("textarea[name=bio]")?.removeAttribute("maxlength");
    });
    await page.getByLabel("Short bio (optional)", { exact: true }).fill("b".repeat(1001));

    const posted = page.waitForResponse(
      (response) =>
        response.request().method() === "POST" && response.url().includes("/account/profile"),
    );
    await page.getByRole("button", { name: "Save profile" }).click();
    expect((await posted).status()).toBe(400);

    await expectFieldError(page.getByLabel("Your name", { exact: true }), "This field is required");
    await expectFieldError(page.getByLabel("Sector (optional)", { exact: true }), INVALID_CHOICE);
    await expectFieldError(page.getByLabel("Country (optional)", { exact: true }), INVALID_CHOICE);
    await expectFieldError(
      page.getByLabel("Time zone (optional)", { exact: true }),
      INVALID_CHOICE,
    );
    await expectFieldError(
      page.getByLabel("Short bio (optional)", { exact: true }),
      "Use at most 1000 characters",
    );
    await expect(page.getByLabel("Organisation (optional)", { exact: true })).toHaveValue(
      "Kept Organisation",
    );
    await expect(page.getByLabel("Short bio (optional)", { exact: true })).toHaveValue(
      "b".repeat(1001),
    );
    await expect(page.getByRole("status")).toHaveText("");
    await expectNoSeriousA11yViolations(page, "profile form with errors");
  });
});

test("a posted profile with bad values gets 400 and changes nothing", async ({ page }) => {
  const account = await signUpWithRequest(page.request, { label: "profile-post" });
  const response = await page.request.post("/account/profile", {
    form: {
      displayName: "Renamed Person",
      organisation: "o".repeat(201),
      sector: "government",
      languages: "xx-not-a-language",
      timeZone: "Not/AZone",
    },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  const html = await response.text();
  expect(html).toContain("Use at most 200 characters");
  expect(html).toContain(INVALID_CHOICE);
  // What was typed comes back in the form.
  expect(html).toContain('value="Renamed Person"');

  await page.goto(`/people/${account.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.displayName);
});

test.describe("addresses that cannot exist", () => {
  test("unknown paths get a 404 status and the not-found page", async ({ page }) => {
    const response = await page.goto("/no-such-page/at-all");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "404 page");
  });

  test("malformed ids get 404, not an error", async ({ page }) => {
    await signInWithRequest(page.request, DEMO.admin);
    for (const path of ["/people/not-a-uuid", "/admin/people/123", "/admin/people/123'--"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Page not found");
    }
    // A path that is not even valid percent-encoding is the client's mistake too.
    const garbled = await page.request.get("/people/%E0%A4%A", { maxRedirects: 0 });
    expect(garbled.status()).toBe(400);
  });
});

test.describe("requests the server refuses", () => {
  test("a body over 256 KB gets 413", async ({ request }) => {
    const response = await request.post("/sign-in", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: `email=someone%40example.org&password=${"x".repeat(300 * 1024)}`,
      maxRedirects: 0,
    });
    expect(response.status()).toBe(413);
  });

  test("a write from another origin gets 403", async ({ page }) => {
    const refused = await page.request.post("/sign-in", {
      headers: { Origin: "http://evil.example" },
      form: { email: DEMO.learner, password: "practica-demo" },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["set-cookie"]).toBeUndefined();

    // Nor can another site sign a member out.
    await signInWithRequest(page.request, DEMO.learner);
    const signOut = await page.request.post("/sign-out", {
      headers: { Origin: "http://evil.example" },
      maxRedirects: 0,
    });
    expect(signOut.status()).toBe(403);
    await page.goto("/account");
    await expect(accountMenu(page)).toBeVisible();
  });

  test("page numbers out of range or not numbers get 400, not 500", async ({ page }) => {
    await signInWithRequest(page.request, DEMO.admin);
    for (const path of [
      "/people?page=0",
      "/people?page=abc",
      "/people?page=-1",
      "/people?page=99999999999",
      "/admin/people?page=0",
      "/admin/audit?page=abc",
      "/admin/outbox?page=1.5",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(400);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(
        "Something is wrong with this request",
      );
    }
    await expectNoSeriousA11yViolations(page, "400 page");
  });
});
