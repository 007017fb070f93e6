/**
 * Taking part in sessions: telling the facilitator you cannot attend, checking in, attendance
 * taken by facilitators, feedback after a session, and takeaways.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  cohortMembers,
  cohortSessions,
  cohortTakeaways,
  sessionAbsences,
  sessionAttendance,
  sessionFeedback,
  users,
} from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getCohortAccess, type CohortViewer } from "./access.server";

/** Members may check themselves in from this long before a session starts until it ends. */
export const CHECK_IN_OPENS_BEFORE_MS = 15 * 60 * 1000;

export type ParticipationFailure =
  | "not-found"
  | "forbidden"
  | "cancelled"
  | "check-in-closed"
  | "session-not-over"
  | "invalid-rating"
  | "empty";

export type ParticipationResult = { ok: true } | { ok: false; reason: ParticipationFailure };

async function sessionWithAccess(sessionId: string, viewer: CohortViewer) {
  const [session] = await db
    .select({
      id: cohortSessions.id,
      cohortId: cohortSessions.cohortId,
      startsAt: cohortSessions.startsAt,
      endsAt: cohortSessions.endsAt,
      cancelledAt: cohortSessions.cancelledAt,
    })
    .from(cohortSessions)
    .where(eq(cohortSessions.id, sessionId));
  if (!session) return undefined;
  return { session, access: await getCohortAccess(session.cohortId, viewer) };
}

/** "I cannot attend": an enrolled member tells the facilitator, once, with an optional note. */
export async function reportAbsence(
  viewer: CohortViewer,
  sessionId: string,
  note: string,
): Promise<ParticipationResult> {
  const found = await sessionWithAccess(sessionId, viewer);
  if (!found) return { ok: false, reason: "not-found" };
  if (found.access.memberStatus !== "enrolled") return { ok: false, reason: "forbidden" };
  if (found.session.cancelledAt) return { ok: false, reason: "cancelled" };
  const row = { note: note.trim().slice(0, 500) };
  await db
    .insert(sessionAbsences)
    .values({ sessionId, userId: viewer.id, ...row })
    .onConflictDoUpdate({ target: [sessionAbsences.sessionId, sessionAbsences.userId], set: row });
  return { ok: true };
}

export async function withdrawAbsence(
  viewer: CohortViewer,
  sessionId: string,
): Promise<ParticipationResult> {
  await db
    .delete(sessionAbsences)
    .where(and(eq(sessionAbsences.sessionId, sessionId), eq(sessionAbsences.userId, viewer.id)));
  return { ok: true };
}

/** An enrolled member checks in during the session's window. */
export async function checkIn(
  viewer: CohortViewer,
  sessionId: string,
  now = new Date(),
): Promise<ParticipationResult> {
  const found = await sessionWithAccess(sessionId, viewer);
  if (!found) return { ok: false, reason: "not-found" };
  if (found.access.memberStatus !== "enrolled") return { ok: false, reason: "forbidden" };
  const { session } = found;
  if (session.cancelledAt) return { ok: false, reason: "cancelled" };
  const opens = session.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS;
  if (now.getTime() < opens || now.getTime() > session.endsAt.getTime())
    return { ok: false, reason: "check-in-closed" };
  const row = { present: true, recordedBy: viewer.id, recordedAt: now };
  await db
    .insert(sessionAttendance)
    .values({ sessionId, userId: viewer.id, ...row })
    .onConflictDoUpdate({
      target: [sessionAttendance.sessionId, sessionAttendance.userId],
      set: row,
    });
  return { ok: true };
}

/** A facilitator records who was there; people not listed as present are recorded absent. */
export async function takeAttendance(
  viewer: CohortViewer,
  sessionId: string,
  presentUserIds: readonly string[],
): Promise<ParticipationResult> {
  const found = await sessionWithAccess(sessionId, viewer);
  if (!found) return { ok: false, reason: "not-found" };
  if (!found.access.canManage) return { ok: false, reason: "forbidden" };
  const enrolled = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(
      and(eq(cohortMembers.cohortId, found.session.cohortId), eq(cohortMembers.status, "enrolled")),
    );
  const present = new Set(presentUserIds);
  const now = new Date();
  await db.transaction(async (tx) => {
    for (const { userId } of enrolled) {
      const row = { present: present.has(userId), recordedBy: viewer.id, recordedAt: now };
      await tx
        .insert(sessionAttendance)
        .values({ sessionId, userId, ...row })
        .onConflictDoUpdate({
          target: [sessionAttendance.sessionId, sessionAttendance.userId],
          set: row,
        });
    }
  });
  return { ok: true };
}

/** Feedback once a session has started (1 to 5, and a comment); a second submission replaces the first. */
export async function giveSessionFeedback(
  viewer: CohortViewer,
  sessionId: string,
  rating: number,
  comment: string,
  now = new Date(),
): Promise<ParticipationResult> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    return { ok: false, reason: "invalid-rating" };
  const found = await sessionWithAccess(sessionId, viewer);
  if (!found) return { ok: false, reason: "not-found" };
  if (found.access.memberStatus !== "enrolled") return { ok: false, reason: "forbidden" };
  if (now < found.session.startsAt) return { ok: false, reason: "session-not-over" };
  const row = { rating, comment: comment.trim().slice(0, 2000) };
  await db
    .insert(sessionFeedback)
    .values({ sessionId, userId: viewer.id, ...row })
    .onConflictDoUpdate({ target: [sessionFeedback.sessionId, sessionFeedback.userId], set: row });
  return { ok: true };
}

/** Members and facilitators write takeaways for the cohort, optionally about one session. */
export async function addTakeaway(
  viewer: CohortViewer,
  cohortId: string,
  body: string,
  sessionId: string | null,
): Promise<{ ok: true; id: number } | { ok: false; reason: ParticipationFailure }> {
  const access = await getCohortAccess(cohortId, viewer);
  if (!access.canSeePrivate) return { ok: false, reason: "forbidden" };
  const text = body.trim();
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (sessionId) {
    const [session] = await db
      .select({ id: cohortSessions.id })
      .from(cohortSessions)
      .where(and(eq(cohortSessions.id, sessionId), eq(cohortSessions.cohortId, cohortId)));
    if (!session) return { ok: false, reason: "not-found" };
  }
  const [row] = await db
    .insert(cohortTakeaways)
    .values({ cohortId, sessionId, authorId: viewer.id, body: text.slice(0, 5000) })
    .returning({ id: cohortTakeaways.id });
  return { ok: true, id: row!.id };
}

export async function listTakeaways(cohortId: string, viewer: CohortViewer | null) {
  if (!(await getCohortAccess(cohortId, viewer)).canSeePrivate) return [];
  return db
    .select({
      id: cohortTakeaways.id,
      body: cohortTakeaways.body,
      sessionId: cohortTakeaways.sessionId,
      authorName: users.displayName,
      createdAt: cohortTakeaways.createdAt,
      toolkitSuggestionId: cohortTakeaways.toolkitSuggestionId,
    })
    .from(cohortTakeaways)
    .innerJoin(users, eq(users.id, cohortTakeaways.authorId))
    .where(eq(cohortTakeaways.cohortId, cohortId))
    .orderBy(asc(cohortTakeaways.createdAt));
}

/** Per session: enrolled, present, told they could not attend, feedback average. Facilitators only. */
export async function attendanceReport(viewer: CohortViewer, cohortId: string) {
  const access = await getCohortAccess(cohortId, viewer);
  if (!access.canManage) return null;
  const sessions = await db
    .select({
      id: cohortSessions.id,
      title: cohortSessions.title,
      startsAt: cohortSessions.startsAt,
      cancelledAt: cohortSessions.cancelledAt,
    })
    .from(cohortSessions)
    .where(eq(cohortSessions.cohortId, cohortId))
    .orderBy(asc(cohortSessions.startsAt));
  const ids = sessions.map((session) => session.id);
  const [attendance, absences, feedback] = ids.length
    ? await Promise.all([
        db.select().from(sessionAttendance).where(inArray(sessionAttendance.sessionId, ids)),
        db.select().from(sessionAbsences).where(inArray(sessionAbsences.sessionId, ids)),
        db.select().from(sessionFeedback).where(inArray(sessionFeedback.sessionId, ids)),
      ])
    : [[], [], []];
  return sessions.map((session) => {
    const ratings = feedback.filter((row) => row.sessionId === session.id).map((row) => row.rating);
    return {
      ...session,
      present: attendance.filter((row) => row.sessionId === session.id && row.present).length,
      recorded: attendance.filter((row) => row.sessionId === session.id).length,
      absencesReported: absences.filter((row) => row.sessionId === session.id).length,
      feedbackCount: ratings.length,
      averageRating: ratings.length
        ? ratings.reduce((sum, value) => sum + value, 0) / ratings.length
        : null,
    };
  });
}
