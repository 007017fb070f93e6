import { describe, expect, it } from "vitest";
import { createTestUser, extractToken, getMailsTo } from "../../tests/db-utils";
import { isPasswordResetTokenUsable } from "~/modules/auth/accounts.server";
import { action } from "./forgot-password";

/** A reset request as an attacker would send it: the victim's address, the attacker's Host. */
async function requestResetWithHost(host: string, email: string) {
  const request = new Request(`http://${host}/forgot-password`, {
    method: "POST",
    body: new URLSearchParams({ email }),
  });
  await action({ request, params: {}, context: { clientAddress: "203.0.113.9", cspNonce: "", requestId: "t" } });
}

describe("POST /forgot-password with a forged Host", () => {
  it("mails a link to the configured site, never to the host the request named", async () => {
    const victim = await createTestUser();
    await requestResetWithHost("evil.example", victim.email);

    const [mail] = await getMailsTo(victim.email);
    expect(mail?.text).not.toContain("evil.example");
    expect(mail?.text).toContain("http://localhost:3000/reset-password/");
    // The mailed token works, on the site's own address only.
    expect(await isPasswordResetTokenUsable(extractToken(mail?.text ?? "", "/reset-password/"))).toBe(true);
  });
});
