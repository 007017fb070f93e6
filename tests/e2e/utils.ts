import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Locator,
  type Page,
} from "@playwright/test";

/** Every demo account shares this password (db/seed.ts). */
export const DEMO_PASSWORD = "practica-demo";

export const DEMO = {
  admin: "admin@practica.test",
  facilitator: "facilitator@practica.test",
  expert: "expert@practica.test",
  moderator: "moderator@practica.test",
  learner: "learner@practica.test",
} as const;

/** A password long enough, and not on any list of common passwords. */
export const GOOD_PASSWORD = "tidal-walnut-orchestra-42";

const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** An address no other test uses, so tests can run side by side on one server. */
export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}@example.org`;
}

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation,
 * listing each one with the elements it concerns.
 */
export async function expectNoSeriousA11yViolations(page: Page, label?: string): Promise<void> {
  // Remix's inline script defines __remixContext; when it is missing, scripts do not run here.
  const scriptsRun = await page.evaluate(() => "__remixContext" in window);
  const results = scriptsRun ? await analyze(page) : await analyzeStaticCopy(page);
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  const report = serious
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - ${node.target.join(" ")}\n      ${(node.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
        )
        .join("\n");
      return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}`;
    })
    .join("\n");
  expect(serious.length, `Accessibility violations on ${label ?? page.url()}:\n${report}`).toBe(0);
}

function analyze(page: Page) {
  return new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
}

/**
 * axe waits on timers, which never fire in a page whose JavaScript is disabled. So the page
 * as it stands (its HTML without scripts) is served again, at the same address, in a page
 * where scripts run, with the same viewport and colour scheme, and axe checks that copy.
 */
async function analyzeStaticCopy(page: Page) {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser to open a copy of the page in");
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const isDark = await page.evaluate(
    () => window.matchMedia("(prefers-color-scheme: dark)").matches,
  );
  const copyContext = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
    colorScheme: isDark ? "dark" : "light",
  });
  try {
    const copy = await copyContext.newPage();
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(url);
    return await analyze(copy);
  } finally {
    await copyContext.close();
  }
}

/** Navigates and checks the page that arrives with axe. */
/** What React reports when the browser's first render differs from the server's HTML. */
const HYDRATION_ERROR = /Minified React error #(418|419|421|422|423|425)|hydrat|did not match/i;

/**
 * Opens `path`, waits for hydration when the page runs JavaScript, and checks it with axe.
 * A page whose browser render differs from the server's (a string missing on the client,
 * say) fails here: React would silently replace the server's text.
 */
export async function visit(page: Page, path: string): Promise<void> {
  const hydrationErrors: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error" && HYDRATION_ERROR.test(message.text())) hydrationErrors.push(message.text());
  };
  const onPageError = (error: Error) => {
    if (HYDRATION_ERROR.test(error.message)) hydrationErrors.push(error.message);
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  try {
    const response = await page.goto(path);
    expect(response, `no response for ${path}`).not.toBeNull();
    // Inline scripts only run with JavaScript on: then Remix's context exists.
    const runsScripts = await page.evaluate(() => "__remixContext" in window);
    if (runsScripts) await waitForHydration(page);
    expect(hydrationErrors, `hydration errors on ${path}`).toEqual([]);
    await expectNoSeriousA11yViolations(page);
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
  }
}

/**
 * Signs in by posting the sign-in form, the way a browser without JavaScript does. Cookies
 * land in the context the request belongs to (page.request shares them with the page).
 */
export async function signInWithRequest(
  request: APIRequestContext,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  const response = await request.post("/sign-in", {
    form: { email, password },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in as ${email}`).toBe(302);
  expect(response.headers()["set-cookie"] ?? "", `session cookie for ${email}`).toContain("=");
}

export interface NewAccount {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

/** Creates an account through the sign-up form (signed in afterwards) and finds its id. */
export async function signUpWithRequest(
  request: APIRequestContext,
  options: { label: string; displayName?: string; password?: string },
): Promise<NewAccount> {
  const email = uniqueEmail(options.label);
  const password = options.password ?? GOOD_PASSWORD;
  const displayName =
    options.displayName ?? `Test ${options.label} ${randomBytes(2).toString("hex")}`;
  const response = await request.post("/sign-up", {
    form: { displayName, email, password },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-up of ${email}`).toBe(302);
  expect(response.headers().location).toBe("/account/profile");
  return { id: await currentUserId(request), email, password, displayName };
}

/** The id of whoever the request context is signed in as, read from the account menu. */
export async function currentUserId(request: APIRequestContext): Promise<string> {
  const response = await request.get("/account/profile", { maxRedirects: 0 });
  expect(response.status(), "signed in").toBe(200);
  const match = /href="\/people\/([0-9a-f-]{36})"/.exec(await response.text());
  expect(match, "a link to the signed-in person's profile").not.toBeNull();
  return match?.[1] ?? "";
}

/** A fresh browser context signed in as an admin, for reading the outbox and managing people. */
export async function newAdminPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithRequest(page.request, DEMO.admin);
  return { context, page };
}

/**
 * Opens the newest mail to `recipient` whose subject contains `subject` in the admin outbox
 * and returns its body. Looks at the first few pages, since other tests send mail too.
 */
export async function readMailInOutbox(
  adminPage: Page,
  recipient: string,
  subject: string,
): Promise<string> {
  for (let pageNumber = 1; pageNumber <= 5; pageNumber += 1) {
    await adminPage.goto(pageNumber === 1 ? "/admin/outbox" : `/admin/outbox?page=${pageNumber}`);
    const mail = adminPage
      .getByRole("article")
      .filter({ hasText: recipient })
      .filter({ has: adminPage.getByRole("heading", { name: subject }) })
      .first();
    if ((await mail.count()) > 0) return (await mail.locator("pre").textContent()) ?? "";
  }
  throw new Error(`No mail "${subject}" to ${recipient} in the outbox`);
}

/** The first link in a mail body, as a path on this server. */
export function linkInMail(body: string, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${pathPrefix}[^\\s]+)`).exec(body);
  if (!match?.[1]) throw new Error(`No ${pathPrefix} link in the mail:\n${body}`);
  return match[1];
}

/**
 * Checks that a field shows `message` next to it, announced to assistive technology:
 * aria-invalid="true" and aria-describedby naming the element that holds the message.
 */
export async function expectFieldError(input: Locator, message: string | RegExp): Promise<void> {
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
  const ids = describedBy.split(/\s+/).filter(Boolean);
  expect(ids.length, "aria-describedby names at least one element").toBeGreaterThan(0);
  // The describing elements sit in the same field wrapper as the input.
  const field = input.locator("xpath=..");
  const descriptions = ids.map((id) => field.locator(`[id="${id}"]`));
  for (const description of descriptions) await expect(description).toHaveCount(1);
  const texts = await Promise.all(descriptions.map((description) => description.innerText()));
  const matches = texts.some((text) =>
    typeof message === "string" ? text.includes(message) : message.test(text),
  );
  expect(
    matches,
    `one of #${ids.join(", #")} says ${String(message)}; they say ${JSON.stringify(texts)}`,
  ).toBe(true);
  // The message is visible on the page, not only in the accessibility tree.
  await expect(field.getByText(message)).toBeVisible();
}

/** Opens the account menu (a <details> disclosure) and presses "Sign out". */
export async function signOutThroughMenu(page: Page): Promise<void> {
  const summary = page.locator("details.account-menu > summary");
  await summary.click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
}

/** Fills and submits the sign-in form on /sign-in. */
export async function signInThroughForm(
  page: Page,
  email: string,
  password: string,
): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The account menu's summary, present only for signed-in people. */
export function accountMenu(page: Page): Locator {
  return page.locator("details.account-menu > summary");
}

/**
 * Waits until React has hydrated the page: hydration attaches React's fiber to the DOM
 * nodes it adopts, and the last element of <main> is adopted last.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const nodes = document.querySelectorAll("main *");
    const last = nodes[nodes.length - 1] ?? document.querySelector("main");
    return Boolean(last && Object.keys(last).some((key) => key.startsWith("__reactFiber")));
  });
}

/** Records console errors, uncaught page errors and CSP violations for the life of the page. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /content security policy/i.test(message.text())) {
      problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/**
 * Collects the page's securitypolicyviolation events (Chromium does not always log them).
 * Init scripts are injected by the browser, not by the page, so the policy does not apply to them.
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = record;
    document.addEventListener("securitypolicyviolation", (event) => {
      record.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      );
    });
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
}
