import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessionAttendance } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import type { CohortViewer } from "./access.server";
import {
  cohortCalendar,
  issueCalendarFeedToken,
  personalCalendar,
  revokeCalendarFeedToken,
} from "./calendar-feed.server";
import { addSession, cancelSession, createCohort, type CohortInput } from "./cohorts.server";
import { joinCohort } from "./enrolment.server";
import {
  addTakeaway,
  attendanceReport,
  checkIn,
  giveSessionFeedback,
  listTakeaways,
  reportAbsence,
  takeAttendance,
} from "./participation.server";

const ORIGIN = "https://practica.example";

async function person(roles: CohortViewer["roles"] = []): Promise<CohortViewer> {
  const user = await createTestUser({ roles: [...roles] });
  return { id: user.id, roles };
}

async function cohortWithSession(overrides: Partial<CohortInput> = {}) {
  const facilitator = await person(["facilitator"]);
  const created = await createCohort(facilitator, {
    title: `Learning series ${crypto.randomUUID().slice(0, 6)}`,
    summary: "Sessions on data partnerships.",
    audiences: ["analysts"],
    learningGoals: "",
    courseSlugs: [],
    toolkitSlugs: [],
    capacity: 10,
    enrolmentMode: "open",
    applicationQuestions: [],
    enrolmentOpensAt: null,
    enrolmentClosesAt: null,
    status: "open",
    language: "en",
    timeZone: "Africa/Nairobi",
    ...overrides,
  });
  if (!created.ok) throw new Error(created.reason);
  const session = await addSession(facilitator, created.id, {
    title: "Session 2: Valuing the data",
    agenda: "What each partner gains.",
    startsAt: "2027-05-10T16:00",
    endsAt: "2027-05-10T17:30",
    timeZone: "Africa/Nairobi",
    meetingLink: "https://meet.example/secret-room",
    materials: "",
    preWork: [],
  });
  if (!session.ok) throw new Error("session");
  const member = await person();
  await joinCohort(member, created.id);
  return { facilitator, member, cohortId: created.id, slug: created.slug, sessionId: session.id };
}

// 16:00 in Nairobi (UTC+3) is 13:00 UTC.
const STARTS = new Date("2027-05-10T13:00:00Z");

describe("taking part in a session", () => {
  it("members check in from 15 minutes before the start until the end, not outside it and not as outsiders", async () => {
    const { member, sessionId } = await cohortWithSession();
    const outsider = await person();
    expect(await checkIn(member, sessionId, new Date(STARTS.getTime() - 16 * 60_000))).toEqual({
      ok: false,
      reason: "check-in-closed",
    });
    expect(await checkIn(outsider, sessionId, STARTS)).toEqual({ ok: false, reason: "forbidden" });
    expect(await checkIn(member, sessionId, new Date(STARTS.getTime() - 10 * 60_000))).toEqual({
      ok: true,
    });
    expect(await checkIn(member, sessionId, new Date("2027-05-10T14:31:00Z"))).toEqual({
      ok: false,
      reason: "check-in-closed",
    });
  });

  it("a facilitator takes attendance for everyone enrolled; the report counts it with absences and feedback", async () => {
    const { facilitator, member, cohortId, sessionId } = await cohortWithSession();
    const other = await person();
    await joinCohort(other, cohortId);
    expect(await takeAttendance(member, sessionId, [member.id])).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await reportAbsence(other, sessionId, "Travelling")).toEqual({ ok: true });
    expect(await takeAttendance(facilitator, sessionId, [member.id])).toEqual({ ok: true });
    const rows = await db
      .select()
      .from(sessionAttendance)
      .where(eq(sessionAttendance.sessionId, sessionId));
    expect(rows.map((row) => [row.userId, row.present]).sort()).toEqual(
      [
        [member.id, true],
        [other.id, false],
      ].sort(),
    );

    expect(await giveSessionFeedback(member, sessionId, 6, "")).toEqual({
      ok: false,
      reason: "invalid-rating",
    });
    expect(
      await giveSessionFeedback(
        member,
        sessionId,
        4,
        "Useful",
        new Date(STARTS.getTime() - 60_000),
      ),
    ).toEqual({
      ok: false,
      reason: "session-not-over",
    });
    expect(await giveSessionFeedback(member, sessionId, 4, "Useful", STARTS)).toEqual({ ok: true });
    expect(
      await giveSessionFeedback(member, sessionId, 5, "Even better on reflection", STARTS),
    ).toEqual({ ok: true });

    expect(await attendanceReport(member, cohortId)).toBeNull();
    expect(await attendanceReport(facilitator, cohortId)).toMatchObject([
      {
        id: sessionId,
        present: 1,
        recorded: 2,
        absencesReported: 1,
        feedbackCount: 1,
        averageRating: 5,
      },
    ]);
  });

  it("an absence cannot be reported for a cancelled session, nor by someone not enrolled", async () => {
    const { facilitator, member, sessionId } = await cohortWithSession();
    expect(await reportAbsence(await person(), sessionId, "")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    await cancelSession(facilitator, sessionId);
    expect(await reportAbsence(member, sessionId, "")).toEqual({ ok: false, reason: "cancelled" });
    const [row] = await db
      .select()
      .from(sessionAttendance)
      .where(
        and(eq(sessionAttendance.sessionId, sessionId), eq(sessionAttendance.userId, member.id)),
      );
    expect(row).toBeUndefined();
  });

  it("takeaways are written and read by members and facilitators only", async () => {
    const { facilitator, member, cohortId, sessionId } = await cohortWithSession();
    const outsider = await person();
    expect(await addTakeaway(member, cohortId, "   ", sessionId)).toEqual({
      ok: false,
      reason: "empty",
    });
    expect(await addTakeaway(outsider, cohortId, "Sneaky", null)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(
      await addTakeaway(member, cohortId, "Start with the question, not the data.", sessionId),
    ).toMatchObject({ ok: true });
    expect(
      await addTakeaway(facilitator, cohortId, "Bring the legal team early.", null),
    ).toMatchObject({ ok: true });
    expect((await listTakeaways(cohortId, member)).map((row) => row.body)).toEqual([
      "Start with the question, not the data.",
      "Bring the legal team early.",
    ]);
    expect(await listTakeaways(cohortId, outsider)).toEqual([]);
    expect(await listTakeaways(cohortId, null)).toEqual([]);
  });
});

describe("calendars", () => {
  function events(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
  }

  it("the personal feed holds the sessions of the person's cohorts, with meeting links, until the token is replaced or revoked", async () => {
    const { member, sessionId } = await cohortWithSession();
    await cohortWithSession(); // another cohort the member is not in
    const token = await issueCalendarFeedToken(member.id);
    const feed = await personalCalendar(token, ORIGIN);
    expect(feed).not.toBeNull();
    const parsed = events(feed!);
    expect(parsed.map((event) => event.uid)).toEqual([`${sessionId}@practica`]);
    expect(parsed[0]!.description).toContain("https://meet.example/secret-room");
    expect(parsed[0]!.startDate.toJSDate().toISOString()).toBe(STARTS.toISOString());

    const replacement = await issueCalendarFeedToken(member.id);
    expect(await personalCalendar(token, ORIGIN)).toBeNull();
    expect(await personalCalendar(replacement, ORIGIN)).not.toBeNull();
    await revokeCalendarFeedToken(member.id);
    expect(await personalCalendar(replacement, ORIGIN)).toBeNull();
    expect(await personalCalendar("not-a-token", ORIGIN)).toBeNull();
  });

  it("a cohort's calendar gives the meeting link only to members, and hides drafts from everyone but their facilitators", async () => {
    const { member, slug } = await cohortWithSession();
    const forMember = await cohortCalendar(slug, member, ORIGIN);
    const forPublic = await cohortCalendar(slug, null, ORIGIN);
    expect(forMember).toContain("secret-room");
    expect(forPublic).not.toContain("secret-room");
    expect(events(forPublic!)).toHaveLength(1);

    const draft = await cohortWithSession({ status: "draft" });
    expect(await cohortCalendar(draft.slug, null, ORIGIN)).toBeNull();
    expect(await cohortCalendar(draft.slug, draft.facilitator, ORIGIN)).not.toBeNull();
    expect(await cohortCalendar("no-such-cohort", null, ORIGIN)).toBeNull();
  });
});
