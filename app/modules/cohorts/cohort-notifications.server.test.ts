import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cohortMembers, notifications, sessionReminders } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { describeNotificationKindContract } from "../../../tests/notification-kind-contract";
import { db } from "~/utils/db.server";
import { listNotifications } from "../notifications/notifications.server";
import type { CohortViewer } from "./access.server";
import { cohortPlaceChangedKind, cohortSessionReminderKind } from "./cohort-notifications.server";
import {
  addSession,
  cancelSession,
  createCohort,
  updateSession,
  type CohortInput,
  type SessionInput,
} from "./cohorts.server";
import { decideApplication, joinCohort, withdrawFromCohort } from "./enrolment.server";
import { instantToWallTime } from "./session-times";
import { sendDueSessionReminders } from "./session-reminders.server";

async function person(
  roles: CohortViewer["roles"] = [],
): Promise<CohortViewer & { email: string }> {
  const user = await createTestUser({ roles: [...roles] });
  return { id: user.id, roles, email: user.email };
}

async function cohort(overrides: Partial<CohortInput> = {}) {
  const facilitator = await person(["facilitator"]);
  const input: CohortInput = {
    title: `Series ${crypto.randomUUID().slice(0, 6)}`,
    summary: "A series.",
    audiences: [],
    learningGoals: "",
    courseSlugs: [],
    toolkitSlugs: [],
    capacity: 1,
    enrolmentMode: "open",
    applicationQuestions: [],
    enrolmentOpensAt: null,
    enrolmentClosesAt: null,
    status: "open",
    language: "en",
    timeZone: "UTC",
    ...overrides,
  };
  const created = await createCohort(facilitator, input);
  if (!created.ok) throw new Error(created.reason);
  return { facilitator, cohortId: created.id, title: input.title };
}

async function titlesFor(userId: string): Promise<string[]> {
  const { items } = await listNotifications(userId, { page: 1 });
  return items.map((item) => item.title);
}

describeNotificationKindContract({
  kind: cohortPlaceChangedKind,
  data: { cohort: "Mobility data for city decision-makers", outcome: "promoted" },
  async withAccess() {
    const { cohortId } = await cohort({ capacity: 5 });
    const member = await person();
    await joinCohort(member, cohortId);
    return {
      recipientId: member.id,
      recipientEmail: member.email,
      subjectId: cohortId,
      loseAccess: async () => {
        await withdrawFromCohort(member, cohortId);
      },
    };
  },
  async withoutAccess() {
    const { cohortId } = await cohort();
    const outsider = await person();
    return { recipientId: outsider.id, recipientEmail: outsider.email, subjectId: cohortId };
  },
});

describe("cohorts tell people what concerns them", () => {
  it("facilitators hear of applications; applicants of the decision, with the facilitator's message", async () => {
    const { facilitator, cohortId } = await cohort({
      title: "Agreements clinic",
      enrolmentMode: "application",
      applicationQuestions: ["Why?"],
    });
    const applicant = await person();
    await joinCohort(applicant, cohortId, ["My ministry is negotiating with a telecom operator."]);
    expect(await titlesFor(facilitator.id)).toEqual(["New application to “Agreements clinic”"]);

    await decideApplication(facilitator, cohortId, applicant.id, "accept", "Welcome aboard");
    const { items } = await listNotifications(applicant.id, { page: 1 });
    expect(items).toMatchObject([
      {
        title: "You are enrolled in “Agreements clinic”",
        summary: "The facilitator wrote: Welcome aboard",
      },
    ]);
  });

  it("whoever the waitlist promotes is told", async () => {
    const { cohortId } = await cohort({ title: "Small series", capacity: 1 });
    const [first, second] = [await person(), await person()];
    await joinCohort(first, cohortId);
    await joinCohort(second, cohortId);
    expect(await titlesFor(second.id)).toEqual([]);
    await withdrawFromCohort(first, cohortId);
    expect(await titlesFor(second.id)).toEqual([
      "A place freed up: you are enrolled in “Small series”",
    ]);
  });
});

describe("session reminders", () => {
  const HOUR = 60 * 60 * 1000;

  async function cohortWithSessionIn(hoursFromNow: number, now: Date) {
    const { facilitator, cohortId, title } = await cohort({ capacity: 5 });
    const members = [await person(), await person()];
    for (const member of members) await joinCohort(member, cohortId);
    const startsAt = new Date(now.getTime() + hoursFromNow * HOUR);
    const input: SessionInput = {
      title: "Valuing the data",
      agenda: "",
      startsAt: instantToWallTime(startsAt, "UTC"),
      endsAt: instantToWallTime(new Date(startsAt.getTime() + HOUR), "UTC"),
      timeZone: "UTC",
      meetingLink: null,
      materials: "",
      preWork: [],
    };
    const added = await addSession(facilitator, cohortId, input);
    if (!added.ok) throw new Error("session");
    return { facilitator, cohortId, title, members, sessionId: added.id, input };
  }

  async function remindersFor(userId: string) {
    return db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, userId),
          eq(notifications.kind, cohortSessionReminderKind.key),
        ),
      );
  }

  it("go out once a day ahead and once an hour ahead, even when two workers run at the same time", async () => {
    // Whole minutes, as sessions are entered.
    const now = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 365 * 24 * HOUR);
    const { members, sessionId } = await cohortWithSessionIn(20, now);

    await Promise.all([sendDueSessionReminders(now), sendDueSessionReminders(now)]);
    await sendDueSessionReminders(new Date(now.getTime() + 5 * 60_000));
    for (const member of members) expect(await remindersFor(member.id)).toHaveLength(1);

    const hourBefore = new Date(now.getTime() + 19.5 * HOUR);
    await Promise.all([sendDueSessionReminders(hourBefore), sendDueSessionReminders(hourBefore)]);
    for (const member of members) expect(await remindersFor(member.id)).toHaveLength(2);
    const claims = await db
      .select()
      .from(sessionReminders)
      .where(eq(sessionReminders.sessionId, sessionId));
    expect(claims.map((claim) => claim.lead).sort()).toEqual(["day", "hour"]);
  });

  it("follow a moved session to its new time, and stop for a cancelled one", async () => {
    const now = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 400 * 24 * HOUR);
    const { facilitator, title, members, sessionId, input } = await cohortWithSessionIn(10, now);
    await sendDueSessionReminders(now);
    const [member] = members;
    // The day reminder, and the "has moved" notice below.
    expect(await remindersFor(member!.id)).toHaveLength(1);

    const later = new Date(now.getTime() + 30 * HOUR);
    await updateSession(facilitator, sessionId, {
      ...input,
      startsAt: instantToWallTime(later, "UTC"),
      endsAt: instantToWallTime(new Date(later.getTime() + HOUR), "UTC"),
    });
    expect(await titlesFor(member!.id)).toContain(`“Valuing the data” (${title}) has moved`);
    // Nothing due yet for the new time; a day before it, the day reminder goes again.
    await sendDueSessionReminders(new Date(now.getTime() + HOUR));
    expect(await remindersFor(member!.id)).toHaveLength(1);
    await sendDueSessionReminders(new Date(later.getTime() - 23 * HOUR));
    expect(await remindersFor(member!.id)).toHaveLength(2);

    await cancelSession(facilitator, sessionId);
    await cancelSession(facilitator, sessionId);
    await sendDueSessionReminders(new Date(later.getTime() - 30 * 60_000));
    expect(await remindersFor(member!.id)).toHaveLength(2);
    expect(
      (await titlesFor(member!.id)).filter((title) => title.endsWith("is cancelled")),
    ).toHaveLength(1);
  });

  it("reach only enrolled members", async () => {
    const now = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 420 * 24 * HOUR);
    const { cohortId, members } = await cohortWithSessionIn(5, now);
    const [stays, leaves] = members;
    await withdrawFromCohort(leaves!, cohortId);
    await sendDueSessionReminders(now);
    expect(await remindersFor(stays!.id)).toHaveLength(1);
    expect(await remindersFor(leaves!.id)).toHaveLength(0);
    const [row] = await db
      .select({ status: cohortMembers.status })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, leaves!.id)));
    expect(row?.status).toBe("withdrawn");
  });
});
