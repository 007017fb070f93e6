/**
 * Calendars of cohort sessions: one session, a whole cohort, and each person's private feed
 * (every session of every cohort they are enrolled in or facilitate) that a calendar app can
 * subscribe to with a secret URL. The feed's token reads that person's calendar and nothing
 * else; only its hash is stored, and issuing a new one revokes the old one.
 */
import { and, asc, eq, inArray, or } from "drizzle-orm";
import {
  calendarFeedTokens,
  cohortFacilitators,
  cohortMembers,
  cohortSessions,
  cohorts,
} from "../../../db/schema";
import { db } from "~/utils/db.server";
import { generateToken, hashToken } from "../auth/tokens.server";
import { getCohortAccess, type CohortViewer } from "./access.server";
import { sessionsToICalendar, type CalendarSession } from "./calendar.server";
import { cohortHref, sessionHref } from "./paths";

export async function issueCalendarFeedToken(userId: string): Promise<string> {
  const token = generateToken();
  const row = { tokenHash: hashToken(token), createdAt: new Date() };
  await db
    .insert(calendarFeedTokens)
    .values({ userId, ...row })
    .onConflictDoUpdate({ target: calendarFeedTokens.userId, set: row });
  return token;
}

export async function revokeCalendarFeedToken(userId: string): Promise<void> {
  await db.delete(calendarFeedTokens).where(eq(calendarFeedTokens.userId, userId));
}

export async function hasCalendarFeed(userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: calendarFeedTokens.userId })
    .from(calendarFeedTokens)
    .where(eq(calendarFeedTokens.userId, userId));
  return rows.length > 0;
}

type SessionRow = typeof cohortSessions.$inferSelect & { cohortSlug: string; cohortTitle: string };

function toCalendarSession(row: SessionRow, origin: string, withPrivate: boolean): CalendarSession {
  return {
    uid: `${row.id}@practica`,
    sequence: row.revision,
    title: `${row.title} (${row.cohortTitle})`,
    description: row.agenda,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    zone: row.timeZone,
    url: `${origin}${sessionHref(row.cohortSlug, row.id)}`,
    meetingLink: withPrivate ? row.meetingLink : null,
    isCancelled: row.cancelledAt !== null,
    updatedAt: row.updatedAt,
  };
}

const sessionColumns = {
  id: cohortSessions.id,
  cohortId: cohortSessions.cohortId,
  title: cohortSessions.title,
  agenda: cohortSessions.agenda,
  startsAt: cohortSessions.startsAt,
  endsAt: cohortSessions.endsAt,
  timeZone: cohortSessions.timeZone,
  meetingLink: cohortSessions.meetingLink,
  materials: cohortSessions.materials,
  recordingLink: cohortSessions.recordingLink,
  preWork: cohortSessions.preWork,
  cancelledAt: cohortSessions.cancelledAt,
  revision: cohortSessions.revision,
  createdAt: cohortSessions.createdAt,
  updatedAt: cohortSessions.updatedAt,
  cohortSlug: cohorts.slug,
  cohortTitle: cohorts.title,
};

/** The private feed for a token, or null for a token that is unknown or revoked. */
export async function personalCalendar(token: string, origin: string): Promise<string | null> {
  const [owner] = await db
    .select({ userId: calendarFeedTokens.userId })
    .from(calendarFeedTokens)
    .where(eq(calendarFeedTokens.tokenHash, hashToken(token)));
  if (!owner) return null;
  const memberOf = db
    .select({ id: cohortMembers.cohortId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.userId, owner.userId), eq(cohortMembers.status, "enrolled")));
  const facilitates = db
    .select({ id: cohortFacilitators.cohortId })
    .from(cohortFacilitators)
    .where(eq(cohortFacilitators.userId, owner.userId));
  const rows = await db
    .select(sessionColumns)
    .from(cohortSessions)
    .innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
    .where(
      or(inArray(cohortSessions.cohortId, memberOf), inArray(cohortSessions.cohortId, facilitates)),
    )
    .orderBy(asc(cohortSessions.startsAt));
  return sessionsToICalendar({
    name: "Practica: my cohort sessions",
    sessions: rows.map((row) => toCalendarSession(row, origin, true)),
  });
}

/** A cohort's sessions (or one of them); meeting links only for those who may see them. Null when not found. */
export async function cohortCalendar(
  cohortSlug: string,
  viewer: CohortViewer | null,
  origin: string,
  sessionId?: string,
): Promise<string | null> {
  const [cohort] = await db
    .select({ id: cohorts.id, title: cohorts.title, status: cohorts.status })
    .from(cohorts)
    .where(eq(cohorts.slug, cohortSlug));
  if (!cohort) return null;
  const access = await getCohortAccess(cohort.id, viewer);
  if (cohort.status === "draft" && !access.canManage) return null;
  const rows = await db
    .select(sessionColumns)
    .from(cohortSessions)
    .innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
    .where(
      and(
        eq(cohortSessions.cohortId, cohort.id),
        sessionId ? eq(cohortSessions.id, sessionId) : undefined,
      ),
    )
    .orderBy(asc(cohortSessions.startsAt));
  if (sessionId && rows.length === 0) return null;
  return sessionsToICalendar({
    name: cohort.title,
    source: `${origin}${cohortHref(cohortSlug)}`,
    sessions: rows.map((row) => toCalendarSession(row, origin, access.canSeePrivate)),
  });
}
