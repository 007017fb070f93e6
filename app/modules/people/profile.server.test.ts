import { describe, expect, it } from "vitest";
import { createTestUser } from "../../../tests/db-utils";
import { getProfile, listMembers, updateProfile } from "./profile.server";
import { ProfileSchema } from "./schemas";

describe("updateProfile and getProfile", () => {
  it("stores what the form sent and reads it back", async () => {
    const person = await createTestUser({ roles: ["expert"] });
    const input = ProfileSchema.parse({
      displayName: "Dr. Ana Souza",
      organisation: "Instituto de Dados Públicos",
      sector: "academia",
      country: "BR",
      organisationRole: "legal-governance",
      languages: ["pt", "en", "es"],
      timeZone: "America/Sao_Paulo",
      bio: "Researches data sharing agreements.",
    });
    await updateProfile(person.id, input);

    const profile = await getProfile(person.id);
    expect(profile).toEqual({
      id: person.id,
      ...input,
      createdAt: expect.any(Date),
      roles: ["expert"],
    });
    expect(profile).not.toHaveProperty("email");
    expect(profile).not.toHaveProperty("passwordHash");
  });

  it("clears fields the form left empty", async () => {
    const person = await createTestUser();
    await updateProfile(
      person.id,
      ProfileSchema.parse({ displayName: "First", country: "KE", languages: ["sw"] }),
    );
    await updateProfile(person.id, ProfileSchema.parse({ displayName: "Second" }));
    expect(await getProfile(person.id)).toMatchObject({
      displayName: "Second",
      country: null,
      languages: [],
    });
  });

  it("does not show a suspended person or an unknown id", async () => {
    const suspended = await createTestUser({ suspended: true });
    expect(await getProfile(suspended.id)).toBeUndefined();
    expect(await getProfile(crypto.randomUUID())).toBeUndefined();
  });
});

describe("listMembers", () => {
  it("lists members, leaving out suspended people", async () => {
    const active = await createTestUser({
      displayName: "Directory Active",
      organisation: "Open Data Lab",
    });
    await createTestUser({
      displayName: "Directory Suspended",
      organisation: "Open Data Lab",
      suspended: true,
    });

    const everyone = await listMembers({ page: 1, pageSize: 100 });
    const names = everyone.members.map((member) => member.displayName);
    expect(names).toContain("Directory Active");
    expect(names).not.toContain("Directory Suspended");

    const byOrganisation = await listMembers({ query: "open data", page: 1, pageSize: 100 });
    expect(byOrganisation.members.map((member) => member.id)).toEqual([active.id]);
    expect(byOrganisation.members[0]).not.toHaveProperty("email");
  });

  it("treats % in the query literally and pages", async () => {
    const percent = await createTestUser({ displayName: "Members 50% Club" });
    await createTestUser({ displayName: "Members 500 Club" });
    expect(
      (await listMembers({ query: "50%", page: 1, pageSize: 10 })).members.map((m) => m.id),
    ).toEqual([percent.id]);

    const first = await listMembers({ query: "Members", page: 1, pageSize: 1 });
    const second = await listMembers({ query: "Members", page: 2, pageSize: 1 });
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(false);
    expect([...first.members, ...second.members].map((m) => m.displayName)).toEqual([
      "Members 50% Club",
      "Members 500 Club",
    ]);
  });
});
