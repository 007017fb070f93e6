import { expect, test, type Page } from "@playwright/test";
import {
  accountMenu,
  expectFieldError,
  expectNoSeriousA11yViolations,
  linkInMail,
  newAdminPage,
  readMailInOutbox,
  signInThroughForm,
  signInWithRequest,
  signOutThroughMenu,
  signUpWithRequest,
  visit,
} from "./utils";

const RESET_SUBJECT = "Reset your Practica password";
const VERIFY_SUBJECT = "Confirm your email address for Practica";
const INVALID_SIGN_IN = "The email address or password is not right.";

async function expectSignedOut(page: Page, path = "/account") {
  const response = await page.request.get(path, { maxRedirects: 0 });
  expect(response.status(), `${path} for a signed-out visitor`).toBe(302);
  expect(response.headers().location).toBe(`/sign-in?${new URLSearchParams({ redirectTo: path })}`);
}

test("forgotten password: mail in the outbox, link sets a new password once", async ({
  page,
  browser,
}) => {
  const account = await signUpWithRequest(page.request, { label: "forgot" });
  await page.context().clearCookies();
  const newPassword = "quiet-harbour-lantern-77";

  await visit(page, "/sign-in");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Email address").fill(account.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${account.email}`);

  const admin = await newAdminPage(browser);
  try {
    const mail = await readMailInOutbox(admin.page, account.email, RESET_SUBJECT);
    await expectNoSeriousA11yViolations(admin.page, "admin outbox");
    const link = linkInMail(mail, "/reset-password/");

    await visit(page, link);
    await expect(
      page.getByRole("heading", { level: 1, name: "Choose a new password" }),
    ).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Type the new password again").fill(newPassword);
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reset=1$/);
    await expect(page.getByRole("status")).toHaveText(
      "Your password has been changed. Sign in with the new one.",
    );
    await expectNoSeriousA11yViolations(page, "sign-in after reset");

    // The old password no longer works; the new one does.
    await signInThroughForm(page, account.email, account.password);
    await expect(page.getByRole("alert")).toContainText(INVALID_SIGN_IN);
    await signInThroughForm(page, account.email, newPassword);
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toContainText(account.displayName);

    // The link works once.
    await signOutThroughMenu(page);
    await page.goto(link);
    await expect(page.getByText("This link is not valid any more")).toBeVisible();
    await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
    // Posting to it anyway changes nothing.
    const replay = await page.request.post(link, {
      form: { password: "another-fine-password-1", confirmPassword: "another-fine-password-1" },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(400);
  } finally {
    await admin.context.close();
  }
});

test("change password in account settings; other devices are signed out", async ({
  page,
  browser,
}) => {
  const account = await signUpWithRequest(page.request, { label: "change-pw" });
  const newPassword = "amber-kettle-meadow-19";
  const otherDevice = await browser.newContext();
  try {
    await signInWithRequest(otherDevice.request, account.email, account.password);

    await visit(page, "/account");
    // A wrong current password is refused next to that field.
    await page.getByLabel("Current password").fill("not-my-password-at-all");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Type the new password again").fill(newPassword);
    await page.getByRole("button", { name: "Change password", exact: true }).click();
    await expectFieldError(
      page.getByLabel("Current password"),
      "This is not your current password",
    );
    await expectNoSeriousA11yViolations(page, "account with a password error");

    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Type the new password again").fill(newPassword);
    await page.getByRole("button", { name: "Change password", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Your password has been changed. Other devices have been signed out.",
    );
    await expect(accountMenu(page)).toBeVisible();

    const other = await otherDevice.request.get("/account", { maxRedirects: 0 });
    expect(other.status(), "the other device is signed out").toBe(302);

    await signOutThroughMenu(page);
    await signInThroughForm(page, account.email, newPassword);
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toContainText(account.displayName);
  } finally {
    await otherDevice.close();
  }
});

test("sign out of every device ends the sessions of other browsers too", async ({
  page,
  browser,
}) => {
  const account = await signUpWithRequest(page.request, { label: "everywhere" });
  const otherContext = await browser.newContext();
  try {
    const otherPage = await otherContext.newPage();
    await signInWithRequest(otherPage.request, account.email, account.password);
    await otherPage.goto("/account");
    await expect(accountMenu(otherPage)).toContainText(account.displayName);

    await visit(page, "/account");
    await page.getByRole("button", { name: "Sign out of every device" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toHaveCount(0);
    // The other browser is signed out at its next request.
    await expectSignedOut(otherPage);

    // The other browser finds out on its next navigation.
    await accountMenu(otherPage).click();
    await otherPage.getByRole("link", { name: "Your profile", exact: true }).click();
    await expect(otherPage).toHaveURL(/\/sign-in\?redirectTo=/);
    await expect(
      otherPage.getByRole("heading", { level: 1, name: "Sign in to Practica" }),
    ).toBeVisible();
    await expect(accountMenu(otherPage)).toHaveCount(0);
    await expectSignedOut(otherPage);
  } finally {
    await otherContext.close();
  }
});

test("admin grants a role, suspends and reinstates a person; the audit log records it", async ({
  page,
  browser,
}) => {
  const account = await signUpWithRequest(page.request, { label: "managed" });
  const admin = await newAdminPage(browser);
  try {
    const adminPage = admin.page;
    await visit(adminPage, "/admin/people");
    await adminPage.getByLabel("Find people by name or email").fill(account.email);
    // The page's own search form, not the site search in the header.
    await adminPage.getByRole("main").getByRole("button", { name: "Search" }).click();
    // The unfiltered list may already show the new account: clicking its link while the
    // search is still loading races two navigations (CI once kept the search's URL).
    await expect(adminPage).toHaveURL(/[?&]q=/);
    await adminPage.getByRole("link", { name: `Manage ${account.displayName}` }).click();
    await expect(adminPage).toHaveURL(new RegExp(`/admin/people/${account.id}$`));
    await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText(account.displayName);
    await expectNoSeriousA11yViolations(adminPage, "admin person");

    // Grant the expert role.
    await adminPage.getByLabel("Role to grant").selectOption("expert");
    await adminPage.getByRole("button", { name: "Grant role" }).click();
    await expect(adminPage.getByRole("status")).toHaveText("Expert role granted.");
    await expect(adminPage.getByRole("button", { name: "Revoke Expert" })).toBeVisible();

    await visit(page, "/account");
    await expect(
      page.getByRole("heading", { name: "Your roles" }).locator("xpath=following-sibling::ul[1]"),
    ).toContainText("Expert");

    await visit(adminPage, "/admin/audit");
    const grantRow = adminPage
      .getByRole("row")
      .filter({ has: adminPage.getByRole("link", { name: account.displayName }) })
      .filter({ hasText: "role.grant" });
    await expect(grantRow).toHaveCount(1);
    await expect(grantRow).toContainText("role: expert");
    await expect(grantRow).toContainText("Amara Okafor");

    // Suspend: the person is signed out and cannot sign in again.
    await adminPage.goto(`/admin/people/${account.id}`);
    await adminPage.getByRole("button", { name: "Suspend account" }).click();
    await expect(adminPage.getByRole("status")).toHaveText("Account suspended.");
    await expect(adminPage.getByRole("button", { name: "Lift suspension" })).toBeVisible();

    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);
    await signInThroughForm(page, account.email, account.password);
    await expect(page.getByRole("alert")).toHaveText(INVALID_SIGN_IN);
    await expect(accountMenu(page)).toHaveCount(0);

    // Lift the suspension: signing in works again.
    await adminPage.getByRole("button", { name: "Lift suspension" }).click();
    await expect(adminPage.getByRole("status")).toHaveText("Suspension lifted.");
    await signInThroughForm(page, account.email, account.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toContainText(account.displayName);

    await visit(adminPage, "/admin/audit");
    for (const action of ["account.suspend", "account.unsuspend"]) {
      await expect(
        adminPage
          .getByRole("row")
          .filter({ has: adminPage.getByRole("link", { name: account.displayName }) })
          .filter({ hasText: action }),
      ).toHaveCount(1);
    }
  } finally {
    await admin.context.close();
  }
});

test("email verification link from the outbox verifies the address", async ({ page, browser }) => {
  const account = await signUpWithRequest(page.request, { label: "verify" });
  await visit(page, "/account");
  await expect(page.getByText("Your email address is not verified yet.")).toBeVisible();

  const admin = await newAdminPage(browser);
  try {
    const link = linkInMail(
      await readMailInOutbox(admin.page, account.email, VERIFY_SUBJECT),
      "/verify-email/",
    );
    await visit(page, link);
    await expect(page.getByRole("status")).toHaveText("Thank you: your email address is verified.");

    await visit(page, "/account");
    await expect(page.getByText("Your email address is verified.")).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Send the verification link again" }),
    ).toHaveCount(0);

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole("status")).toContainText(
      "This verification link is not valid any more.",
    );
    await expectNoSeriousA11yViolations(page, "used verification link");
  } finally {
    await admin.context.close();
  }
});

test("a fresh verification link can be sent from account settings", async ({ page, browser }) => {
  const account = await signUpWithRequest(page.request, { label: "resend" });
  await visit(page, "/account");
  await page.getByRole("button", { name: "Send the verification link again" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `A new verification link is on its way to ${account.email}.`,
  );

  const admin = await newAdminPage(browser);
  try {
    // The newest of the two mails.
    const link = linkInMail(
      await readMailInOutbox(admin.page, account.email, VERIFY_SUBJECT),
      "/verify-email/",
    );
    await page.goto(link);
    await expect(page.getByRole("status")).toHaveText("Thank you: your email address is verified.");
  } finally {
    await admin.context.close();
  }
});
