import { afterEach, describe, expect, it } from "vitest";
import { t } from "~/i18n";
import "~/i18n/search";
import { loader as siteSearchLoader } from "~/routes/search._index";
import { loader as toolkitLoader } from "~/routes/toolkit._index";
import { resetEnvCache } from "~/utils/env.server";
import { requireSearchAllowance } from "./search-pages.server";

afterEach(() => {
  delete process.env.RATE_LIMIT_FACTOR;
  resetEnvCache();
});

async function refusal(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("the search was allowed");
}

function useLimitOf(searches: number) {
  process.env.RATE_LIMIT_FACTOR = String(searches / 1_000);
  resetEnvCache();
}

describe("requireSearchAllowance", () => {
  it("lets an address search up to its limit, then answers 429 with a clear message", async () => {
    useLimitOf(3);
    const address = "203.0.113.40";
    for (let search = 1; search <= 3; search++) await requireSearchAllowance(address);
    const refused = await refusal(requireSearchAllowance(address));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toBe(t("search.rateLimited", { minutes: 10 }));
    // Another address is not affected.
    await requireSearchAllowance("203.0.113.41");
  });

  it("the default limit is generous: 300 searches in a row (typing as you search) pass", async () => {
    const address = "203.0.113.42";
    for (let search = 1; search <= 300; search++) await requireSearchAllowance(address);
  });
});

describe("search pages refuse an address over its limit", () => {
  const context = (clientAddress: string) => ({ clientAddress, cspNonce: "", requestId: "t" });

  it("/toolkit?q= and /search", async () => {
    useLimitOf(1);
    const address = "203.0.113.43";
    await requireSearchAllowance(address);
    const toolkit = await refusal(
      toolkitLoader({ request: new Request("http://localhost/toolkit?q=d"), params: {}, context: context(address) }),
    );
    expect(toolkit.status).toBe(429);
    const site = await refusal(
      siteSearchLoader({ request: new Request("http://localhost/search?q=d"), params: {}, context: context(address) }),
    );
    expect(site.status).toBe(429);
  });
});
