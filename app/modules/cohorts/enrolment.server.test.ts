import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cohortMembers, cohortSessions } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { getCohortAccess, type CohortViewer } from "./access.server";
import {
  addSession,
  cancelSession,
  createCohort,
  listCohorts,
  listSessions,
  updateSession,
  type CohortInput,
} from "./cohorts.server";
import {
  countMembersByStatus,
  decideApplication,
  inviteToCohort,
  joinCohort,
  setCohortCapacity,
  withdrawFromCohort,
} from "./enrolment.server";

function cohortInput(overrides: Partial<CohortInput> = {}): CohortInput {
  return {
    title: `Data sharing in practice ${crypto.randomUUID().slice(0, 6)}`,
    summary: "Four sessions on building a public-private data partnership.",
    audiences: ["decision-makers", "analysts"],
    learningGoals: "Draft a data sharing agreement for your own project.",
    courseSlugs: [],
    toolkitSlugs: [],
    capacity: 3,
    enrolmentMode: "open",
    applicationQuestions: [],
    enrolmentOpensAt: null,
    enrolmentClosesAt: null,
    status: "open",
    language: "en",
    timeZone: "Europe/Paris",
    ...overrides,
  };
}

async function person(roles: CohortViewer["roles"] = []): Promise<CohortViewer> {
  const user = await createTestUser({ roles: [...roles] });
  return { id: user.id, roles };
}

async function cohortWith(overrides: Partial<CohortInput> = {}) {
  const facilitator = await person(["facilitator"]);
  const created = await createCohort(facilitator, cohortInput(overrides));
  if (!created.ok) throw new Error(created.reason);
  return { facilitator, cohortId: created.id, slug: created.slug };
}

async function statusOf(cohortId: string, userId: string) {
  const [row] = await db
    .select({ status: cohortMembers.status })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return row?.status;
}

describe("creating cohorts", () => {
  it("only facilitators and admins create cohorts; the creator facilitates it", async () => {
    const learner = await person();
    expect(await createCohort(learner, cohortInput())).toEqual({ ok: false, reason: "forbidden" });
    const { facilitator, cohortId } = await cohortWith();
    expect(await getCohortAccess(cohortId, facilitator)).toMatchObject({
      canManage: true,
      isFacilitator: true,
    });
    expect(await getCohortAccess(cohortId, learner)).toMatchObject({
      canManage: false,
      canSeePrivate: false,
    });
  });

  it("refuses an enrolment window that closes before it opens", async () => {
    const facilitator = await person(["facilitator"]);
    const result = await createCohort(
      facilitator,
      cohortInput({
        enrolmentOpensAt: new Date("2027-02-01"),
        enrolmentClosesAt: new Date("2027-01-01"),
      }),
    );
    expect(result).toEqual({ ok: false, reason: "window-ends-before-start" });
  });

  it("lists every cohort but drafts, filtered by status, audience and language", async () => {
    const { slug: open } = await cohortWith({ audiences: ["legal-governance"], language: "fr" });
    const { slug: draft } = await cohortWith({
      status: "draft",
      audiences: ["legal-governance"],
      language: "fr",
    });
    const slugs = (await listCohorts({ audience: "legal-governance", language: "fr" })).map(
      (row) => row.slug,
    );
    expect(slugs).toContain(open);
    expect(slugs).not.toContain(draft);
    expect(
      (await listCohorts({ status: "finished", language: "fr" })).map((row) => row.slug),
    ).not.toContain(open);
  });
});

describe("enrolment and the waitlist", () => {
  it("enrols while there is room, then waitlists; a withdrawal promotes the earliest on the waitlist", async () => {
    const { cohortId } = await cohortWith({ capacity: 2 });
    const [a, b, c, d] = await Promise.all([person(), person(), person(), person()]);
    expect(await joinCohort(a!, cohortId)).toMatchObject({ ok: true, status: "enrolled" });
    expect(await joinCohort(b!, cohortId)).toMatchObject({ ok: true, status: "enrolled" });
    expect(await joinCohort(c!, cohortId)).toMatchObject({ ok: true, status: "waitlisted" });
    expect(await joinCohort(d!, cohortId)).toMatchObject({ ok: true, status: "waitlisted" });

    expect(await withdrawFromCohort(a!, cohortId)).toEqual({
      ok: true,
      status: "withdrawn",
      promotedUserIds: [c!.id],
    });
    expect(await statusOf(cohortId, c!.id)).toBe("enrolled");
    expect(await statusOf(cohortId, d!.id)).toBe("waitlisted");
    // Leaving the waitlist frees no place, so nobody is promoted.
    expect(await withdrawFromCohort(d!, cohortId)).toEqual({
      ok: true,
      status: "withdrawn",
      promotedUserIds: [],
    });
  });

  it("never overbooks under concurrent enrolments", async () => {
    const { cohortId } = await cohortWith({ capacity: 5 });
    const people = await Promise.all(Array.from({ length: 16 }, () => person()));
    const results = await Promise.all(people.map((each) => joinCohort(each, cohortId)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await countMembersByStatus(cohortId)).toEqual({ enrolled: 5, waitlisted: 11 });
  });

  it("a double submit changes nothing and says the person already joined", async () => {
    const { cohortId } = await cohortWith();
    const learner = await person();
    await joinCohort(learner, cohortId);
    expect(await joinCohort(learner, cohortId)).toEqual({
      ok: false,
      reason: "already-joined",
      status: "enrolled",
    });
    expect(await countMembersByStatus(cohortId)).toEqual({ enrolled: 1 });
  });

  it("refuses outside the enrolment window and in drafts", async () => {
    const closed = await cohortWith({ enrolmentClosesAt: new Date("2026-01-01T00:00:00Z") });
    const learner = await person();
    expect(await joinCohort(learner, closed.cohortId)).toEqual({
      ok: false,
      reason: "enrolment-closed",
    });
    const notYet = await cohortWith({ enrolmentOpensAt: new Date("2030-01-01T00:00:00Z") });
    expect(await joinCohort(learner, notYet.cohortId)).toEqual({
      ok: false,
      reason: "enrolment-closed",
    });
    const draft = await cohortWith({ status: "draft" });
    expect(await joinCohort(learner, draft.cohortId)).toEqual({ ok: false, reason: "not-found" });
    expect(await countMembersByStatus(closed.cohortId)).toEqual({});
  });

  it("capacity can rise (promoting from the waitlist) but not fall below those enrolled", async () => {
    const { facilitator, cohortId } = await cohortWith({ capacity: 1 });
    const [a, b] = await Promise.all([person(), person()]);
    await joinCohort(a!, cohortId);
    await joinCohort(b!, cohortId);
    expect(await setCohortCapacity(a!, cohortId, 5)).toEqual({ ok: false, reason: "forbidden" });
    expect(await setCohortCapacity(facilitator, cohortId, 2)).toEqual({
      ok: true,
      promotedUserIds: [b!.id],
    });
    expect(await setCohortCapacity(facilitator, cohortId, 1)).toEqual({
      ok: false,
      reason: "below-enrolment",
      enrolled: 2,
    });
    expect(await setCohortCapacity(facilitator, cohortId, 0)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("applications and invitations", () => {
  it("an applicant answers every question; the facilitator accepts or declines with a message", async () => {
    const { facilitator, cohortId } = await cohortWith({
      enrolmentMode: "application",
      capacity: 1,
      applicationQuestions: ["What project will you bring?", "Which data partner?"],
    });
    const [a, b, c] = await Promise.all([person(), person(), person()]);
    expect(await joinCohort(a!, cohortId, ["A mobility study", "  "])).toEqual({
      ok: false,
      reason: "answers-missing",
    });
    expect(await statusOf(cohortId, a!.id)).toBeUndefined();
    for (const applicant of [a!, b!, c!]) {
      expect(
        await joinCohort(applicant, cohortId, ["A mobility study", "A telecom operator"]),
      ).toMatchObject({ status: "applied" });
    }
    expect(await decideApplication(b!, cohortId, a!.id, "accept", "")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(
      await decideApplication(facilitator, cohortId, a!.id, "accept", "Welcome!"),
    ).toMatchObject({ status: "enrolled" });
    expect(
      await decideApplication(facilitator, cohortId, b!.id, "accept", "Full, you are next"),
    ).toMatchObject({ status: "waitlisted" });
    expect(
      await decideApplication(facilitator, cohortId, c!.id, "decline", "Not this time"),
    ).toMatchObject({ status: "declined" });
    expect(await decideApplication(facilitator, cohortId, c!.id, "accept", "")).toEqual({
      ok: false,
      reason: "not-pending",
      status: "declined",
    });
    const [row] = await db
      .select({ message: cohortMembers.decisionMessage, answers: cohortMembers.applicationAnswers })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, c!.id)));
    expect(row).toEqual({
      message: "Not this time",
      answers: ["A mobility study", "A telecom operator"],
    });
  });

  it("an invitation-only cohort takes only those invited, even after its window closed", async () => {
    const { facilitator, cohortId } = await cohortWith({
      enrolmentMode: "invitation",
      enrolmentClosesAt: new Date("2026-01-01T00:00:00Z"),
    });
    const [invited, other] = await Promise.all([person(), person()]);
    expect(await joinCohort(other, cohortId)).toEqual({ ok: false, reason: "enrolment-closed" });
    expect(await inviteToCohort(other, cohortId, invited.id)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await inviteToCohort(facilitator, cohortId, invited.id)).toMatchObject({
      ok: true,
      status: "invited",
    });
    expect(await joinCohort(invited, cohortId)).toMatchObject({ ok: true, status: "enrolled" });
  });
});

describe("sessions", () => {
  const session = {
    title: "Session 1: Framing the partnership",
    agenda: "Introductions; the question each of you brings.",
    startsAt: "2027-03-27T14:00",
    endsAt: "2027-03-27T15:30",
    timeZone: "Europe/Paris",
    meetingLink: "https://meet.example/abc",
    materials: "Slides: https://example.org/slides",
    preWork: [],
  };

  it("stores the facilitator's wall times as UTC, refuses a session that ends before it starts, and raises the revision on change", async () => {
    const { facilitator, cohortId } = await cohortWith();
    const bad = await addSession(facilitator, cohortId, { ...session, endsAt: "2027-03-27T13:00" });
    expect(bad).toMatchObject({
      ok: false,
      reason: "times",
      times: { field: "endsAt", problem: "ends-before-start" },
    });

    const added = await addSession(facilitator, cohortId, session);
    if (!added.ok) throw new Error(added.reason);
    const [stored] = await db.select().from(cohortSessions).where(eq(cohortSessions.id, added.id));
    expect(stored).toMatchObject({
      startsAt: new Date("2027-03-27T13:00:00Z"),
      endsAt: new Date("2027-03-27T14:30:00Z"),
      revision: 0,
    });

    await updateSession(facilitator, added.id, {
      ...session,
      startsAt: "2027-03-28T14:00",
      endsAt: "2027-03-28T15:30",
    });
    await cancelSession(facilitator, added.id);
    const [changed] = await db.select().from(cohortSessions).where(eq(cohortSessions.id, added.id));
    expect(changed).toMatchObject({ startsAt: new Date("2027-03-28T12:00:00Z"), revision: 2 });
    expect(changed?.cancelledAt).toBeInstanceOf(Date);
  });

  it("shows meeting links and materials only to members and facilitators", async () => {
    const { facilitator, cohortId } = await cohortWith();
    const added = await addSession(facilitator, cohortId, session);
    expect(added.ok).toBe(true);
    const [member, outsider, waiting] = await Promise.all([person(), person(), person()]);
    await joinCohort(member, cohortId);
    const [forMember] = await listSessions(cohortId, member);
    const [forOutsider] = await listSessions(cohortId, outsider);
    const [forAnonymous] = await listSessions(cohortId, null);
    expect(forMember).toMatchObject({
      meetingLink: session.meetingLink,
      materials: session.materials,
    });
    expect(forOutsider).toMatchObject({ meetingLink: null, materials: "" });
    expect(forAnonymous).toMatchObject({ meetingLink: null, materials: "" });
    expect(await updateSession(outsider, forOutsider!.id, session)).toEqual({
      ok: false,
      reason: "forbidden",
    });

    await setCohortCapacity(facilitator, cohortId, 1);
    await joinCohort(waiting, cohortId);
    expect((await listSessions(cohortId, waiting))[0]).toMatchObject({ meetingLink: null });
  });
});
