import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, userRoles, users } from "../../../db/schema";
import { createTestUser, makeRequest, signIn, type TestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { getOptionalUser, getRoles } from "../auth/session.server";
import {
  findPeople,
  getPersonForAdmin,
  grantRole,
  listAuditLog,
  revokeRole,
  setSuspended,
} from "./admin.server";

let admin: TestUser;

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"], displayName: "Admin Person" });
});

function auditEntriesFor(targetUserId: string) {
  return db
    .select({ actorId: auditLog.actorId, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.targetUserId, targetUserId))
    .orderBy(auditLog.id);
}

describe("grantRole and revokeRole", () => {
  it("grant and revoke change roles and are audited once each", async () => {
    const person = await createTestUser();
    expect(await grantRole(admin.id, person.id, "facilitator")).toEqual({ ok: true });
    // Granting what is already held changes nothing and records nothing.
    expect(await grantRole(admin.id, person.id, "facilitator")).toEqual({ ok: true });
    expect(await getRoles(person.id)).toEqual(["facilitator"]);
    const [row] = await db.select().from(userRoles).where(eq(userRoles.userId, person.id));
    expect(row?.grantedBy).toBe(admin.id);

    expect(await revokeRole(admin.id, person.id, "facilitator")).toEqual({ ok: true });
    expect(await getRoles(person.id)).toEqual([]);

    expect(await auditEntriesFor(person.id)).toEqual([
      { actorId: admin.id, action: "role.grant", details: { role: "facilitator" } },
      { actorId: admin.id, action: "role.revoke", details: { role: "facilitator" } },
    ]);
  });

  it("answers not-found for an unknown person and records nothing", async () => {
    const missing = crypto.randomUUID();
    expect(await grantRole(admin.id, missing, "expert")).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(await revokeRole(admin.id, missing, "expert")).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(await setSuspended(admin.id, missing, true)).toEqual({ ok: false, reason: "not-found" });
    expect(await auditEntriesFor(missing)).toEqual([]);
  });

  it("an admin cannot revoke their own admin role", async () => {
    expect(await revokeRole(admin.id, admin.id, "admin")).toEqual({ ok: false, reason: "self" });
    expect(await getRoles(admin.id)).toContain("admin");
    expect(await auditEntriesFor(admin.id)).toEqual([]);
  });

  it("another admin can revoke it", async () => {
    const otherAdmin = await createTestUser({ roles: ["admin"] });
    expect(await revokeRole(admin.id, otherAdmin.id, "admin")).toEqual({ ok: true });
    expect(await getRoles(otherAdmin.id)).toEqual([]);
  });
});

describe("setSuspended", () => {
  it("suspends, signs the person out everywhere, and is audited", async () => {
    const person = await createTestUser();
    const cookie = await signIn(person.id);
    await signIn(person.id);

    expect(await setSuspended(admin.id, person.id, true)).toEqual({ ok: true });
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect(await getOptionalUser(makeRequest(undefined, cookie))).toBeNull();
    expect((await getPersonForAdmin(person.id))?.suspendedAt).toBeInstanceOf(Date);

    expect(await setSuspended(admin.id, person.id, false)).toEqual({ ok: true });
    expect((await getPersonForAdmin(person.id))?.suspendedAt).toBeNull();

    expect((await auditEntriesFor(person.id)).map((entry) => entry.action)).toEqual([
      "account.suspend",
      "account.unsuspend",
    ]);
  });

  it("an admin cannot suspend themselves", async () => {
    const cookie = await signIn(admin.id);
    expect(await setSuspended(admin.id, admin.id, true)).toEqual({ ok: false, reason: "self" });
    const [row] = await db
      .select({ suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, admin.id));
    expect(row?.suspendedAt).toBeNull();
    expect(await getOptionalUser(makeRequest(undefined, cookie))).toMatchObject({ id: admin.id });
  });
});

describe("audit rows commit with the change they record", () => {
  // An actor id that names nobody: the audit row's foreign key refuses it, after the change.
  const nobody = "00000000-0000-4000-8000-000000000000";

  it("a suspension whose audit row cannot be written does not happen", async () => {
    const person = await createTestUser();
    await expect(setSuspended(nobody, person.id, true)).rejects.toThrow();
    const [row] = await db.select({ suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, person.id));
    expect(row?.suspendedAt).toBeNull();
    expect(await auditEntriesFor(person.id)).toEqual([]);
  });

  it("a revocation whose audit row cannot be written does not happen", async () => {
    const person = await createTestUser({ roles: ["expert"] });
    await expect(revokeRole(nobody, person.id, "expert")).rejects.toThrow();
    expect(await getRoles(person.id)).toContain("expert");
    expect(await auditEntriesFor(person.id)).toEqual([]);
  });
});

describe("findPeople", () => {
  it("finds by name or email, case-insensitively, with roles", async () => {
    const grace = await createTestUser({
      displayName: "Grace Hopperton",
      roles: ["expert", "facilitator"],
    });
    const byEmail = await createTestUser({
      displayName: "Someone Else",
      email: "hopperton.fan@example.test",
    });
    await createTestUser({ displayName: "Unrelated Person" });

    const { people, hasMore } = await findPeople({ query: "HOPPERTON", page: 1, pageSize: 20 });
    expect(hasMore).toBe(false);
    expect(people.map((person) => person.id).sort()).toEqual([grace.id, byEmail.id].sort());
    expect(people.find((person) => person.id === grace.id)?.roles).toEqual([
      "facilitator",
      "expert",
    ]);
    expect(people.find((person) => person.id === byEmail.id)?.roles).toEqual([]);
  });

  it("treats % and _ in the query literally", async () => {
    const percent = await createTestUser({ displayName: "Rate 100% Zeta" });
    await createTestUser({ displayName: "Rate 1000 Zeta" });
    const underscore = await createTestUser({ displayName: "under_score Zeta" });
    await createTestUser({ displayName: "underXscore Zeta" });

    const byPercent = await findPeople({ query: "100%", page: 1, pageSize: 20 });
    expect(byPercent.people.map((person) => person.id)).toEqual([percent.id]);
    const byUnderscore = await findPeople({ query: "under_score", page: 1, pageSize: 20 });
    expect(byUnderscore.people.map((person) => person.id)).toEqual([underscore.id]);
    const byBackslash = await findPeople({ query: "\\", page: 1, pageSize: 20 });
    expect(byBackslash.people).toEqual([]);
  });

  it("pages through everyone in name order", async () => {
    for (const name of ["Paging Alpha", "Paging Bravo", "Paging Charlie"]) {
      await createTestUser({ displayName: name });
    }
    const first = await findPeople({ query: "Paging", page: 1, pageSize: 2 });
    const second = await findPeople({ query: "Paging", page: 2, pageSize: 2 });
    expect(first.people.map((person) => person.displayName)).toEqual([
      "Paging Alpha",
      "Paging Bravo",
    ]);
    expect(first.hasMore).toBe(true);
    expect(second.people.map((person) => person.displayName)).toEqual(["Paging Charlie"]);
    expect(second.hasMore).toBe(false);
  });
});

describe("listAuditLog", () => {
  it("lists newest first, with names, a page at a time", async () => {
    await db.delete(auditLog);
    const target = await createTestUser({ displayName: "Audit Target" });
    const roles = ["facilitator", "expert", "moderator"] as const;
    for (const role of roles) await grantRole(admin.id, target.id, role);
    await setSuspended(admin.id, target.id, true);
    await setSuspended(admin.id, target.id, false);

    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await listAuditLog({ page, pageSize: 2 }));
    expect(pages.map((page) => page.entries.length)).toEqual([2, 2, 1]);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);

    const entries = pages.flatMap((page) => page.entries);
    expect(entries.map((entry) => entry.action)).toEqual([
      "account.unsuspend",
      "account.suspend",
      "role.grant",
      "role.grant",
      "role.grant",
    ]);
    expect(entries.slice(2).map((entry) => entry.details)).toEqual([
      { role: "moderator" },
      { role: "expert" },
      { role: "facilitator" },
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actorName: "Admin Person",
        targetName: "Audit Target",
        targetUserId: target.id,
      });
    }
    expect((await listAuditLog({ page: 4, pageSize: 2 })).entries).toEqual([]);
  });
});
