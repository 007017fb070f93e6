import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase } from "../../db/seed";
import { cohortMembers, cohortSessions, cohorts, userRoles, users } from "../../db/schema";
import { DEMO_COHORTS } from "../../db/demo-cohorts";
import { countRows } from "../db-utils";
import { authenticate, changePassword } from "~/modules/auth/accounts.server";
import { getDemoAccountsNotice } from "~/modules/auth/demo-accounts.server";
import { getRoles } from "~/modules/auth/session.server";
import { revokeRole, setSuspended } from "~/modules/admin/admin.server";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";

async function demoUserId(email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`${email} was not seeded`);
  return row.id;
}

function signInAsDemoAdmin(options: { fromThisMachine: boolean; clientAddress: string }) {
  return authenticate({ email: "admin@practica.test", password: DEMO_PASSWORD, ...options });
}

afterEach(() => {
  delete process.env.SEED_DEMO;
  resetEnvCache();
});

// One sequence: the database is shared by the whole file.
describe("seedDatabase", () => {
  it("creates no accounts when demo accounts are not wanted", async () => {
    await seedDatabase(db, { demoAccounts: false });
    expect(await countRows(users)).toBe(0);
    expect(await countRows(userRoles)).toBe(0);
    expect(await getDemoAccountsNotice()).toBeNull();
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

  it("never restores what an admin changed: a revoked role, a suspension, a password, a name", async () => {
    const adminId = await demoUserId("admin@practica.test");
    const moderatorId = await demoUserId("moderator@practica.test");
    const expertId = await demoUserId("expert@practica.test");
    const learnerId = await demoUserId("learner@practica.test");
    expect((await revokeRole(adminId, moderatorId, "moderator")).ok).toBe(true);
    expect((await setSuspended(adminId, expertId, true)).ok).toBe(true);
    expect(
      await changePassword({
        userId: learnerId,
        currentPassword: DEMO_PASSWORD,
        newPassword: "an entirely new passphrase",
      }),
    ).toEqual({ ok: true });
    await db.update(users).set({ displayName: "Renamed Learner" }).where(eq(users.id, learnerId));
    const [before] = await db
      .select({ hash: users.passwordHash })
      .from(users)
      .where(eq(users.id, learnerId));

    // The next start seeds again.
    await seedDatabase(db, { demoAccounts: true });

    expect(await getRoles(moderatorId)).toEqual([]);
    const [expert] = await db
      .select({ suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, expertId));
    expect(expert?.suspendedAt).toEqual(expect.any(Date));
    const [learner] = await db
      .select({ hash: users.passwordHash, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, learnerId));
    expect(learner).toEqual({ hash: before?.hash, displayName: "Renamed Learner" });
    expect(await countRows(users)).toBe(5);
  });
});

describe("signing in with the published demo password", () => {
  it("works from this machine and is refused from elsewhere by default", async () => {
    expect(
      await signInAsDemoAdmin({ fromThisMachine: true, clientAddress: "127.0.0.1" }),
    ).toMatchObject({ ok: true });
    expect(
      await signInAsDemoAdmin({ fromThisMachine: false, clientAddress: "203.0.113.7" }),
    ).toEqual({
      ok: false,
      reason: "demo-elsewhere",
    });
    expect(await getDemoAccountsNotice()).toBe("this-machine");
  });

  it("works from anywhere only with SEED_DEMO=1, and nowhere with SEED_DEMO=0", async () => {
    process.env.SEED_DEMO = "1";
    resetEnvCache();
    expect(
      await signInAsDemoAdmin({ fromThisMachine: false, clientAddress: "203.0.113.8" }),
    ).toMatchObject({ ok: true });
    expect(await getDemoAccountsNotice()).toBe("anywhere");

    process.env.SEED_DEMO = "0";
    resetEnvCache();
    expect(
      await signInAsDemoAdmin({ fromThisMachine: true, clientAddress: "127.0.0.1" }),
    ).toMatchObject({
      reason: "demo-elsewhere",
    });
    expect(await getDemoAccountsNotice()).toBeNull();
  });

  it("is the password that is refused: a demo account given a new password signs in from anywhere", async () => {
    const learner = await authenticate({
      email: "learner@practica.test",
      password: "an entirely new passphrase",
      clientAddress: "203.0.113.9",
    });
    expect(learner).toMatchObject({ ok: true });
  });

  it("a wrong password stays 'invalid', so the refusal says nothing about an account", async () => {
    expect(
      await authenticate({
        email: "admin@practica.test",
        password: "not-the-password",
        clientAddress: "203.0.113.10",
      }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("the notice goes once every demo account is suspended", async () => {
    await db.update(users).set({ suspendedAt: sql`now()` });
    expect(await getDemoAccountsNotice()).toBeNull();
  });

  it("creates the demo cohorts once, with sessions in the past and the future, and leaves a facilitator's changes alone", async () => {
    const count = await countRows(cohorts);
    expect(count).toBe(DEMO_COHORTS.length);
    const statuses = (await db.select({ status: cohorts.status }).from(cohorts))
      .map((row) => row.status)
      .sort();
    expect(statuses).toEqual(["finished", "open", "running"]);
    const now = Date.now();
    const starts = (
      await db.select({ startsAt: cohortSessions.startsAt }).from(cohortSessions)
    ).map((row) => row.startsAt.getTime());
    expect(starts.some((start) => start < now)).toBe(true);
    expect(starts.some((start) => start > now)).toBe(true);
    expect(await countRows(cohortMembers)).toBeGreaterThan(0);

    await db
      .update(cohorts)
      .set({ title: "Renamed by its facilitator" })
      .where(eq(cohorts.slug, DEMO_COHORTS[0]!.slug));
    await seedDatabase(db, { demoAccounts: true });
    expect(await countRows(cohorts)).toBe(count);
    const [renamed] = await db
      .select({ title: cohorts.title })
      .from(cohorts)
      .where(eq(cohorts.slug, DEMO_COHORTS[0]!.slug));
    expect(renamed?.title).toBe("Renamed by its facilitator");
  });
});
