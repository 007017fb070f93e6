import { describe, expect, it } from "vitest";
import { ProfileSchema } from "./schemas";

const valid = {
  displayName: "  Wanjiru Kamau ",
  organisation: "Kenya National Bureau of Statistics",
  sector: "government",
  country: "KE",
  organisationRole: "analyst",
  languages: ["en", "sw"],
  timeZone: "Africa/Nairobi",
  bio: "Works on census and mobility statistics.",
};

function issuePaths(input: unknown): string[] {
  const result = ProfileSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("ProfileSchema", () => {
  it("accepts a complete, valid profile and trims the name", () => {
    const result = ProfileSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ ...valid, displayName: "Wanjiru Kamau" });
  });

  it("accepts a name alone, leaving the rest empty", () => {
    expect(ProfileSchema.parse({ displayName: "Only A Name" })).toEqual({
      displayName: "Only A Name",
      organisation: null,
      sector: null,
      country: null,
      organisationRole: null,
      languages: [],
      timeZone: null,
      bio: null,
    });
  });

  it("turns empty choices into null", () => {
    const parsed = ProfileSchema.parse({
      ...valid,
      sector: "",
      country: "",
      timeZone: "",
      organisation: "  ",
    });
    expect(parsed).toMatchObject({
      sector: null,
      country: null,
      timeZone: null,
      organisation: null,
    });
  });

  it.each([
    ["country", { country: "XX" }],
    ["country", { country: "Kenya" }],
    ["country", { country: "ke" }],
    ["languages", { languages: ["en", "xx"] }],
    ["languages", { languages: ["english"] }],
    ["timeZone", { timeZone: "Mars/Olympus_Mons" }],
    ["sector", { sector: "aliens" }],
    ["organisationRole", { organisationRole: "overlord" }],
  ])("rejects an unknown %s", (field, change) => {
    expect(issuePaths({ ...valid, ...change })).toEqual([field]);
  });

  it.each([
    { country: "BR", languages: ["pt"], timeZone: "America/Sao_Paulo", sector: "private-sector" },
    { country: "FR", languages: ["fr", "ar"], timeZone: "Europe/Paris", sector: "academia" },
    { country: "JP", languages: ["ja"], timeZone: "Asia/Tokyo", sector: "civil-society" },
  ])("accepts %o", (change) => {
    expect(issuePaths({ ...valid, ...change })).toEqual([]);
  });

  it("requires a display name and limits lengths", () => {
    expect(issuePaths({ ...valid, displayName: "   " })).toEqual(["displayName"]);
    expect(issuePaths({ ...valid, bio: "x".repeat(1001) })).toEqual(["bio"]);
    expect(issuePaths({ ...valid, languages: Array.from({ length: 21 }, () => "en") })).toEqual([
      "languages",
    ]);
  });
});
