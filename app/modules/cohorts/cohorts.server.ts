/**
 * Cohorts and their sessions: what facilitators create and edit, and what the cohort list
 * shows. Every command checks the actor itself (access.server.ts), so a route that forgot its
 * check still cannot change a cohort.
 */
import { and, arrayContains, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { slug as githubSlug } from "github-slugger";
import { cohortFacilitators, cohortMembers, cohortSessions, cohorts } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { notify, prepareNotifications } from "../notifications/notifications.server";
import { canCreateCohorts, getCohortAccess, type CohortViewer } from "./access.server";
import { cohortSessionChangedKind } from "./cohort-notifications.server";
import { sessionHref } from "./paths";
import { sessionTimesFromWallTimes, type SessionTimesResult } from "./session-times";

export type CohortStatus = (typeof cohorts.$inferSelect)["status"];
export type EnrolmentMode = (typeof cohorts.$inferSelect)["enrolmentMode"];

export interface CohortInput {
  title: string;
  summary: string;
  audiences: string[];
  learningGoals: string;
  courseSlugs: string[];
  toolkitSlugs: string[];
  capacity: number;
  enrolmentMode: EnrolmentMode;
  applicationQuestions: string[];
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
  status: CohortStatus;
  language: string;
  timeZone: string;
}

export type CohortCommandFailure = "forbidden" | "not-found" | "window-ends-before-start";

export function cohortSlugFromTitle(title: string): string {
  return githubSlug(title).slice(0, 80).replace(/-+$/, "") || "cohort";
}

async function uniqueSlug(title: string): Promise<string> {
  const base = cohortSlugFromTitle(title);
  const taken = new Set(
    (
      await db
        .select({ slug: cohorts.slug })
        .from(cohorts)
        .where(sql`${cohorts.slug} = ${base} or ${cohorts.slug} like ${`${base}-%`}`)
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1)
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

/** A facilitator (or admin) creates a cohort and becomes its first facilitator. */
export async function createCohort(
  viewer: CohortViewer,
  input: CohortInput,
): Promise<{ ok: true; id: string; slug: string } | { ok: false; reason: CohortCommandFailure }> {
  if (!canCreateCohorts(viewer)) return { ok: false, reason: "forbidden" };
  if (
    input.enrolmentOpensAt &&
    input.enrolmentClosesAt &&
    input.enrolmentClosesAt <= input.enrolmentOpensAt
  ) {
    return { ok: false, reason: "window-ends-before-start" };
  }
  const id = crypto.randomUUID();
  const slug = await uniqueSlug(input.title);
  await db.transaction(async (tx) => {
    await tx.insert(cohorts).values({ id, slug, ...input, createdBy: viewer.id });
    await tx.insert(cohortFacilitators).values({ cohortId: id, userId: viewer.id });
  });
  return { ok: true, id, slug };
}

/** Edits everything but the capacity, which enrolment.server.ts changes under the cohort's lock. */
export async function updateCohort(
  viewer: CohortViewer,
  cohortId: string,
  input: Omit<CohortInput, "capacity">,
): Promise<{ ok: true } | { ok: false; reason: CohortCommandFailure }> {
  if (!(await getCohortAccess(cohortId, viewer)).canManage)
    return { ok: false, reason: "forbidden" };
  if (
    input.enrolmentOpensAt &&
    input.enrolmentClosesAt &&
    input.enrolmentClosesAt <= input.enrolmentOpensAt
  ) {
    return { ok: false, reason: "window-ends-before-start" };
  }
  const updated = await db
    .update(cohorts)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(cohorts.id, cohortId))
    .returning({ id: cohorts.id });
  return updated.length > 0 ? { ok: true } : { ok: false, reason: "not-found" };
}

export async function addFacilitator(viewer: CohortViewer, cohortId: string, userId: string) {
  if (!(await getCohortAccess(cohortId, viewer)).canManage)
    return { ok: false as const, reason: "forbidden" as const };
  await db.insert(cohortFacilitators).values({ cohortId, userId }).onConflictDoNothing();
  return { ok: true as const };
}

export interface CohortFilters {
  status?: Exclude<CohortStatus, "draft">;
  audience?: string;
  language?: string;
}

/** The public list: every cohort but drafts, open ones first, then running, then finished. */
export async function listCohorts(filters: CohortFilters = {}) {
  const conditions = [ne(cohorts.status, "draft")];
  if (filters.status) conditions.push(eq(cohorts.status, filters.status));
  if (filters.audience) conditions.push(arrayContains(cohorts.audiences, [filters.audience]));
  if (filters.language) conditions.push(eq(cohorts.language, filters.language));
  return db
    .select({
      id: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      summary: cohorts.summary,
      status: cohorts.status,
      audiences: cohorts.audiences,
      language: cohorts.language,
      enrolmentMode: cohorts.enrolmentMode,
      capacity: cohorts.capacity,
      enrolmentClosesAt: cohorts.enrolmentClosesAt,
      firstSessionAt:
        sql<Date | null>`(select min(${cohortSessions.startsAt}) from ${cohortSessions} where ${cohortSessions.cohortId} = ${cohorts.id} and ${cohortSessions.cancelledAt} is null)`.mapWith(
          (value: string | Date | null) => (value === null ? null : new Date(value)),
        ),
    })
    .from(cohorts)
    .where(and(...conditions))
    .orderBy(
      sql`case ${cohorts.status} when 'open' then 0 when 'running' then 1 else 2 end`,
      asc(cohorts.title),
    );
}

export interface SessionInput {
  title: string;
  agenda: string;
  /** Wall-clock values (datetime-local) in `timeZone`. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  meetingLink: string | null;
  materials: string;
  preWork: Array<{ kind: "lesson" | "toolkit-entry"; slug: string }>;
}

export type SessionCommandResult =
  | { ok: true; id: string }
  | { ok: false; reason: "forbidden" | "not-found" }
  | { ok: false; reason: "times"; times: Extract<SessionTimesResult, { ok: false }> };

export async function addSession(
  viewer: CohortViewer,
  cohortId: string,
  input: SessionInput,
): Promise<SessionCommandResult> {
  if (!(await getCohortAccess(cohortId, viewer)).canManage)
    return { ok: false, reason: "forbidden" };
  const times = sessionTimesFromWallTimes({
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    zone: input.timeZone,
  });
  if (!times.ok) return { ok: false, reason: "times", times };
  const id = crypto.randomUUID();
  await db.insert(cohortSessions).values({
    id,
    cohortId,
    title: input.title,
    agenda: input.agenda,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    timeZone: times.zone,
    meetingLink: input.meetingLink,
    materials: input.materials,
    preWork: input.preWork,
  });
  return { ok: true, id };
}

async function cohortOfSession(sessionId: string) {
  const [row] = await db
    .select({
      cohortId: cohortSessions.cohortId,
      startsAt: cohortSessions.startsAt,
      endsAt: cohortSessions.endsAt,
    })
    .from(cohortSessions)
    .where(eq(cohortSessions.id, sessionId));
  return row;
}

/** Tells the enrolled members that a session moved or was cancelled. */
async function tellSessionChanged(sessionId: string, change: "moved" | "cancelled") {
  await prepareNotifications();
  await db.transaction(async (tx) => {
    const [session] = await tx
      .select({
        title: cohortSessions.title,
        startsAt: cohortSessions.startsAt,
        cohortId: cohorts.id,
        cohortSlug: cohorts.slug,
        cohortTitle: cohorts.title,
      })
      .from(cohortSessions)
      .innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
      .where(eq(cohortSessions.id, sessionId));
    if (!session) return;
    const members = await tx
      .select({ userId: cohortMembers.userId })
      .from(cohortMembers)
      .where(
        and(eq(cohortMembers.cohortId, session.cohortId), eq(cohortMembers.status, "enrolled")),
      );
    await notify(tx, {
      recipientIds: members.map((member) => member.userId),
      kind: cohortSessionChangedKind,
      data: {
        cohort: session.cohortTitle,
        session: session.title,
        change,
        startsAt: session.startsAt.toISOString(),
      },
      link: sessionHref(session.cohortSlug, sessionId),
      subjectId: session.cohortId,
    });
  });
}

/** A changed time raises the revision, so calendars follow, reminders move and members are told. */
export async function updateSession(
  viewer: CohortViewer,
  sessionId: string,
  input: SessionInput,
): Promise<SessionCommandResult> {
  const session = await cohortOfSession(sessionId);
  if (!session) return { ok: false, reason: "not-found" };
  if (!(await getCohortAccess(session.cohortId, viewer)).canManage)
    return { ok: false, reason: "forbidden" };
  const times = sessionTimesFromWallTimes({
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    zone: input.timeZone,
  });
  if (!times.ok) return { ok: false, reason: "times", times };
  await db
    .update(cohortSessions)
    .set({
      title: input.title,
      agenda: input.agenda,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      timeZone: times.zone,
      meetingLink: input.meetingLink,
      materials: input.materials,
      preWork: input.preWork,
      revision: sql`${cohortSessions.revision} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(cohortSessions.id, sessionId));
  const moved =
    times.startsAt.getTime() !== session.startsAt.getTime() ||
    times.endsAt.getTime() !== session.endsAt.getTime();
  if (moved) await tellSessionChanged(sessionId, "moved");
  return { ok: true, id: sessionId };
}

export async function cancelSession(
  viewer: CohortViewer,
  sessionId: string,
): Promise<SessionCommandResult> {
  const session = await cohortOfSession(sessionId);
  if (!session) return { ok: false, reason: "not-found" };
  if (!(await getCohortAccess(session.cohortId, viewer)).canManage)
    return { ok: false, reason: "forbidden" };
  const cancelled = await db
    .update(cohortSessions)
    .set({
      cancelledAt: new Date(),
      revision: sql`${cohortSessions.revision} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(cohortSessions.id, sessionId), isNull(cohortSessions.cancelledAt)))
    .returning({ id: cohortSessions.id });
  // Cancelling twice tells nobody twice.
  if (cancelled.length > 0) await tellSessionChanged(sessionId, "cancelled");
  return { ok: true, id: sessionId };
}

/** A cohort's sessions in order; meeting links and materials only for those who may see them. */
export async function listSessions(cohortId: string, viewer: CohortViewer | null) {
  const access = await getCohortAccess(cohortId, viewer);
  const rows = await db
    .select()
    .from(cohortSessions)
    .where(eq(cohortSessions.cohortId, cohortId))
    .orderBy(asc(cohortSessions.startsAt));
  return rows.map((row) =>
    access.canSeePrivate ? row : { ...row, meetingLink: null, materials: "", recordingLink: null },
  );
}

/** Ids of cohorts a person facilitates, for the facilitation space. */
export async function listFacilitatedCohortIds(userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: cohortFacilitators.cohortId })
    .from(cohortFacilitators)
    .where(eq(cohortFacilitators.userId, userId));
  return rows.map((row) => row.id);
}

export async function getCohortsByIds(ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(cohorts)
    .where(inArray(cohorts.id, [...ids]));
}
