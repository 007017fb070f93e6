import { expect, test, type Page } from "@playwright/test";
import { signUpWithRequest } from "./utils";

/** Values of redirectTo that took browsers off-site past the old "one slash" check. */
const OFF_SITE = ["/\t/evil.example", "/\n/evil.example", "/.//evil.example", "/\\evil.example", "//evil.example"];

async function signInWithRedirect(page: Page, redirectTo: string, email: string, password: string) {
  await page.goto(`/sign-in?${new URLSearchParams({ redirectTo })}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForLoadState("load");
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("after sign-in, redirectTo never leaves the site; a path on it is followed", async ({
      browser,
      request,
      baseURL,
    }) => {
      const account = await signUpWithRequest(request, { label: "redirect" });
      for (const redirectTo of OFF_SITE) {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        try {
          await signInWithRedirect(page, redirectTo, account.email, account.password);
          await expect(page).toHaveURL(`${baseURL}/`);
        } finally {
          await context.close();
        }
      }
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      try {
        await signInWithRedirect(page, "/courses?audience=analysts", account.email, account.password);
        await expect(page).toHaveURL(`${baseURL}/courses?audience=analysts`);
      } finally {
        await context.close();
      }
    });
  });
}

test("plain HTTP gets no Strict-Transport-Security (it would pin browsers to an https that does not exist)", async ({
  request,
}) => {
  const response = await request.get("/");
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
