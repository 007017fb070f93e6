import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "../../../db/schema";
import { DEMO_PASSWORD } from "../../../db/seed";
import { createTestUser, uniqueEmail } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { authenticate } from "../auth/accounts.server";
import { getRoles } from "../auth/session.server";
import { createAdmin, generatePassword } from "./create-admin.server";

describe("createAdmin (npm run admin:create)", () => {
  it("creates a verified admin who signs in from anywhere, with an audit row", async () => {
    const email = uniqueEmail("First.Admin");
    const password = "a long passphrase for the ministry";
    const result = await createAdmin({ email: ` ${email.toUpperCase()} `, displayName: "Nadia Haddad", password });
    expect(result).toMatchObject({ ok: true, email });
    if (!result.ok) return;

    expect(await getRoles(result.userId)).toEqual(["admin"]);
    const [row] = await db
      .select({ verifiedAt: users.emailVerifiedAt, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, result.userId));
    expect(row).toEqual({ verifiedAt: expect.any(Date), displayName: "Nadia Haddad" });
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetUserId, result.userId));
    expect(audit).toMatchObject([{ action: "role.grant", actorId: null, details: { role: "admin", via: "admin:create" } }]);

    expect(await authenticate({ email, password, clientAddress: "198.51.100.4" })).toEqual({
      ok: true,
      userId: result.userId,
    });
  });

  it("signs in with a generated password", async () => {
    const email = uniqueEmail("generated");
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(generatePassword()).not.toBe(password);
    const result = await createAdmin({ email, displayName: "Generated", password });
    expect(result.ok).toBe(true);
    expect(await authenticate({ email, password, clientAddress: "198.51.100.5" })).toMatchObject({ ok: true });
  });

  it("refuses an existing email, leaving that account as it was", async () => {
    const existing = await createTestUser();
    const result = await createAdmin({ email: existing.email, displayName: "Someone", password: "another long passphrase" });
    expect(result).toMatchObject({ ok: false, problems: [expect.stringContaining("exists already")] });
    expect(await getRoles(existing.id)).toEqual([]);
  });

  it("refuses a bad email, an empty name, a short, common or published password, and creates nothing", async () => {
    const before = await db.select({ id: users.id }).from(users);
    for (const input of [
      { email: "not-an-email", displayName: "X", password: "a long passphrase here" },
      { email: uniqueEmail(), displayName: "  ", password: "a long passphrase here" },
      { email: uniqueEmail(), displayName: "X", password: "short" },
      { email: uniqueEmail(), displayName: "X", password: "1234567890" },
      { email: uniqueEmail(), displayName: "X", password: DEMO_PASSWORD },
    ]) {
      const result = await createAdmin(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
    }
    expect(await db.select({ id: users.id }).from(users)).toHaveLength(before.length);
  });
});
