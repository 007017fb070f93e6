import { afterEach, describe, expect, it } from "vitest";
import { createTestUser } from "../../tests/db-utils";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { resetEnvCache } from "~/utils/env.server";
import { action } from "./sign-up";

async function signUp(email: string, clientAddress: string) {
  const request = new Request("http://localhost/sign-up", {
    method: "POST",
    body: new URLSearchParams({ displayName: "Someone", email, password: "a long enough passphrase" }),
  });
  const response = await action({ request, params: {}, context: { clientAddress, cspNonce: "", requestId: "t" } });
  return { status: response.status, body: await response.text() };
}

afterEach(() => {
  delete process.env.RATE_LIMIT_FACTOR;
  resetEnvCache();
});

describe("POST /sign-up when rate-limited", () => {
  it("says only that it is rate-limited, never whether the address has an account", async () => {
    // One sign-up per hour from this address.
    process.env.RATE_LIMIT_FACTOR = String(1 / 200);
    resetEnvCache();
    const existing = await createTestUser();
    const clientAddress = "198.51.100.23";

    const allowed = await signUp(existing.email, clientAddress);
    expect(allowed.status).toBe(400);
    expect(allowed.body).toContain(t("auth.emailTaken"));

    const limited = await signUp(existing.email, clientAddress);
    expect(limited.status).toBe(429);
    expect(limited.body).toContain(t("auth.signUp.rateLimited", { minutes: 60 }));
    expect(limited.body).not.toContain(t("auth.emailTaken"));
    // The typed address is kept, as for any refused form.
    expect(limited.body).toContain(existing.email);
  });
});
