/**
 * Joining and leaving a cohort: enrol, apply, invite, decide, withdraw, and the waitlist.
 *
 * Every change that can fill or free a place runs in one transaction that first locks the
 * cohort's row, so concurrent enrolments are decided one after another and a cohort is never
 * overbooked; a freed place goes to the earliest person on the waitlist in that same
 * transaction. The people concerned are notified in the same transaction (facilitators of an
 * application; applicants of a decision; whoever the waitlist promotes).
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { cohortFacilitators, cohortMembers, cohorts } from "../../../db/schema";
import type { Database } from "../../../db/client";
import { db } from "~/utils/db.server";
import { notify, prepareNotifications } from "../notifications/notifications.server";
import { getCohortAccess, type CohortMemberStatus, type CohortViewer } from "./access.server";
import {
  cohortApplicationReceivedKind,
  cohortPlaceChangedKind,
} from "./cohort-notifications.server";
import { cohortHref } from "./paths";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type EnrolmentFailure =
  | "not-found"
  | "forbidden"
  | "enrolment-closed"
  | "invitation-only"
  | "already-joined"
  | "answers-missing"
  | "not-pending"
  | "not-a-member";

export type EnrolmentResult =
  | { ok: true; status: CohortMemberStatus; promotedUserIds: string[] }
  | { ok: false; reason: EnrolmentFailure; status?: CohortMemberStatus };

async function lockCohort(tx: Transaction, cohortId: string) {
  const [cohort] = await tx
    .select({
      id: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      capacity: cohorts.capacity,
      enrolmentMode: cohorts.enrolmentMode,
      status: cohorts.status,
      opensAt: cohorts.enrolmentOpensAt,
      closesAt: cohorts.enrolmentClosesAt,
      questions: cohorts.applicationQuestions,
    })
    .from(cohorts)
    .where(eq(cohorts.id, cohortId))
    .for("update");
  return cohort;
}

async function enrolledCount(tx: Transaction, cohortId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.status, "enrolled")));
  return row?.value ?? 0;
}

async function memberStatus(tx: Transaction, cohortId: string, userId: string) {
  const [row] = await tx
    .select({ status: cohortMembers.status })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return row?.status ?? null;
}

/** Enrolled if there is room, else at the end of the waitlist. */
async function placeOrWaitlist(
  tx: Transaction,
  cohort: { id: string; capacity: number },
  userId: string,
  values: Partial<typeof cohortMembers.$inferInsert> = {},
): Promise<CohortMemberStatus> {
  const now = new Date();
  const hasRoom = (await enrolledCount(tx, cohort.id)) < cohort.capacity;
  const status: CohortMemberStatus = hasRoom ? "enrolled" : "waitlisted";
  const row = {
    ...values,
    status,
    enrolledAt: hasRoom ? now : null,
    waitlistedAt: hasRoom ? null : now,
    updatedAt: now,
  };
  await tx
    .insert(cohortMembers)
    .values({ cohortId: cohort.id, userId, ...row })
    .onConflictDoUpdate({ target: [cohortMembers.cohortId, cohortMembers.userId], set: row });
  return status;
}

type LockedCohort = NonNullable<Awaited<ReturnType<typeof lockCohort>>>;

async function tellPlaceChanged(
  tx: Transaction,
  cohort: Pick<LockedCohort, "id" | "slug" | "title">,
  userIds: string[],
  outcome: "accepted" | "waitlisted" | "declined" | "promoted",
  message?: string | null,
) {
  await notify(tx, {
    recipientIds: userIds,
    kind: cohortPlaceChangedKind,
    data: { cohort: cohort.title, outcome, ...(message ? { message } : {}) },
    link: cohortHref(cohort.slug),
    subjectId: cohort.id,
  });
}

/** Fills free places from the waitlist, earliest first, and tells those promoted; returns them. */
async function promoteFromWaitlist(
  tx: Transaction,
  cohort: Pick<LockedCohort, "id" | "slug" | "title" | "capacity">,
): Promise<string[]> {
  const free = cohort.capacity - (await enrolledCount(tx, cohort.id));
  if (free <= 0) return [];
  const waiting = await tx
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.status, "waitlisted")))
    .orderBy(asc(cohortMembers.waitlistedAt), asc(cohortMembers.userId))
    .limit(free);
  const now = new Date();
  for (const { userId } of waiting) {
    await tx
      .update(cohortMembers)
      .set({ status: "enrolled", enrolledAt: now, updatedAt: now })
      .where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.userId, userId)));
  }
  const promoted = waiting.map((row) => row.userId);
  if (promoted.length > 0) await tellPlaceChanged(tx, cohort, promoted, "promoted");
  return promoted;
}

function isEnrolmentOpen(
  cohort: { status: string; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): boolean {
  if (cohort.status !== "open" && cohort.status !== "running") return false;
  if (cohort.opensAt && now < cohort.opensAt) return false;
  if (cohort.closesAt && now > cohort.closesAt) return false;
  return true;
}

/**
 * The viewer joins: enrolled or waitlisted in an open cohort, an application in an
 * application cohort (answers required, one per question), enrolled or waitlisted from an
 * invitation in an invitation-only one.
 */
export async function joinCohort(
  viewer: CohortViewer,
  cohortId: string,
  answers: readonly string[] = [],
  now = new Date(),
): Promise<EnrolmentResult> {
  await prepareNotifications();
  return db.transaction(async (tx) => {
    const cohort = await lockCohort(tx, cohortId);
    if (!cohort || cohort.status === "draft") return { ok: false, reason: "not-found" };
    const current = await memberStatus(tx, cohortId, viewer.id);
    if (current && current !== "withdrawn" && current !== "declined" && current !== "invited") {
      return { ok: false, reason: "already-joined", status: current };
    }
    if (current !== "invited" && !isEnrolmentOpen(cohort, now))
      return { ok: false, reason: "enrolment-closed" };

    if (cohort.enrolmentMode === "invitation" && current !== "invited")
      return { ok: false, reason: "invitation-only" };
    if (cohort.enrolmentMode === "application" && current !== "invited") {
      const trimmed = cohort.questions.map((_, index) => (answers[index] ?? "").trim());
      if (trimmed.some((answer) => answer.length === 0))
        return { ok: false, reason: "answers-missing" };
      const row = {
        status: "applied" as const,
        applicationAnswers: trimmed,
        decisionMessage: null,
        decidedBy: null,
        updatedAt: now,
      };
      await tx
        .insert(cohortMembers)
        .values({ cohortId, userId: viewer.id, ...row })
        .onConflictDoUpdate({ target: [cohortMembers.cohortId, cohortMembers.userId], set: row });
      const facilitators = await tx
        .select({ userId: cohortFacilitators.userId })
        .from(cohortFacilitators)
        .where(eq(cohortFacilitators.cohortId, cohortId));
      await notify(tx, {
        recipientIds: facilitators.map((facilitator) => facilitator.userId),
        kind: cohortApplicationReceivedKind,
        data: { cohort: cohort.title },
        link: cohortHref(cohort.slug),
        subjectId: cohortId,
        groupKey: `applications:${cohortId}`,
      });
      return { ok: true, status: "applied", promotedUserIds: [] };
    }
    const status = await placeOrWaitlist(tx, cohort, viewer.id);
    return { ok: true, status, promotedUserIds: [] };
  });
}

/** A facilitator invites a person to an invitation-only (or any) cohort. */
export async function inviteToCohort(
  viewer: CohortViewer,
  cohortId: string,
  userId: string,
): Promise<EnrolmentResult> {
  await prepareNotifications();
  return db.transaction(async (tx) => {
    const cohort = await lockCohort(tx, cohortId);
    if (!cohort) return { ok: false, reason: "not-found" };
    if (!(await getCohortAccess(cohortId, viewer, tx)).canManage)
      return { ok: false, reason: "forbidden" };
    const current = await memberStatus(tx, cohortId, userId);
    if (current === "enrolled" || current === "waitlisted" || current === "invited") {
      return { ok: false, reason: "already-joined", status: current };
    }
    const row = { status: "invited" as const, updatedAt: new Date() };
    await tx
      .insert(cohortMembers)
      .values({ cohortId, userId, ...row })
      .onConflictDoUpdate({ target: [cohortMembers.cohortId, cohortMembers.userId], set: row });
    return { ok: true, status: "invited", promotedUserIds: [] };
  });
}

/** A facilitator accepts (enrolled, or waitlisted when full) or declines an application, with a message. */
export async function decideApplication(
  viewer: CohortViewer,
  cohortId: string,
  applicantId: string,
  decision: "accept" | "decline",
  message: string,
): Promise<EnrolmentResult> {
  await prepareNotifications();
  return db.transaction(async (tx) => {
    const cohort = await lockCohort(tx, cohortId);
    if (!cohort) return { ok: false, reason: "not-found" };
    if (!(await getCohortAccess(cohortId, viewer, tx)).canManage)
      return { ok: false, reason: "forbidden" };
    const current = await memberStatus(tx, cohortId, applicantId);
    if (current !== "applied")
      return { ok: false, reason: "not-pending", ...(current ? { status: current } : {}) };
    const decided = { decisionMessage: message.trim() || null, decidedBy: viewer.id };
    if (decision === "decline") {
      await tx
        .update(cohortMembers)
        .set({ status: "declined", ...decided, updatedAt: new Date() })
        .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, applicantId)));
      await tellPlaceChanged(tx, cohort, [applicantId], "declined", decided.decisionMessage);
      return { ok: true, status: "declined", promotedUserIds: [] };
    }
    const status = await placeOrWaitlist(tx, cohort, applicantId, decided);
    await tellPlaceChanged(
      tx,
      cohort,
      [applicantId],
      status === "enrolled" ? "accepted" : "waitlisted",
      decided.decisionMessage,
    );
    return { ok: true, status, promotedUserIds: [] };
  });
}

/** The viewer leaves (or withdraws an application); a freed place goes to the waitlist. */
export async function withdrawFromCohort(
  viewer: CohortViewer,
  cohortId: string,
): Promise<EnrolmentResult> {
  await prepareNotifications();
  return db.transaction(async (tx) => {
    const cohort = await lockCohort(tx, cohortId);
    if (!cohort) return { ok: false, reason: "not-found" };
    const current = await memberStatus(tx, cohortId, viewer.id);
    if (!current || current === "withdrawn" || current === "declined")
      return { ok: false, reason: "not-a-member" };
    await tx
      .update(cohortMembers)
      .set({ status: "withdrawn", enrolledAt: null, waitlistedAt: null, updatedAt: new Date() })
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, viewer.id)));
    const promotedUserIds = current === "enrolled" ? await promoteFromWaitlist(tx, cohort) : [];
    return { ok: true, status: "withdrawn", promotedUserIds };
  });
}

export type CapacityResult =
  | { ok: true; promotedUserIds: string[] }
  | {
      ok: false;
      reason: "not-found" | "forbidden" | "below-enrolment" | "invalid";
      enrolled?: number;
    };

/** A facilitator changes the capacity: never below those enrolled; a rise promotes from the waitlist. */
export async function setCohortCapacity(
  viewer: CohortViewer,
  cohortId: string,
  capacity: number,
): Promise<CapacityResult> {
  if (!Number.isInteger(capacity) || capacity < 1) return { ok: false, reason: "invalid" };
  await prepareNotifications();
  return db.transaction(async (tx) => {
    const cohort = await lockCohort(tx, cohortId);
    if (!cohort) return { ok: false, reason: "not-found" };
    if (!(await getCohortAccess(cohortId, viewer, tx)).canManage)
      return { ok: false, reason: "forbidden" };
    const enrolled = await enrolledCount(tx, cohortId);
    if (capacity < enrolled) return { ok: false, reason: "below-enrolment", enrolled };
    await tx
      .update(cohorts)
      .set({ capacity, updatedAt: sql`now()` })
      .where(eq(cohorts.id, cohortId));
    return { ok: true, promotedUserIds: await promoteFromWaitlist(tx, { ...cohort, capacity }) };
  });
}

/** Counts by status, for the facilitator's view and the public "places left". */
export async function countMembersByStatus(
  cohortId: string,
): Promise<Partial<Record<CohortMemberStatus, number>>> {
  const rows = await db
    .select({ status: cohortMembers.status, value: count() })
    .from(cohortMembers)
    .where(eq(cohortMembers.cohortId, cohortId))
    .groupBy(cohortMembers.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.value]));
}
