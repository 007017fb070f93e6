import { expect, test, type Page } from "@playwright/test";
import {
  DEMO,
  GOOD_PASSWORD,
  accountMenu,
  expectFieldError,
  expectNoSeriousA11yViolations,
  signInThroughForm,
  signOutThroughMenu,
  signUpWithRequest,
  uniqueEmail,
  visit,
  waitForHydration,
} from "./utils";

const MESSAGES = {
  required: "This field is required",
  emailInvalid: "Enter an email address like name@example.org",
  passwordTooShort: "Use at least 10 characters",
  passwordCommon: "This password is one of the most commonly used",
  emailTaken: "An account with this email address already exists",
};

function signUpForm(page: Page) {
  return {
    name: page.getByLabel("Your name"),
    email: page.getByLabel("Email address"),
    password: page.getByLabel("Password", { exact: true }),
    submit: page.getByRole("button", { name: "Create account", exact: true }),
  };
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign up, sign out from the account menu, sign in again", async ({ page }) => {
    const email = uniqueEmail("nojs");
    const name = "Nadia Noscript";
    await visit(page, "/sign-up");
    const form = signUpForm(page);
    await form.name.fill(name);
    await form.email.fill(email);
    await form.password.fill(GOOD_PASSWORD);
    await form.submit.click();

    await expect(page).toHaveURL(/\/account\/profile$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
    await expect(accountMenu(page)).toContainText(name);
    await expectNoSeriousA11yViolations(page);

    await signOutThroughMenu(page);
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toHaveCount(0);

    await signInThroughForm(page, email, GOOD_PASSWORD);
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toContainText(name);
  });
});

for (const javaScriptEnabled of [false, true]) {
  test.describe(`sign-up errors, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("each invalid field shows its own error, wired to the field, and input is kept", async ({
      page,
    }) => {
      await visit(page, "/sign-up");
      if (javaScriptEnabled) await waitForHydration(page);
      const form = signUpForm(page);
      await form.name.fill("");
      await form.email.fill("not-an-email");
      await form.password.fill("short");
      const posted = javaScriptEnabled
        ? null
        : page.waitForResponse(
            (response) =>
              response.request().method() === "POST" && response.url().includes("/sign-up"),
          );
      await form.submit.click();
      if (posted) expect((await posted).status()).toBe(400);

      await expectFieldError(form.name, MESSAGES.required);
      await expectFieldError(form.email, MESSAGES.emailInvalid);
      await expectFieldError(form.password, MESSAGES.passwordTooShort);
      await expect(form.email).toHaveValue("not-an-email");
      // The server never sends a password back into the page.
      if (!javaScriptEnabled) await expect(form.password).toHaveValue("");
      await expectNoSeriousA11yViolations(page, "sign-up with errors");
    });

    test("a common password is refused and the name and email are kept", async ({ page }) => {
      await page.goto("/sign-up");
      if (javaScriptEnabled) await waitForHydration(page);
      const form = signUpForm(page);
      const email = uniqueEmail("common");
      await form.name.fill("Kept Name");
      await form.email.fill(email);
      await form.password.fill("password123");
      const posted = page.waitForResponse(
        (response) => response.request().method() === "POST" && response.url().includes("/sign-up"),
      );
      await form.submit.click();
      expect((await posted).status()).toBe(400);

      await expectFieldError(form.password, MESSAGES.passwordCommon);
      await expect(form.name).toHaveValue("Kept Name");
      await expect(form.email).toHaveValue(email);
      await expect(form.email).not.toHaveAttribute("aria-invalid", "true");
      if (!javaScriptEnabled) await expect(form.password).toHaveValue("");
      await expect(accountMenu(page)).toHaveCount(0);
    });

    test("an address that already has an account is refused", async ({ page }) => {
      await page.goto("/sign-up");
      if (javaScriptEnabled) await waitForHydration(page);
      const form = signUpForm(page);
      await form.name.fill("Second Learner");
      await form.email.fill(DEMO.learner.toUpperCase());
      await form.password.fill(GOOD_PASSWORD);
      const posted = page.waitForResponse(
        (response) => response.request().method() === "POST" && response.url().includes("/sign-up"),
      );
      await form.submit.click();
      expect((await posted).status()).toBe(400);

      await expectFieldError(form.email, MESSAGES.emailTaken);
      await expect(form.name).toHaveValue("Second Learner");
      await expect(form.email).toHaveValue(DEMO.learner.toUpperCase());
      await expect(accountMenu(page)).toHaveCount(0);
    });
  });
}

test("a name with markup is shown as text, never as markup", async ({ page }) => {
  const displayName = "<b>Bold</b> <script>alert(1)</script>";
  page.on("dialog", (dialog) => {
    throw new Error(`a script from the name ran: ${dialog.message()}`);
  });
  const account = await signUpWithRequest(page.request, { label: "markup", displayName });

  await visit(page, `/people/${account.id}`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(displayName);
  await expect(heading.locator("b")).toHaveCount(0);
  await expect(page.locator("main script")).toHaveCount(0);
  await expect(accountMenu(page)).toContainText(displayName);
  await expect(page.locator("header b")).toHaveCount(0);
});
