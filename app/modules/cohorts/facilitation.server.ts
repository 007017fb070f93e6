/**
 * The facilitation space: what a facilitator sees of the cohorts they run. Every function
 * returns null for someone who may not manage the cohort, so a route cannot show it by mistake.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  cohortFacilitators,
  cohortMembers,
  cohortSessions,
  cohorts,
  sessionAttendance,
  users,
} from "../../../db/schema";
import { db } from "~/utils/db.server";
import { toCsv } from "~/utils/csv.server";
import { getCountryName } from "../people/reference-data";
import { getCohortAccess, type CohortViewer } from "./access.server";
import { attendanceReport } from "./participation.server";
import { instantToWallTime } from "./session-times";

export async function listFacilitatedCohorts(viewer: CohortViewer) {
  const isAdmin = viewer.roles.includes("admin");
  const query = db
    .select({ id: cohorts.id, slug: cohorts.slug, title: cohorts.title, status: cohorts.status })
    .from(cohorts)
    .orderBy(asc(cohorts.title));
  if (isAdmin) return query;
  const mine = db
    .select({ id: cohortFacilitators.cohortId })
    .from(cohortFacilitators)
    .where(eq(cohortFacilitators.userId, viewer.id));
  return query.where(inArray(cohorts.id, mine));
}

async function managedCohort(slug: string, viewer: CohortViewer) {
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.slug, slug));
  if (!cohort) return null;
  return (await getCohortAccess(cohort.id, viewer)).canManage ? cohort : null;
}

export async function getManageCohortPage(slug: string, viewer: CohortViewer) {
  const cohort = await managedCohort(slug, viewer);
  if (!cohort) return null;
  const [sessions, members, attendance, report] = await Promise.all([
    db
      .select()
      .from(cohortSessions)
      .where(eq(cohortSessions.cohortId, cohort.id))
      .orderBy(asc(cohortSessions.startsAt)),
    db
      .select({
        userId: users.id,
        name: users.displayName,
        organisation: users.organisation,
        status: cohortMembers.status,
        answers: cohortMembers.applicationAnswers,
        waitlistedAt: cohortMembers.waitlistedAt,
      })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .where(eq(cohortMembers.cohortId, cohort.id))
      .orderBy(asc(cohortMembers.waitlistedAt), asc(users.displayName)),
    db
      .select({
        sessionId: sessionAttendance.sessionId,
        userId: sessionAttendance.userId,
        present: sessionAttendance.present,
      })
      .from(sessionAttendance)
      .innerJoin(cohortSessions, eq(cohortSessions.id, sessionAttendance.sessionId))
      .where(eq(cohortSessions.cohortId, cohort.id)),
    attendanceReport(viewer, cohort.id),
  ]);
  const presentBySession = new Map<string, string[]>();
  for (const row of attendance) {
    if (!row.present) continue;
    presentBySession.set(row.sessionId, [
      ...(presentBySession.get(row.sessionId) ?? []),
      row.userId,
    ]);
  }
  return {
    cohort: {
      id: cohort.id,
      slug: cohort.slug,
      title: cohort.title,
      form: {
        title: cohort.title,
        summary: cohort.summary,
        audiences: cohort.audiences,
        learningGoals: cohort.learningGoals,
        capacity: String(cohort.capacity),
        enrolmentMode: cohort.enrolmentMode,
        applicationQuestions: cohort.applicationQuestions.join("\n"),
        enrolmentOpensAt: cohort.enrolmentOpensAt?.toISOString().slice(0, 10) ?? "",
        enrolmentClosesAt: cohort.enrolmentClosesAt?.toISOString().slice(0, 10) ?? "",
        status: cohort.status,
        language: cohort.language,
        timeZone: cohort.timeZone,
      },
    },
    sessions: sessions.map((session) => ({
      id: session.id,
      title: session.title,
      startsAt: instantToWallTime(session.startsAt, session.timeZone),
      endsAt: instantToWallTime(session.endsAt, session.timeZone),
      timeZone: session.timeZone,
      isCancelled: session.cancelledAt !== null,
      presentUserIds: presentBySession.get(session.id) ?? [],
    })),
    applications: members.filter((member) => member.status === "applied"),
    waitlist: members.filter((member) => member.status === "waitlisted"),
    enrolled: members.filter((member) => member.status === "enrolled"),
    report: report ?? [],
  };
}

export type ManageCohortPage = NonNullable<Awaited<ReturnType<typeof getManageCohortPage>>>;

/** The roster with each session's attendance, for a spreadsheet; null when not allowed. */
export async function rosterAndAttendanceCsv(
  slug: string,
  viewer: CohortViewer,
): Promise<string | null> {
  const cohort = await managedCohort(slug, viewer);
  if (!cohort) return null;
  const [sessions, members, attendance] = await Promise.all([
    db
      .select({
        id: cohortSessions.id,
        title: cohortSessions.title,
        startsAt: cohortSessions.startsAt,
      })
      .from(cohortSessions)
      .where(eq(cohortSessions.cohortId, cohort.id))
      .orderBy(asc(cohortSessions.startsAt)),
    db
      .select({
        userId: users.id,
        name: users.displayName,
        email: users.email,
        organisation: users.organisation,
        sector: users.sector,
        country: users.country,
        status: cohortMembers.status,
      })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .where(
        and(
          eq(cohortMembers.cohortId, cohort.id),
          inArray(cohortMembers.status, ["enrolled", "waitlisted", "applied"]),
        ),
      )
      .orderBy(asc(users.displayName)),
    db
      .select({
        sessionId: sessionAttendance.sessionId,
        userId: sessionAttendance.userId,
        present: sessionAttendance.present,
      })
      .from(sessionAttendance)
      .innerJoin(cohortSessions, eq(cohortSessions.id, sessionAttendance.sessionId))
      .where(eq(cohortSessions.cohortId, cohort.id)),
  ]);
  const recorded = new Map(
    attendance.map((row) => [`${row.sessionId}:${row.userId}`, row.present]),
  );
  const header = [
    "name",
    "email",
    "organisation",
    "sector",
    "country",
    "status",
    ...sessions.map((session) => `${session.startsAt.toISOString().slice(0, 10)} ${session.title}`),
  ];
  const rows = members.map((member) => [
    member.name,
    member.email,
    member.organisation ?? "",
    member.sector ?? "",
    getCountryName(member.country) ?? member.country ?? "",
    member.status,
    ...sessions.map((session) => {
      const present = recorded.get(`${session.id}:${member.userId}`);
      return present === undefined ? "" : present ? "present" : "absent";
    }),
  ]);
  return toCsv([header, ...rows]);
}
