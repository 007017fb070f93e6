import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../../../tests/db-utils";
import type { CohortViewer } from "./access.server";
import { addSession, createCohort } from "./cohorts.server";
import { joinCohort } from "./enrolment.server";
import { CohortFormSchema } from "./facilitation-schemas";
import {
  getManageCohortPage,
  listFacilitatedCohorts,
  rosterAndAttendanceCsv,
} from "./facilitation.server";
import { takeAttendance } from "./participation.server";

async function person(
  roles: CohortViewer["roles"] = [],
  displayName?: string,
): Promise<CohortViewer> {
  const user = await createTestUser({ roles: [...roles], ...(displayName ? { displayName } : {}) });
  return { id: user.id, roles };
}

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const one of [value].flat()) data.append(name, one);
  return parseWithZod(data, { schema: CohortFormSchema });
}

const GOOD = {
  title: "Mobility data clinic",
  summary: "Four sessions on reading mobility data with a telecom partner.",
  capacity: "12",
  enrolmentMode: "open",
  status: "open",
  language: "en",
  timeZone: "Africa/Nairobi",
};

describe("the cohort form", () => {
  it("reads a good cohort, questions one per line", () => {
    const submission = form({
      ...GOOD,
      enrolmentMode: "application",
      applicationQuestions: "Why?\n\n  Which partner?  ",
    });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toMatchObject({
      capacity: 12,
      applicationQuestions: ["Why?", "Which partner?"],
      enrolmentOpensAt: null,
    });
  });

  it("names each bad field: capacity, questions for an application cohort, a window that closes before it opens, a zone", () => {
    const submission = form({
      ...GOOD,
      capacity: "0",
      enrolmentMode: "application",
      enrolmentOpensAt: "2027-02-01",
      enrolmentClosesAt: "2027-01-01",
      timeZone: "Mars/Olympus",
    });
    expect(submission.status).toBe("error");
    expect(Object.keys(submission.reply().error ?? {}).sort()).toEqual([
      "applicationQuestions",
      "capacity",
      "enrolmentClosesAt",
      "timeZone",
    ]);
    const refined = form({
      ...GOOD,
      enrolmentMode: "application",
      enrolmentOpensAt: "2027-02-01",
      enrolmentClosesAt: "2027-01-01",
    });
    expect(Object.keys(refined.reply().error ?? {}).sort()).toEqual([
      "applicationQuestions",
      "enrolmentClosesAt",
    ]);
  });
});

describe("the facilitation space", () => {
  it("shows a facilitator only the cohorts they run; admins all", async () => {
    const [mine, theirs] = [await person(["facilitator"]), await person(["facilitator"])];
    const created = await createCohort(mine, {
      ...GOOD,
      status: "open",
      enrolmentMode: "open",
      capacity: 5,
      audiences: [],
      learningGoals: "",
      courseSlugs: [],
      toolkitSlugs: [],
      applicationQuestions: [],
      enrolmentOpensAt: null,
      enrolmentClosesAt: null,
    });
    if (!created.ok) throw new Error(created.reason);
    expect((await listFacilitatedCohorts(mine)).map((row) => row.slug)).toContain(created.slug);
    expect((await listFacilitatedCohorts(theirs)).map((row) => row.slug)).not.toContain(
      created.slug,
    );
    expect(
      (await listFacilitatedCohorts(await person(["admin"]))).map((row) => row.slug),
    ).toContain(created.slug);
    expect(await getManageCohortPage(created.slug, theirs)).toBeNull();
    expect(await rosterAndAttendanceCsv(created.slug, theirs)).toBeNull();
    expect(await getManageCohortPage(created.slug, mine)).toMatchObject({
      cohort: { slug: created.slug },
    });
  });

  it("exports the roster and attendance as CSV, with what members typed shown and never run as a formula", async () => {
    const facilitator = await person(["facilitator"]);
    const created = await createCohort(facilitator, {
      ...GOOD,
      status: "open",
      enrolmentMode: "open",
      capacity: 5,
      audiences: [],
      learningGoals: "",
      courseSlugs: [],
      toolkitSlugs: [],
      applicationQuestions: [],
      enrolmentOpensAt: null,
      enrolmentClosesAt: null,
    });
    if (!created.ok) throw new Error(created.reason);
    const session = await addSession(facilitator, created.id, {
      title: "Reading the matrix",
      agenda: "",
      startsAt: "2027-05-10T16:00",
      endsAt: "2027-05-10T17:00",
      timeZone: "Africa/Nairobi",
      meetingLink: null,
      materials: "",
      preWork: [],
    });
    if (!session.ok) throw new Error("session");
    const [present, absent] = [
      await person([], '=HYPERLINK("https://evil.example")'),
      await person([], "Wanjiru Kamau"),
    ];
    await joinCohort(present, created.id);
    await joinCohort(absent, created.id);
    await takeAttendance(facilitator, session.id, [present.id]);

    const csv = await rosterAndAttendanceCsv(created.slug, facilitator);
    const lines = csv!.trim().split("\n");
    expect(lines[0]).toBe(
      "name,email,organisation,sector,country,status,2027-05-10 Reading the matrix",
    );
    expect(lines.find((line) => line.includes("HYPERLINK"))).toMatch(/^"'=HYPERLINK/);
    expect(lines.find((line) => line.includes("HYPERLINK"))).toMatch(/,enrolled,present$/);
    expect(lines.find((line) => line.startsWith("Wanjiru Kamau"))).toMatch(/,enrolled,absent$/);
  });
});
