/**
 * Who may do what in a cohort. One place, asked by every loader, action and query of the
 * cohorts module: admins and the cohort's facilitators manage it; enrolled members and its
 * facilitators see its private parts (roster, meeting links, materials, its discussion space).
 */
import { and, eq } from "drizzle-orm";
import { cohortFacilitators, cohortMembers } from "../../../db/schema";
import type { Database } from "../../../db/client";
import { db } from "~/utils/db.server";
import type { Role } from "../auth/roles";

export interface CohortViewer {
  id: string;
  roles: readonly Role[];
}

export type CohortMemberStatus = (typeof cohortMembers.$inferSelect)["status"];

export interface CohortAccess {
  canManage: boolean;
  isFacilitator: boolean;
  /** The viewer's own place in the cohort, if any. */
  memberStatus: CohortMemberStatus | null;
  /** Members and facilitators (and admins) see the private parts. */
  canSeePrivate: boolean;
}

export const NO_ACCESS: CohortAccess = {
  canManage: false,
  isFacilitator: false,
  memberStatus: null,
  canSeePrivate: false,
};

type Executor = Pick<Database, "select">;

export async function getCohortAccess(
  cohortId: string,
  viewer: CohortViewer | null,
  executor: Executor = db,
): Promise<CohortAccess> {
  if (!viewer) return NO_ACCESS;
  const [facilitator, member] = await Promise.all([
    executor
      .select({ userId: cohortFacilitators.userId })
      .from(cohortFacilitators)
      .where(
        and(eq(cohortFacilitators.cohortId, cohortId), eq(cohortFacilitators.userId, viewer.id)),
      ),
    executor
      .select({ status: cohortMembers.status })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, viewer.id))),
  ]);
  const isFacilitator = facilitator.length > 0;
  const isAdmin = viewer.roles.includes("admin");
  const memberStatus = member[0]?.status ?? null;
  return {
    canManage: isFacilitator || isAdmin,
    isFacilitator,
    memberStatus,
    canSeePrivate: isFacilitator || isAdmin || memberStatus === "enrolled",
  };
}

/** Facilitators and admins create cohorts. */
export function canCreateCohorts(viewer: CohortViewer | null): boolean {
  return Boolean(viewer?.roles.some((role) => role === "facilitator" || role === "admin"));
}
