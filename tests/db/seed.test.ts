import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase } from "../../db/seed";
import { userRoles, users } from "../../db/schema";
import { countRows } from "../db-utils";
import { authenticate } from "~/modules/auth/accounts.server";
import { getRoles } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";

// One sequence: the database is shared by the whole file.
describe("seedDatabase", () => {
  it("creates no accounts when demo accounts are not wanted", async () => {
    await seedDatabase(db, { demoAccounts: false });
    expect(await countRows(users)).toBe(0);
    expect(await countRows(userRoles)).toBe(0);
  });

  it("creates the five demo accounts once, however often it runs", async () => {
    await seedDatabase(db, { demoAccounts: true });
    await seedDatabase(db, { demoAccounts: true });

    expect(DEMO_ACCOUNTS).toHaveLength(5);
    expect(await countRows(users)).toBe(5);
    expect(await countRows(userRoles)).toBe(4);
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await db
        .select({ id: users.id, displayName: users.displayName, verifiedAt: users.emailVerifiedAt })
        .from(users)
        .where(eq(users.email, account.email));
      expect(row).toMatchObject({ displayName: account.displayName, verifiedAt: expect.any(Date) });
      expect(await getRoles(row?.id ?? "")).toEqual(account.roles);
    }
  });

  it("demo accounts sign in with the documented password", async () => {
    const result = await authenticate({
      email: "admin@practica.test",
      password: DEMO_PASSWORD,
      clientAddress: "127.0.0.1",
    });
    expect(result).toMatchObject({ ok: true });
  });
});
