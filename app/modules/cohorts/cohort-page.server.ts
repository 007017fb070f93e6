/**
 * What the cohort pages show, shaped for them: routes authorise, call one of these, render.
 * Private parts (roster, diversity summary, meeting links, materials, takeaways) are only
 * fetched for people who may see them.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import {
  cohortFacilitators,
  cohortMembers,
  cohortSessions,
  cohorts,
  sessionAbsences,
  sessionAttendance,
  users,
} from "../../../db/schema";
import { db } from "~/utils/db.server";
import { AUDIENCES } from "../content/vocabulary";
import { getCountryName, getLanguageName, LANGUAGES } from "../people/reference-data";
import { getCohortAccess, type CohortAccess, type CohortViewer } from "./access.server";
import { hasCalendarFeed } from "./calendar-feed.server";
import { listCohorts, listSessions } from "./cohorts.server";
import { countMembersByStatus } from "./enrolment.server";
import { listTakeaways } from "./participation.server";
import { describeSessionDay, describeSessionTimes } from "./session-times";

export type PageViewer = CohortViewer & { timeZone: string | null };

/** Times are shown in the viewer's zone, or in the cohort's for someone who has not said theirs. */
function zoneFor(viewer: PageViewer | null, cohortZone: string): string {
  return viewer?.timeZone ?? cohortZone;
}

async function findCohort(slug: string) {
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.slug, slug));
  return cohort;
}

export interface RosterEntry {
  userId: string;
  name: string;
  organisation: string | null;
  sector: string | null;
  country: string | null;
  countryName: string | null;
}

async function enrolledRoster(cohortId: string): Promise<RosterEntry[]> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      organisation: users.organisation,
      sector: users.sector,
      country: users.country,
      showsOrganisation: cohortMembers.showsOrganisation,
      showsSector: cohortMembers.showsSector,
      showsCountry: cohortMembers.showsCountry,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.status, "enrolled")))
    .orderBy(asc(users.displayName));
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    organisation: row.showsOrganisation ? row.organisation : null,
    sector: row.showsSector ? row.sector : null,
    country: row.showsCountry ? row.country : null,
    countryName: row.showsCountry ? (getCountryName(row.country) ?? null) : null,
  }));
}

export interface DiversitySummary {
  participants: number;
  organisations: number;
  countries: number;
  bySector: Array<{ sector: string; count: number }>;
  byCountry: Array<{ country: string; name: string; count: number }>;
}

/** "32 participants from 23 organisations in 10 countries", from what members chose to share. */
export function summariseDiversity(roster: readonly RosterEntry[]): DiversitySummary {
  const tally = (values: Array<string | null>) => {
    const counts = new Map<string, number>();
    for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const organisations = new Set(
    roster.flatMap((entry) =>
      entry.organisation ? [entry.organisation.trim().toLowerCase()] : [],
    ),
  );
  const byCountry = tally(roster.map((entry) => entry.country));
  return {
    participants: roster.length,
    organisations: organisations.size,
    countries: byCountry.length,
    bySector: tally(roster.map((entry) => entry.sector)).map(([sector, count]) => ({
      sector,
      count,
    })),
    byCountry: byCountry.map(([country, count]) => ({
      country,
      name: getCountryName(country) ?? country,
      count,
    })),
  };
}

export async function getCohortPage(slug: string, viewer: PageViewer | null, now = new Date()) {
  const cohort = await findCohort(slug);
  if (!cohort) return null;
  const access = await getCohortAccess(cohort.id, viewer);
  if (cohort.status === "draft" && !access.canManage) return null;
  const zone = zoneFor(viewer, cohort.timeZone);
  const [sessions, counts, roster, takeaways] = await Promise.all([
    listSessions(cohort.id, viewer),
    countMembersByStatus(cohort.id),
    access.canSeePrivate ? enrolledRoster(cohort.id) : Promise.resolve(null),
    access.canSeePrivate ? listTakeaways(cohort.id, viewer) : Promise.resolve([]),
  ]);
  const enrolled = counts.enrolled ?? 0;
  return {
    cohort: {
      id: cohort.id,
      slug: cohort.slug,
      title: cohort.title,
      summary: cohort.summary,
      audiences: cohort.audiences,
      learningGoals: cohort.learningGoals,
      status: cohort.status,
      language: cohort.language,
      enrolmentMode: cohort.enrolmentMode,
      applicationQuestions: cohort.applicationQuestions,
      capacity: cohort.capacity,
      enrolmentClosesAt: cohort.enrolmentClosesAt,
      enrolmentOpensAt: cohort.enrolmentOpensAt,
    },
    access,
    zone,
    placesLeft: Math.max(0, cohort.capacity - enrolled),
    waitlisted: counts.waitlisted ?? 0,
    sessions: sessions.map((session) => ({
      id: session.id,
      title: session.title,
      agenda: session.agenda,
      isCancelled: session.cancelledAt !== null,
      isPast: session.endsAt < now,
      meetingLink: session.meetingLink,
      times: describeSessionTimes(session.startsAt, session.endsAt, zone),
    })),
    roster,
    diversity: roster ? summariseDiversity(roster) : null,
    takeaways,
  };
}

export type CohortPage = NonNullable<Awaited<ReturnType<typeof getCohortPage>>>;

export async function getSessionPage(
  slug: string,
  sessionId: string,
  viewer: PageViewer | null,
  now = new Date(),
) {
  const cohort = await findCohort(slug);
  if (!cohort) return null;
  const access: CohortAccess = await getCohortAccess(cohort.id, viewer);
  if (cohort.status === "draft" && !access.canManage) return null;
  const [session] = await db
    .select()
    .from(cohortSessions)
    .where(and(eq(cohortSessions.id, sessionId), eq(cohortSessions.cohortId, cohort.id)));
  if (!session) return null;
  const zone = zoneFor(viewer, cohort.timeZone);
  const mine =
    viewer && access.memberStatus === "enrolled"
      ? await Promise.all([
          db
            .select({ present: sessionAttendance.present })
            .from(sessionAttendance)
            .where(
              and(
                eq(sessionAttendance.sessionId, sessionId),
                eq(sessionAttendance.userId, viewer.id),
              ),
            ),
          db
            .select({ note: sessionAbsences.note })
            .from(sessionAbsences)
            .where(
              and(eq(sessionAbsences.sessionId, sessionId), eq(sessionAbsences.userId, viewer.id)),
            ),
        ])
      : null;
  const takeaways = access.canSeePrivate
    ? (await listTakeaways(cohort.id, viewer)).filter(
        (takeaway) => takeaway.sessionId === sessionId,
      )
    : [];
  return {
    cohort: { id: cohort.id, slug: cohort.slug, title: cohort.title },
    access,
    zone,
    session: {
      id: session.id,
      title: session.title,
      agenda: session.agenda,
      isCancelled: session.cancelledAt !== null,
      hasStarted: session.startsAt <= now,
      isPast: session.endsAt < now,
      times: describeSessionTimes(session.startsAt, session.endsAt, zone),
      meetingLink: access.canSeePrivate ? session.meetingLink : null,
      materials: access.canSeePrivate ? session.materials : "",
      recordingLink: access.canSeePrivate ? session.recordingLink : null,
      preWork: session.preWork,
    },
    checkedIn: mine?.[0][0]?.present ?? false,
    absenceReported: (mine?.[1].length ?? 0) > 0,
    takeaways,
  };
}

export type SessionPage = NonNullable<Awaited<ReturnType<typeof getSessionPage>>>;

const LISTED_STATUSES = ["open", "running", "finished"] as const;

/** The cohort list with its filters, read from the query string; unknown values are ignored. */
export async function listCohortsPage(params: URLSearchParams, viewer: PageViewer | null) {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = params.get(name);
    return allowed.find((each) => each === value);
  };
  const filters = {
    status: pick("status", LISTED_STATUSES),
    audience: pick("audience", AUDIENCES),
    language: pick(
      "language",
      LANGUAGES.map((language) => language.code),
    ),
  };
  const rows = await listCohorts(filters);
  const all = filters.language ? await listCohorts({}) : rows;
  const zone = viewer?.timeZone ?? "UTC";
  return {
    isSignedIn: viewer !== null,
    filters,
    options: {
      statuses: LISTED_STATUSES,
      audiences: AUDIENCES,
      // Only languages some cohort is held in.
      languages: [...new Set(all.map((row) => row.language))].map((code) => ({
        code,
        name: getLanguageName(code),
      })),
    },
    cohorts: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      status: row.status,
      enrolmentMode: row.enrolmentMode,
      languageName: getLanguageName(row.language),
      firstSession: row.firstSessionAt ? describeSessionDay(row.firstSessionAt, zone) : null,
    })),
  };
}

/** The cohorts a person is in (any status but withdrawn) or facilitates, and whether they have a feed. */
export async function getMyCohortsPage(viewer: PageViewer) {
  const [memberships, facilitated, feed] = await Promise.all([
    db
      .select({
        slug: cohorts.slug,
        title: cohorts.title,
        cohortStatus: cohorts.status,
        memberStatus: cohortMembers.status,
      })
      .from(cohortMembers)
      .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
      .where(and(eq(cohortMembers.userId, viewer.id), ne(cohortMembers.status, "withdrawn")))
      .orderBy(asc(cohorts.title)),
    db
      .select({ slug: cohorts.slug, title: cohorts.title, cohortStatus: cohorts.status })
      .from(cohortFacilitators)
      .innerJoin(cohorts, eq(cohorts.id, cohortFacilitators.cohortId))
      .where(eq(cohortFacilitators.userId, viewer.id))
      .orderBy(asc(cohorts.title)),
    hasCalendarFeed(viewer.id),
  ]);
  return { memberships, facilitated, hasFeed: feed };
}
